#!/bin/sh
# Renders the PNG icons in public/ from the SVG sources here with headless Chromium.
# Run from the repository root: sh src/client/assets/icons/render.sh
set -eu
dir=$(cd "$(dirname "$0")" && pwd)
out=$(pwd)/public
tmp=$(mktemp -d)
chromium=${CHROMIUM_PATH:-/usr/bin/chromium}
render() { # svg size png
  cat >"$tmp/page.html" <<HTML
<!doctype html><html><head><style>html,body{margin:0;background:transparent}img{display:block;width:$2px;height:$2px}</style></head>
<body><img src="file://$dir/$1"></body></html>
HTML
  XDG_CONFIG_HOME=$tmp "$chromium" --headless --no-sandbox --disable-gpu --hide-scrollbars \
    --default-background-color=00000000 --force-device-scale-factor=1 \
    --window-size="$2,$2" --screenshot="$out/$3" "file://$tmp/page.html" >/dev/null 2>&1
}
render icon.svg 192 pwa-192.png
render icon.svg 512 pwa-512.png
render icon.svg 32 favicon-32.png
render icon-maskable.svg 512 maskable-512.png
render icon-maskable.svg 180 apple-touch-icon.png
cp "$dir/icon.svg" "$out/favicon.svg"
rm -rf "$tmp"
