#!/usr/bin/env bash
# Installs what is missing, builds, and runs the whole test suite. Tests that
# need a display, a printer, PostgreSQL or the registry start those themselves.
#   packaging/dev/test.sh [meson test arguments, e.g. --suite unit]
# Every run ends with a check of meson's log: a test (or a TAP subtest) that
# was skipped fails the command unless packaging/dev/check-test-log.py lists
# it as expected, because meson itself lets skips pass.
set -euo pipefail
source "$(dirname "$0")/common.sh"

# meson test, then the check of the log it wrote for this run (meson adds
# the name of a test setup other than the default to the log's name)
run_tests() {
  local dir="$1"; shift
  local log="testlog-run"
  local previous=""
  for arg in "$@"; do
    case "$arg" in
      --setup=*) log="testlog-run-${arg#--setup=}" ;;
      *) [ "$previous" = "--setup" ] && log="testlog-run-$arg" ;;
    esac
    previous="$arg"
  done
  [ "$log" = "testlog-run-default" ] && log="testlog-run"
  rm -f "$dir/meson-logs/$log.json"
  meson test -C "$dir" --print-errorlogs --logbase testlog-run "$@"
  /usr/bin/python3 packaging/dev/check-test-log.py "$dir/meson-logs/$log.json"
}

install_deps
build build

if [ "$#" -gt 0 ]; then
  run_tests build "$@"
  exit 0
fi

# every suite but the benchmarks (which print figures and never fail) and the
# fuzzers (below)
run_tests build

# the fuzz targets need clang's libFuzzer; that build also runs the unit suite
# under AddressSanitizer and UndefinedBehaviorSanitizer
CC=clang build build-clang -Dfuzzing=enabled -Db_sanitize=address,undefined -Db_lundef=false
export ASAN_OPTIONS=detect_leaks=0 UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
run_tests build-clang --suite unit --suite lint
run_tests build-clang --setup fuzz
