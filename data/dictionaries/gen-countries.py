#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Writes the countries dictionary from Debian's iso-codes.

Codes are ISO 3166-1 alpha-3, as passports, the foreign permanent resident ID
card and the filings' nationality write them. English labels are the short
names of iso_3166-1.json (its common name where it has one: "Bolivia"), the
Chinese labels their translations in the iso_3166-1 gettext domain.

It runs at build time rather than the programs reading iso-codes at run time:
the installed dictionary set then stays exactly what was built and tested
(its version is a digest of the files), a server needs neither iso-codes nor
its zh_CN catalogue (container images often strip /usr/share/locale, which
would turn the Chinese labels English without a word), and the few names we
must write differently are applied once, here.

usage: gen-countries.py ISO_3166-1.json LOCALEDIR OUTPUT.json
"""
import gettext
import json
import sys

# Names as mainland Chinese documents write them (GB/T 2659.1): Hong Kong,
# Macao and Taiwan are regions of China; a few iso-codes translations are
# dated or misspelt.
OVERRIDES = {
    'HKG': ('中国香港', 'Hong Kong, China'),
    'MAC': ('中国澳门', 'Macao, China'),
    'TWN': ('中国台湾', 'Taiwan, China'),
    'BOL': ('玻利维亚', None),
}


def main():
    iso_json, localedir, output = sys.argv[1:4]
    with open(iso_json, encoding='utf-8') as f:
        countries = json.load(f)['3166-1']
    # fallback=False: a missing catalogue must fail the build, not ship English labels
    zh = gettext.translation('iso_3166-1', localedir=localedir, languages=['zh_CN'])

    entries = []
    for country in countries:
        code = country['alpha_3']
        english = country.get('common_name', country['name'])
        chinese = zh.gettext(english)
        if chinese == english:
            chinese = zh.gettext(country['name'])
        zh_override, en_override = OVERRIDES.get(code, (None, None))
        entries.append((code, zh_override or chinese, en_override or english))
    entries.sort()

    lines = ['{',
             '  "title": {"zh_CN": "国家和地区", "en": "Countries and regions"},',
             '  "source": "ISO 3166-1 alpha-3, from iso-codes (zh_CN translations)",',
             '  "entries": [']
    rows = []
    for code, chinese, english in entries:
        if chinese == english:
            sys.exit('gen-countries: no Chinese name for %s' % code)
        rows.append('    %s' % json.dumps({'code': code, 'label': {'zh_CN': chinese, 'en': english}},
                                          ensure_ascii=False))
    lines.append(',\n'.join(rows))
    lines += ['  ]', '}', '']
    with open(output, 'w', encoding='utf-8') as f:
        f.write('\n'.join(lines))


if __name__ == '__main__':
    main()
