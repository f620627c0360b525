#!/usr/bin/python3
# Fails when a test run skipped something it should not have.
#   packaging/dev/check-test-log.py BUILD/meson-logs/testlog[-SETUP].json ...
#
# meson counts exit status 77 as "skipped" and a skipped test does not fail the
# run, so a test that cannot run (or a fuzzer that crashed with libFuzzer's
# default status 77) would pass unseen. This reads meson's JSON log of the run
# and fails on every skipped test, and on every skipped subtest of a TAP test,
# that is not listed below with its reason.

import json
import re
import sys

# (test name pattern, subtest pattern, skip reason pattern, why it is expected)
EXPECTED_SKIPS = [
    (r'^practitioner-kiosk:registry / registry(-[a-z]+)*-sqlite$', r'.*',
     r'^needs REGISTRY_TEST_BACKEND=postgresql$',
     'several registry processes on one database need PostgreSQL; the same tests '
     'run in the -postgresql variant'),
]

TAP_SKIP = re.compile(r'^ok\s+\d+\s+(?P<name>.*?)\s*#\s*SKIP\s*(?P<reason>.*)$', re.IGNORECASE)


def expected(test, subtest, reason):
    for test_pattern, subtest_pattern, reason_pattern, _why in EXPECTED_SKIPS:
        if (re.search(test_pattern, test) and re.search(subtest_pattern, subtest)
                and re.search(reason_pattern, reason)):
            return True
    return False


def check(path):
    problems = []
    seen = 0
    with open(path, encoding='utf-8') as log:
        for line in log:
            if not line.strip():
                continue
            entry = json.loads(line)
            seen += 1
            name = entry.get('name', '?')
            if entry.get('result') == 'SKIP' and not expected(name, '', ''):
                problems.append(f'{name}: the whole test was skipped '
                                f'(exit status {entry.get("returncode")})')
            for out in (entry.get('stdout') or '').splitlines():
                match = TAP_SKIP.match(out.strip())
                if match and not expected(name, match['name'], match['reason'].strip()):
                    problems.append(f'{name}: {match["name"]} skipped: {match["reason"].strip()}')
    if seen == 0:
        problems.append('no test ran')
    return problems


def main():
    if len(sys.argv) < 2:
        print(__doc__ or 'usage: check-test-log.py TESTLOG.json ...', file=sys.stderr)
        return 2
    failed = False
    for path in sys.argv[1:]:
        for problem in check(path):
            print(f'{path}: unexpected skip: {problem}', file=sys.stderr)
            failed = True
    if failed:
        print('check-test-log: a test that is skipped tests nothing; make it run, or list '
              'the skip with its reason in packaging/dev/check-test-log.py', file=sys.stderr)
        return 1
    return 0


if __name__ == '__main__':
    sys.exit(main())
