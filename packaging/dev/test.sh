#!/usr/bin/env bash
# Installs what is missing, builds, and runs the whole test suite. Tests that
# need a display, a printer, PostgreSQL or the registry start those themselves.
#   packaging/dev/test.sh [meson test arguments, e.g. --suite unit]
set -euo pipefail
source "$(dirname "$0")/common.sh"

install_deps
build build

if [ "$#" -gt 0 ]; then
  exec meson test -C build --print-errorlogs "$@"
fi

# every suite but the benchmarks (which print figures and never fail) and the
# fuzzers (below)
meson test -C build --print-errorlogs

# the fuzz targets need clang's libFuzzer; that build also runs the unit suite
# under AddressSanitizer and UndefinedBehaviorSanitizer
CC=clang build build-clang -Dfuzzing=enabled -Db_sanitize=address,undefined -Db_lundef=false
export ASAN_OPTIONS=detect_leaks=0 UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
meson test -C build-clang --print-errorlogs --suite unit
meson test -C build-clang --print-errorlogs --setup fuzz
