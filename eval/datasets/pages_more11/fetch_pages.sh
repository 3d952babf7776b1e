#!/bin/sh
# fetch_pages.sh PAGES_TXT BENCHMARK_CHECKOUT OUT_DIR
# Writes the pages a set lists (one repository path per line, html/<sha256>.html.gz) from Zyte's article extraction
# benchmark (https://github.com/scrapinghub/article-extraction-benchmark, commit 4a3bc97, MIT License for the
# repository; the pages belong to their publishers): BENCHMARK_CHECKOUT/html/<sha256>.html.gz is unzipped to
# OUT_DIR/aeb-<sha256>.html, ready for `qa ingest OUT_DIR`. BENCHMARK_CHECKOUT may also be a bare git directory
# (or a checkout's .git), read at HEAD.
set -e
list="$1"; src="$2"; out="$3"; mkdir -p "$out"
while read -r path; do
  [ -n "$path" ] || continue
  name=$(basename "$path" .html.gz)
  if [ -f "$src/$path" ]; then
    gunzip -c "$src/$path" > "$out/aeb-$name.html"
  else
    git --git-dir="$src" show "HEAD:$path" | gunzip -c > "$out/aeb-$name.html"
  fi
done < "$list"
