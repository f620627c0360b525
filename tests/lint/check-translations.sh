#!/bin/sh
# Every string the sources mark for translation has a Chinese translation, and
# the catalogue is well-formed (formats match their msgids).
set -eu
root="$1"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$root"
xgettext --from-code=UTF-8 --add-comments --files-from=po/POTFILES.in \
  --keyword=_ --keyword=N_ --keyword=C_:1c,2 --keyword=NC_:1c,2 \
  --keyword=g_dngettext:2,3 --keyword=ngettext:1,2 \
  --flag=g_strdup_printf:1:c-format --flag=g_string_printf:2:c-format \
  --output="$tmp/ref.pot" --package-name=practitioner-kiosk
msgfmt --check --check-format --output-file=/dev/null po/zh_CN.po
msgcmp po/zh_CN.po "$tmp/ref.pot"
stats=$(msgfmt --statistics --output-file=/dev/null po/zh_CN.po 2>&1)
echo "zh_CN: $stats"
case "$stats" in
  *untranslated*|*fuzzy*) echo "zh_CN.po is incomplete"; exit 1 ;;
esac
