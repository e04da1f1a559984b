#!/usr/bin/env bash
# Installs the Debian packages the tests need: LibreOffice (formula recalculation, PDF rendering),
# CJK fonts (else every Chinese glyph is a box), Carlito (Calibri's metrics, so LibreOffice lays out
# xlsx columns as Excel does), poppler (pdftotext/pdftoppm), xmllint (manifest
# schema check) and Chromium (task-pane end-to-end tests). Idempotent and quick when all are present.
set -euo pipefail
pkgs=(libreoffice-calc-nogui libreoffice-writer-nogui poppler-utils libxml2-utils fonts-noto-cjk fonts-crosextra-carlito chromium)
missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
echo "setup-system: installing ${missing[*]}" >&2
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
