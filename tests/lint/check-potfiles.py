#!/usr/bin/env python3
"""Every file with translatable strings is in po/POTFILES.in, every listed file
exists, and the list is sorted."""
import os
import re
import sys

root = sys.argv[1]
MARKERS = {
    '.c': re.compile(r'\b(_|N_|C_|NC_|ngettext|g_dngettext)\s*\('),
    '.ui': re.compile(r'translatable="yes"'),
    '.xml': re.compile(r'<(summary|description)>'),
    '.in': re.compile(r'^(Name|Comment|Keywords)=|<(name|summary|p)>', re.M),
}

listed = [l.strip() for l in open(os.path.join(root, 'po', 'POTFILES.in'), encoding='utf-8')
          if l.strip() and not l.startswith('#')]
problems = []
if listed != sorted(listed):
    problems.append('po/POTFILES.in is not sorted')
for path in listed:
    if not os.path.isfile(os.path.join(root, path)):
        problems.append(f'po/POTFILES.in lists {path}, which does not exist')

for top in ('src', 'ui', 'data'):
    for dirpath, _, names in os.walk(os.path.join(root, top)):
        for name in names:
            ext = os.path.splitext(name)[1]
            if ext not in MARKERS or name.endswith('.gresource.xml'):
                continue
            path = os.path.relpath(os.path.join(dirpath, name), root)
            text = open(os.path.join(root, path), encoding='utf-8', errors='replace').read()
            if MARKERS[ext].search(text) and path not in listed:
                problems.append(f'{path} has translatable strings but is not in po/POTFILES.in')

for p in problems:
    print(p)
print(f'potfiles: {len(listed)} listed, {len(problems)} problems')
sys.exit(1 if problems else 0)
