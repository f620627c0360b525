#!/usr/bin/python3
# The kiosk's pages stay independent of each other and of the application:
#  - a page's header is included only by the page itself: the others know it
#    by its KioskPageId, the page table (src/kiosk/kiosk-page-table.c) by its
#    type function;
#  - pages and widgets get their services at construction (KioskPage:services)
#    and never reach up: no g_application_get_default(), no
#    kiosk_application_get_*(), no kiosk-application.h or kiosk-window.h;
#  - only main.c knows the application: the window and everything under it
#    are given what they need (the services, the window mode) and report
#    back by signals, so no kiosk file but those two includes
#    kiosk-application.h or calls kiosk_application_*();
#  - pages are named by their KioskPageId constants, never by a string of
#    their name, in C and in the .ui files alike.
#   check-kiosk-layering.py SOURCE_ROOT

import pathlib
import re
import sys

# Strings spelled like a page's name that mean something else, with the text
# of the line that shows which.
ALLOWED = [
    ('kiosk-config.c', 'settings', 'apply_value (self, "settings"'),  # a key file group
    ('kiosk-window.c', 'staff', 'store_database_audit'),  # an audit log category
    ('kiosk-manual-filing-page.c', 'manual-filing', 'kiosk_staff_auth_authorize'),  # a staff action
    ('kiosk-card-page.c', 'card', 'CORE_FILING_FIELD_SOURCE'),  # where a filing came from
    ('kiosk-services.c', 'card', 'CORE_FILING_SOURCE_MANUAL'),  # likewise
]

UP_CALLS = re.compile(r'\b(g_application_get_default|kiosk_application_get_\w+)\s*\(')
UP_HEADERS = ('kiosk-application.h', 'kiosk-window.h')
APPLICATION_CALLS = re.compile(r'\b(kiosk_application_\w+)\s*\(')
KNOWS_APPLICATION = ('main.c', 'kiosk-application.c', 'kiosk-application.h')


def strip_comments(text):
    # keeps the line count: comments become blank space
    def blank(match):
        return re.sub(r'[^\n]', ' ', match.group(0))
    return re.sub(r'/\*.*?\*/|//[^\n]*', blank, text, flags=re.S)


def page_names(root):
    header = (root / 'src' / 'kiosk' / 'kiosk-page-table.h').read_text(encoding='utf-8')
    enum = re.search(r'typedef enum\s*\{(.*?)\}\s*KioskPageId;', header, re.S)
    if enum is None:
        return set()
    ids = re.findall(r'KIOSK_PAGE_([A-Z_]+)', enum.group(1))
    return {name.lower().replace('_', '-') for name in ids}


def main():
    root = pathlib.Path(sys.argv[1])
    kiosk = root / 'src' / 'kiosk'
    names = page_names(root)
    if len(names) < 10:
        print('the page ids were not found in kiosk-page-table.h', file=sys.stderr)
        return 1
    page_headers = {p.name for p in (kiosk / 'pages').glob('kiosk-*-page.h')}
    page_headers |= {p.name for p in (kiosk / 'pages').glob('kiosk-*-page-private.h')}
    problems = []

    for path in sorted(kiosk.rglob('*.[ch]')):
        rel = path.relative_to(root)
        text = strip_comments(path.read_text(encoding='utf-8'))
        stem = path.name.rsplit('.', 1)[0].removesuffix('-private')
        in_page_or_widget = path.parent.name in ('pages', 'widgets')
        for number, line in enumerate(text.splitlines(), 1):
            include = re.match(r'\s*#\s*include\s+"([^"]+)"', line)
            if include:
                header = include.group(1)
                own = header in (stem + '.h', stem + '-private.h')
                if header in page_headers and not own:
                    problems.append(f'{rel}:{number}: includes another page\'s header {header}')
                if in_page_or_widget and header in UP_HEADERS:
                    problems.append(f'{rel}:{number}: a page or widget includes {header}')
                elif header == 'kiosk-application.h' and path.name not in KNOWS_APPLICATION:
                    problems.append(f'{rel}:{number}: includes kiosk-application.h; '
                                    'only main.c knows the application')
                continue
            if in_page_or_widget and UP_CALLS.search(line):
                problems.append(f'{rel}:{number}: a page or widget reaches up to the application: '
                                f'{UP_CALLS.search(line).group(1)}')
            elif path.name not in KNOWS_APPLICATION and APPLICATION_CALLS.search(line):
                problems.append(f'{rel}:{number}: calls {APPLICATION_CALLS.search(line).group(1)}; '
                                'only main.c knows the application')
            if path.name in ('kiosk-page-table.c', 'kiosk-page-table.h'):
                continue
            for literal in re.findall(r'"([a-z-]+)"', line):
                if literal not in names:
                    continue
                if re.search(r'g_param_spec_\w+\s*\(\s*"' + re.escape(literal) + '"', line):
                    continue  # a property of the same name
                if re.search(r'KIOSK_PAGE_[A-Z_]+,\s*"' + re.escape(literal) + '"', line):
                    continue  # the name of a navigation's argument
                if any(path.name == f and literal == s and snippet in line
                       for f, s, snippet in ALLOWED):
                    continue
                problems.append(f'{rel}:{number}: the page name "{literal}" as a string; '
                                'use its KioskPageId')

    for path in sorted((root / 'ui').rglob('*.ui')):
        rel = path.relative_to(root)
        for number, line in enumerate(path.read_text(encoding='utf-8').splitlines(), 1):
            if 'flow.' in line:
                problems.append(f'{rel}:{number}: a flow action; a page navigates in its code')
            for literal in re.findall(r"'([a-z-]+)'|>([a-z-]+)<", line):
                literal = literal[0] or literal[1]
                if literal in names:
                    problems.append(f'{rel}:{number}: the page name "{literal}" in a .ui file')

    for problem in problems:
        print(problem, file=sys.stderr)
    print(f'kiosk layering: {len(problems)} problems, {len(names)} page names')
    return 1 if problems else 0


if __name__ == '__main__':
    sys.exit(main())
