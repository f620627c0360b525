#!/bin/sh
# Nothing a person types reaches a disk: runs the pinyin engine's learning
# scenario (choose a rare candidate again and again, then forget) under
# strace and fails on any call that could write a file: an open for writing
# or creating, creat, rename, unlink, mkdir or truncate that succeeded.
#   check-no-user-dictionary.sh TEST-INPUT-PINYIN
set -eu
test_program="$1"
log=$(mktemp)
trap 'rm -f "$log"' EXIT

status=0
strace -f -qq -o "$log" \
  -e trace=open,openat,openat2,creat,rename,renameat,renameat2,unlink,unlinkat,mkdir,mkdirat,truncate,ftruncate \
  "$test_program" -p /input/pinyin/forget-learning >/dev/null || status=$?

echo "# $(wc -l <"$log") file system calls traced"
# the user folder libpinyin is given is /dev/null: its attempts there fail
written=$(grep -E 'O_WRONLY|O_RDWR|O_CREAT|O_TRUNC|creat\(|rename|unlink|mkdir|truncate' "$log" |
  grep -v ' = -1 ' || true)
if [ -n "$written" ]; then
  echo "not ok 1 the pinyin engine wrote to the file system:"
  echo "$written" | sed 's/^/# /'
  echo "1..1"
  exit 1
fi
if [ "$status" -ne 0 ]; then
  echo "not ok 1 the learning scenario failed (exit status $status)"
  echo "1..1"
  exit 1
fi
echo "ok 1 no file written, created, renamed or removed while learning and forgetting"
echo "1..1"
