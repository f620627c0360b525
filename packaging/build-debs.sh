#!/usr/bin/env bash
# Builds the Debian packages practitioner-kiosk and practitioner-registry from
# this source tree into OUTDIR (default: debs/ at the top of the tree):
#   packaging/build-debs.sh [OUTDIR]
# The tree is copied (the files git knows, or everything but build folders),
# packaging/debian becomes debian/ in the copy, and dpkg-buildpackage -us -uc -b
# runs there. DEB_BUILD_OPTIONS passes through, e.g. DEB_BUILD_OPTIONS=nocheck.
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
out=$(realpath -m "${1:-$repo/debs}")
work=$(mktemp -d "${TMPDIR:-/tmp}/build-debs-XXXXXX")
trap 'rm -rf "$work"' EXIT
src="$work/practitioner-kiosk"
mkdir -p "$src"

if git -C "$repo" rev-parse --is-inside-work-tree >/dev/null 2>&1; then
  (cd "$repo" && git ls-files -z --cached --others --exclude-standard) |
    while IFS= read -r -d '' f; do
      if [ -e "$repo/$f" ]; then printf '%s\0' "$f"; fi
    done | tar -C "$repo" --null -T - -cf - | tar -C "$src" -xf -
else
  tar -C "$repo" --exclude='./build*' --exclude=./debs --exclude=./.git -cf - . | tar -C "$src" -xf -
fi
cp -r "$src/packaging/debian" "$src/debian"

(cd "$src" && dpkg-buildpackage -us -uc -b)

mkdir -p "$out"
mv "$work"/*.deb "$work"/*.changes "$work"/*.buildinfo "$out"/
echo "build-debs: packages in $out"
