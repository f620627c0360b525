#!/usr/bin/python3
# Checks how the build runs its tests, from meson's own description of them
# (meson-info/intro-tests.json), for mistakes that would let tests pass
# without testing:
# - a fuzz target that exits with libFuzzer's default status on a finding
#   (77 for a crash, which meson counts as a skip; 70 for a timeout);
# - umockdev's preload in the environment of a test that is not about an
#   emulated USB device (it would run against umockdev's fake /sys);
# - a test of the kiosk's window without the memory settings backend and the
#   build's schema (it would read and write the user's real settings).
#   check-test-setup.py BUILD_ROOT

import json
import os
import sys

PRELOAD_ALLOWED = {'device', 'card-read'}


def main():
    build_root = sys.argv[1]
    with open(os.path.join(build_root, 'meson-info', 'intro-tests.json'), encoding='utf-8') as f:
        tests = json.load(f)
    problems = []
    for test in tests:
        name = test['name']
        suites = {s.split(':')[-1] for s in test['suite']}
        env = test.get('env') or {}
        args = test.get('cmd', [])[1:]
        if 'fuzz' in suites:
            for flag in ('-error_exitcode=1', '-timeout_exitcode=1'):
                if flag not in args:
                    problems.append(f'{name}: the fuzz target runs without {flag}')
        if 'umockdev' in env.get('LD_PRELOAD', '') and not (suites & PRELOAD_ALLOWED or
                                                          name in PRELOAD_ALLOWED):
            problems.append(f'{name}: runs with umockdev\'s preload')
        if any(a.endswith('run-under-display.sh') for a in test.get('cmd', [])[:1]):
            if env.get('GSETTINGS_BACKEND') != 'memory' or 'GSETTINGS_SCHEMA_DIR' not in env:
                problems.append(f'{name}: runs the kiosk without the memory settings backend '
                                'and the build\'s schema')
    for problem in problems:
        print(problem, file=sys.stderr)
    if not tests:
        print('no tests found', file=sys.stderr)
        return 1
    return 1 if problems else 0


if __name__ == '__main__':
    sys.exit(main())
