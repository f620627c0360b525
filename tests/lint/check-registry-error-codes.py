#!/usr/bin/python3
# The registry names every API error code through the one table in core
# (src/core/core-api-error.c, CoreApiError), never as a string of its own:
# a code spelled in two places drifts apart. Fails on a string literal in
# src/registry/ that is one of the table's codes.
#   check-registry-error-codes.py SOURCE_ROOT

import pathlib
import re
import sys

# Values of other members that happen to be spelled like a code: the health
# check's status, a person's state, a kiosk's reader and printer states.
ALLOWED = {
    ('registry-api-health.c', 'unavailable'),
    ('registry-fleet.c', 'unknown'),
    ('registry-fleet.h', 'unknown'),
    ('registry-persons.c', 'not_filed'),
}


def main():
    root = pathlib.Path(sys.argv[1])
    table = (root / 'src' / 'core' / 'core-api-error.c').read_text(encoding='utf-8')
    codes = set(re.findall(r'\] = \{ "([a-z_]+)"', table))
    if len(codes) < 10:
        print('the table of error codes was not found', file=sys.stderr)
        return 1
    problems = []
    for path in sorted((root / 'src' / 'registry').glob('*.[ch]')):
        for number, line in enumerate(path.read_text(encoding='utf-8').splitlines(), 1):
            for literal in re.findall(r'"([a-z_]+)"', line):
                if literal in codes and (path.name, literal) not in ALLOWED:
                    problems.append(f'{path.relative_to(root)}:{number}: "{literal}" is an error '
                                    'code; use its CoreApiError')
    for problem in problems:
        print(problem, file=sys.stderr)
    print(f'error codes: {len(codes)} codes, src/registry checked')
    return 1 if problems else 0


if __name__ == '__main__':
    sys.exit(main())
