#!/usr/bin/env bash
# Photograph the demo in a real graphics terminal: xterm emulating a VT340 draws pictures with
# sixel, which textual-image detects on its own. Runs on a virtual screen, so no display is
# needed. Debian packages: xvfb xterm xdotool imagemagick fonts-dejavu-core.
#
#     scripts/sixel_screenshot.sh [OUT.png]
#
# Opens the demo's first article (it has a picture) and writes a PNG of the xterm window.
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-screenshots/inline-image-xterm-sixel.png}"
display=":77"
home="$(mktemp -d)"
Xvfb "$display" -screen 0 1400x900x24 >/dev/null 2>&1 &
xvfb=$!
trap 'kill "$xvfb" 2>/dev/null; rm -rf "$home"' EXIT
sleep 1
DISPLAY="$display" xterm -ti vt340 -xrm 'XTerm*decTerminalID: vt340' \
    -xrm 'XTerm*numColorRegisters: 256' -xrm 'XTerm*allowSendEvents: true' \
    -fa 'DejaVu Sans Mono' -fs 10 -geometry 150x42 \
    -e env BROADSHEET_HOME="$home" .venv/bin/broadsheet demo &
sleep 8
window="$(DISPLAY="$display" xdotool search --class xterm | head -1)"
for key in Escape Home Return; do
    DISPLAY="$display" xdotool key --window "$window" "$key"
    sleep 1
done
sleep 4
DISPLAY="$display" import -window "$window" "$out"
DISPLAY="$display" xdotool key --window "$window" ctrl+q
sleep 1
echo "$out"
