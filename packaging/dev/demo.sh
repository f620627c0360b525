#!/usr/bin/env bash
# Installs what is missing, builds, and runs the kiosk demo on this display:
#   packaging/dev/demo.sh [--windowed]
set -euo pipefail
source "$(dirname "$0")/common.sh"

install_deps
build build

if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
  cat >&2 <<EOT
practitioner-kiosk needs a display, and this session has none (DISPLAY and
WAYLAND_DISPLAY are unset). Run the demo in a virtual display instead:

  xvfb-run -a -s '-screen 0 1280x800x24' packaging/dev/demo.sh

and take a screenshot with: import -display :99 -window root demo.png
EOT
  exit 1
fi

uninstalled_env
# a throw-away settings backend: the demo changes nothing on this machine
export GSETTINGS_BACKEND=memory
exec build/src/kiosk/practitioner-kiosk --demo "$@"
