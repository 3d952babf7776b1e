#!/bin/sh
# fetch_newspaper_pages.sh PAGES_TXT NEWSPAPER_CHECKOUT OUT_DIR
# Copies the pages a set lists (one name per line, without .html) from the newspaper library's test pages
# (https://github.com/codelucas/newspaper, tests/data/html/, commit 1618b54, MIT License for the repository; the pages
# belong to their publishers): NEWSPAPER_CHECKOUT/tests/data/html/<name>.html goes to OUT_DIR/newspaper-<name>.html,
# ready for `qa ingest OUT_DIR`.
set -e
list="$1"; src="$2/tests/data/html"; out="$3"; mkdir -p "$out"
while read -r name; do
  [ -n "$name" ] && cp "$src/$name.html" "$out/newspaper-$name.html"
done < "$list"
