#!/bin/sh
# The desktop file, AppStream metainfo and settings schema pass their validators.
set -eu
srcdata="$1"
builddata="$2"
desktop-file-validate "$builddata/org.practitioner.Kiosk.desktop"
appstreamcli validate --no-net --explain "$builddata/org.practitioner.Kiosk.metainfo.xml"
glib-compile-schemas --strict --dry-run "$srcdata"
echo "data files valid"
