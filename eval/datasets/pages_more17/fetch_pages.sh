#!/bin/sh
# fetch_pages.sh PAGES_TXT PARSER_CHECKOUT OUT_DIR
# Writes the pages a set lists (one repository path per line, fixtures/<site>.html) from Postlight Parser's test
# fixtures (https://github.com/postlight/parser, commit e8ba7ece, dual MIT / Apache-2.0 licence for the repository;
# the pages belong to their publishers): PARSER_CHECKOUT/fixtures/<site>.html is copied to OUT_DIR/pl-<site>.html,
# ready for `qa ingest OUT_DIR`. PARSER_CHECKOUT may also be a bare git directory (or a checkout's .git), read at
# HEAD.
set -e
list="$1"; src="$2"; out="$3"; mkdir -p "$out"
while read -r path; do
  [ -n "$path" ] || continue
  name=$(basename "$path")
  if [ -f "$src/$path" ]; then
    cat "$src/$path" > "$out/pl-$name"
  else
    git --git-dir="$src" show "HEAD:$path" > "$out/pl-$name"
  fi
done < "$list"
