#!/usr/bin/env bash
# The README's screenshots of the review page and the workbook, made from the example
# (input/article.*.txt): docs/review-html.png with headless Chromium, docs/review-workbook.png
# from LibreOffice headless's reading of the workbook (rendered by scripts/sheet-html.py).
# Run from anywhere: scripts/screenshots.sh [path/to/mtlint] (default: target/debug/mtlint,
# built with cargo build when missing).
set -euo pipefail
cd "$(dirname "$0")/.."
mtlint="${1:-target/debug/mtlint}"
if [ ! -x "$mtlint" ]; then
  cargo build -q
fi
chromium="$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)"
if [ -z "$chromium" ] || ! command -v soffice >/dev/null 2>&1 || ! command -v python3 >/dev/null 2>&1; then
  echo "screenshots.sh: needs chromium, soffice and python3 (apt-get install chromium libreoffice-calc-nogui python3)" >&2
  exit 2
fi
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
"$mtlint" check input/article.en.txt input/article.de.txt \
  -o "$work/review.html" -o "$work/review.xlsx" -q || [ $? -eq 1 ]
mkdir -p docs
# The page from the fourth finding on (the first pairs are headings copied as they are).
"$chromium" --headless --no-sandbox --disable-gpu --hide-scrollbars \
  --user-data-dir="$work/profile" --window-size=1280,900 \
  --screenshot="$work/review-html.png" "file://$work/review.html#severity=error,warning" \
  >/dev/null 2>&1
cp "$work/review-html.png" docs/review-html.png
# The workbook as LibreOffice reads it, photographed by Chromium. LibreOffice's HTML export
# would drop the rich text of a cell (it writes the cell's text without its spans, so the
# span's red and bold were lost), although LibreOffice reads it (tests/review_workbook.rs,
# libreoffice_reads_the_span_as_red_and_bold): so LibreOffice converts the workbook to flat
# ODS, which keeps every text span with its style, and scripts/sheet-html.py renders that
# sheet's first rows as a page.
mkdir -p "$work/book"
soffice --headless -env:UserInstallation="file://$work/lo" --convert-to fods \
  --outdir "$work/book" "$work/review.xlsx" >/dev/null 2>&1
python3 scripts/sheet-html.py "$work/book/review.fods" "$work/book/review.html" 24
"$chromium" --headless --no-sandbox --disable-gpu --hide-scrollbars \
  --user-data-dir="$work/profile2" --window-size=1280,900 \
  --screenshot="$work/review-workbook.png" "file://$work/book/review.html" \
  >/dev/null 2>&1
cp "$work/review-workbook.png" docs/review-workbook.png
echo "wrote docs/review-html.png and docs/review-workbook.png"
