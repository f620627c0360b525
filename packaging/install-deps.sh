#!/usr/bin/env bash
# Installs everything Practitioner Kiosk needs to build and to run its whole test suite
# on Debian 12. Idempotent and non-interactive: when every package is present it only
# asks dpkg and returns.
set -euo pipefail

packages=(
  # build
  meson ninja-build pkg-config gcc clang clang-format gettext
  libglib2.0-dev libgtk-4-dev libusb-1.0-0-dev libsqlite3-dev libcurl4-openssl-dev
  libcairo2-dev libpango1.0-dev libcups2-dev libjson-glib-dev libsoup-3.0-dev
  libqrencode-dev libsodium-dev libpq-dev libclang-rt-14-dev
  # build: the countries dictionary is generated from ISO 3166 and its translations
  iso-codes python3
  # systemd readiness and watchdog (sd_notify)
  libsystemd-dev
  # Debian packages: build and check them
  debhelper dpkg-dev build-essential fakeroot lintian
  # tests: display, devices, printing, PostgreSQL, data validation
  xvfb xauth matchbox-window-manager dbus dbus-x11 at-spi2-core gir1.2-atspi-2.0
  umockdev libumockdev-dev gir1.2-umockdev-1.0 python3-gi
  cups cups-ipp-utils cups-client poppler-utils zbar-tools imagemagick xdotool
  postgresql sqlite3 desktop-file-utils appstream libglib2.0-bin
  fonts-noto-cjk fonts-dejavu-core librsvg2-common
  # tests: what another X client finds in the clipboard and the primary selection
  xclip
  # registry: HTTPS for libsoup (GIO TLS backend); the tests make a certificate with openssl
  glib-networking openssl
  # packaging tests: the kiosk under cage with a screenshot, unit/udev/dconf checks,
  # the nginx front proxy
  cage xwayland grim systemd udev dconf-cli dconf-gsettings-backend nginx
  # registry: captcha images are drawn with cairo and the DejaVu Sans Bold font
  libfontconfig-dev fonts-dejavu-core
  # kiosk: the on-screen keyboard's pinyin and handwriting engines and their data;
  # strace proves the pinyin engine writes no user dictionary
  libpinyin15-dev libpinyin-data libzinnia-dev tegaki-zinnia-simplified-chinese strace
  # registry: attachments (images re-encoded with gdk-pixbuf, PDFs opened with poppler,
  # the signed form's QR code read with zbar); tests: the phone page in headless Chromium
  libgdk-pixbuf-2.0-dev libpoppler-glib-dev libzbar-dev chromium
  # kiosk: the viewer draws PDFs with poppler too; tests: a USB stick is an ext2
  # image made with mke2fs and loop-mounted with mount
  e2fsprogs mount
  # benchmarks: plots of the registry's figures against its database size
  gnuplot-nox
)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q '^install ok installed$'; then
    missing+=("$p")
  fi
done

if [ "${#missing[@]}" -eq 0 ]; then
  echo "install-deps: all ${#packages[@]} packages present"
  exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
  echo "install-deps: missing packages: ${missing[*]}" >&2
  echo "install-deps: run this script as root (or with sudo) to install them" >&2
  exit 1
fi

export DEBIAN_FRONTEND=noninteractive
echo "install-deps: installing ${#missing[@]} packages: ${missing[*]}"
if ! apt-get install -y --no-install-recommends "${missing[@]}"; then
  apt-get update
  apt-get install -y --no-install-recommends "${missing[@]}"
fi
# Debian starts the system cupsd and a PostgreSQL cluster on install; the tests run
# their own private instances and need neither.
