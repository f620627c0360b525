#!/bin/sh
# Every C file is formatted as .clang-format says; prints the drift and fails.
set -eu
cd "$1"
if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
  files=$(git ls-files --cached --others --exclude-standard -- '*.c' '*.h')
else
  files=$(find src tests -name '*.[ch]')
fi
# shellcheck disable=SC2086
clang-format --dry-run --Werror $files
echo "formatting: $(echo "$files" | wc -w) files checked"
