#!/bin/sh
# Runs one display test in an X server of its own (xvfb-run -a picks a free
# display) with a window manager, which full-screen windows need, and a
# session bus and runtime folder of its own, so the accessibility bus of one
# test never meets another's.
#   KIOSK_TEST_SCREEN=1920x1080 run-under-display.sh TEST [ARGS…]
# Only the test writes to standard output (its TAP stream); the bus and the
# services it starts write to standard error.
set -eu
screen="${KIOSK_TEST_SCREEN:-1280x800}"
runtime_dir=$(mktemp -d "${TMPDIR:-/tmp}/kiosk-display-runtime-XXXXXX")
chmod 700 "$runtime_dir"
trap 'rm -rf "$runtime_dir"' EXIT
export XDG_RUNTIME_DIR="$runtime_dir"
exec 3>&1 1>&2
dbus-run-session -- xvfb-run -a -s "-screen 0 ${screen}x24 -nolisten tcp" \
  sh -c 'matchbox-window-manager -use_titlebar no >/dev/null 2>&1 & wm=$!
         "$@" >&3; rc=$?
         kill "$wm" 2>/dev/null || true
         exit $rc' sh "$@"
