#!/usr/bin/env bash
# The web pages' fonts: WOFF2 subsets of the Noto Sans TrueType files in static/fonts/, which
# the PDF keeps using whole. Latin, Latin-1, Latin Extended-A and common punctuation cover the
# app's Dutch and English text and the names staff type; a character outside falls back to the
# next font in the CSS stack. Run it again after replacing a TTF, and commit the .woff2 files.
# Needs fontTools with Brotli (a development tool): .venv/bin/pip install fonttools brotli
set -euo pipefail
cd "$(dirname "$0")/.."
PYFTSUBSET=${PYFTSUBSET:-.venv/bin/pyftsubset}

# Basic Latin, Latin-1 Supplement, Latin Extended-A; general punctuation (dashes, quotes,
# ellipsis, bullet), the euro sign, the trade mark sign, the minus sign.
UNICODES="U+0000-00FF,U+0100-017F,U+2000-206F,U+20AC,U+2122,U+2212"

for style in Regular Bold Italic; do
  "$PYFTSUBSET" "static/fonts/NotoSans-$style.ttf" \
    --unicodes="$UNICODES" \
    --layout-features='kern,liga,clig,calt,ccmp,locl,mark,mkmk' \
    --flavor=woff2 \
    --no-hinting \
    --desubroutinize \
    --output-file="static/fonts/NotoSans-$style.woff2"
done
ls -l static/fonts/*.woff2
