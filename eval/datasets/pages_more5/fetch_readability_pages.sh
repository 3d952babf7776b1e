#!/bin/sh
# fetch_readability_pages.sh PAGES_TXT READABILITY_CHECKOUT OUT_DIR
# Copies the pages a set lists (one test-page name per line) from Mozilla Readability's test/test-pages
# (https://github.com/mozilla/readability, commit ab4027a, Apache License 2.0 for the repository; the pages belong
# to their publishers): READABILITY_CHECKOUT/test/test-pages/<name>/source.html goes to OUT_DIR/readability-<name>.html,
# ready for `qa ingest OUT_DIR`.
set -e
list="$1"; src="$2/test/test-pages"; out="$3"; mkdir -p "$out"
while read -r name; do
  [ -n "$name" ] && cp "$src/$name/source.html" "$out/readability-$name.html"
done < "$list"
