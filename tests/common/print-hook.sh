#!/bin/sh
# The "print engine" of the test printers (ippeveprinter -c): it copies each
# document into FORMS_TEST_OUTPUT. While the file FORMS_TEST_NO_PAPER exists
# the printer reports that it is out of paper and holds the job, for at most
# a minute, so a test that forgets to clear it cannot hang.
set -eu
document="$1"
if [ -n "${FORMS_TEST_NO_PAPER:-}" ] && [ -e "$FORMS_TEST_NO_PAPER" ]; then
  echo "STATE: +media-empty" >&2
  n=0
  while [ -e "$FORMS_TEST_NO_PAPER" ] && [ "$n" -lt 600 ]; do
    sleep 0.1
    n=$((n + 1))
  done
  echo "STATE: -media-empty" >&2
fi
cp "$document" "$FORMS_TEST_OUTPUT/job-$(date +%s%N)-$$.pdf"
