#!/bin/sh
# fetch.sh TRAFILATURA_CHECKOUT OUT_DIR: the pages of pages_more, from trafilatura's tests/eval (commit e90b0ef5)
set -e
src="$1/tests/eval"; out="$2"; mkdir -p "$out"
for f in caymancompass.com-prison dominicantoday.com-air dw.com-elephants haitiantimes.com-family \
         jamaicaobserver.com-attacks kaieteurnewsonline.com-essequibo miamitodaynews.com-Transitway \
         nationnews.com-schools phillyvoice.com-Sixers stluciatimes.com-dea thenassauguardian.com-hikes \
         trinidadexpress.com-melissa reporternewspapers.net-Brookhaven observer.com-LVMH; do
  cp "$src/$f.html" "$out/"
done
