#!/bin/sh
# fetch_trafilatura_pages.sh PAGES_TXT TRAFILATURA_CHECKOUT OUT_DIR
# Copies the pages a set lists (one name per line, without .html) from trafilatura's tests/eval (commit e90b0ef5,
# Apache License 2.0; the pages belong to their publishers) into OUT_DIR, ready for `qa ingest OUT_DIR`.
set -e
list="$1"; src="$2/tests/eval"; out="$3"; mkdir -p "$out"
while read -r name; do
  [ -n "$name" ] && cp "$src/$name.html" "$out/"
done < "$list"
