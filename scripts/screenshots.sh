#!/usr/bin/env bash
# screenshots.sh - remake the README's pictures of the ladder, the report
# page, the tcpedu tree and the Flow Graph in the Wireshark window, and the
# Wireshark window with the tcpedu profile (docs/img/).
#
# Usage: bash scripts/screenshots.sh [BUILD_DIR]     (default: build)
#
# Not part of ctest: it installs a browser and an X server (chromium, xvfb,
# wireshark-qt, imagemagick, xdotool, CJK fonts), which the tests do not need.  Runs
# tshark and Wireshark as user nobody when run as root (they ignore
# personal plugins as root), with a temporary HOME holding the plugin and
# the profile.
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD=${1:-build}
OUT=docs/img
PKGS=(chromium xvfb xauth wireshark-qt imagemagick fonts-noto-cjk fonts-dejavu-core libxml2-utils xdotool)

missing=()
for p in "${PKGS[@]}"; do
    [[ $(dpkg-query -W -f='${db:Status-Status}' "$p" 2>/dev/null || true) == installed ]] || missing+=("$p")
done
if ((${#missing[@]})); then
    SUDO=(); [[ $(id -u) -eq 0 ]] || SUDO=(sudo)
    "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 update -q </dev/null
    "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -q \
        --no-install-recommends "${missing[@]}" </dev/null
fi

ver=$(tshark --version 2>/dev/null | sed -n '1s/.* \([0-9]*\.[0-9]*\)\..*/\1/p')
tmp=$(mktemp -d /tmp/tcpedu-shots.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
home=$tmp/home
mkdir -p "$home/.local/lib/wireshark/plugins/$ver/epan" "$home/.config/wireshark/profiles"
cp "$BUILD/tcpedu.so" "$home/.local/lib/wireshark/plugins/$ver/epan/"
cp -r profiles/tcpedu "$home/.config/wireshark/profiles/"
cp tests/captures/real/*.pcapng tests/captures/handmade/*.pcap "$tmp/"
chmod -R a+rwX "$tmp"
as_user() {
    if [[ $(id -u) -eq 0 ]]; then
        setpriv --reuid=65534 --regid=65534 --clear-groups env HOME="$home" LANG=C.UTF-8 "$@"
    else
        env HOME="$home" LANG=C.UTF-8 "$@"
    fi
}

# An SVG or HTML page to a PNG, cropped to its content.
shoot() {  # FILE PNG WIDTH HEIGHT
    as_user chromium --headless --no-sandbox --disable-gpu --hide-scrollbars \
        --user-data-dir="$tmp/chromium" --window-size="$3,$4" --screenshot="$tmp/shot.png" \
        "file://$1" >/dev/null 2>&1
    convert "$tmp/shot.png" -trim +repage -bordercolor white -border 8 -strip -colors 64 "$2"
}

cd "$tmp"
as_user tshark -q -r three-segment-close.pcapng -z tcpedu,ladder > ladder.svg
as_user tshark -q -r simultaneous-close.pcapng -z tcpedu,ladder > ladder-simultaneous.svg
as_user tshark -q -r refused.pcapng -z tcpedu,ladder,tcpedu.conn==1 > ladder-refused.svg
as_user tshark -q -r three-segment-close.pcapng -o tcpedu.language:chinese -z tcpedu,ladder > ladder-zh.svg
as_user tshark -q -r four-segment-close.pcapng -z tcpedu,report-html > report.html
for f in ladder ladder-simultaneous ladder-refused ladder-zh; do
    xmllint --noout "$f.svg"
    h=$(sed -n '1s/.* height="\([0-9]*\)".*/\1/p' "$f.svg")
    shoot "$tmp/$f.svg" "$OLDPWD/$OUT/$f.png" 1060 "$((h + 20))"
done
shoot "$tmp/report.html" "$OLDPWD/$OUT/report-html.png" 1200 1500

# The Wireshark window (default profile): the packet list above, the tcpedu
# tree of one segment below with its Flags and state items open.  xdotool
# clicks the first row of the details pane, End goes to the last top-level
# row (tcpedu), Right opens it; Down x3 reaches Flags, Down x2 the state
# item, End selects the "For filters" item (the tree's last row; its
# fields are hidden, so there is nothing to open, and Right would scroll
# the pane sideways).
wconf=$home/.config/wireshark
printf 'gui.geometry_main_x: 0\ngui.geometry_main_y: 0\ngui.geometry_main_width: 1200\ngui.geometry_main_height: 1100\ngui.geometry_main_maximized: FALSE\n' \
    > "$wconf/recent_common"
cat > "$tmp/tree.sh" <<'SH'
#!/bin/sh
# tree.sh PNG FRAME [wireshark options]: runs inside xvfb-run
png=$1 frame=$2; shift 2
wireshark -r three-segment-close.pcapng -g "$frame" "$@" >/dev/null 2>&1 &
ws=$!
xdotool search --sync --name three-segment-close >/dev/null
sleep 4
xdotool mousemove 300 "$((PANE + 102))" click 1 sleep 0.5 key End sleep 0.3 key Right sleep 0.3 \
    key Down Down Down sleep 0.2 key Right sleep 0.2 key Down Down sleep 0.2 key Right sleep 0.2 \
    key End sleep 1
import -window root "$png"
kill "$ws"
SH
chmod a+rx "$tmp/tree.sh"
# Crop below the tree: at the first 40 white rows under the packet list
# (a long item's horizontal scroll bar may follow further down).
crop_tree() {  # IN OUT
    local h cut
    h=$(identify -format %h "$1")
    cut=$(convert "$1" -crop "1196x$h+2+0" +repage -colorspace gray -negate -threshold 3% \
        -scale "1x$h!" -depth 16 txt:- |
        awk -F'[,:]' '/^0,/ { y = $2; if (y < 320) next
                              if (/gray\(0\)/) { if (!run++) first = y; if (run == 40 && !done++) print first + 8 }
                              else run = 0 }')
    convert "$1" -crop "1200x${cut:-$h}+0+0" +repage -strip -colors 128 "$2"
}
for shot in "handshake-synack 2 200" "teardown-finack 9 200" "handshake-synack-zh 2 230 -o tcpedu.language:chinese"; do
    set -- $shot
    name=$1 frame=$2 pane=$3; shift 3
    printf 'gui.byte_view_show: FALSE\ngui.geometry_main_upper_pane: %s\n' "$pane" > "$wconf/recent"
    chmod a+rw "$wconf/recent" "$wconf/recent_common"
    rm -f "$tmp/$name.png"
    as_user env PANE="$pane" xvfb-run -a -s "-screen 0 1200x1100x24" "$tmp/tree.sh" "$tmp/$name.png" "$frame" "$@" || true
    [[ -f $name.png ]] && crop_tree "$name.png" "$OLDPWD/$OUT/$name.png"
done

# Statistics > Flow Graph, flow type "TCP lifecycle (tcpedu)", of a capture
# with two addresses (on loopback both ends are one node).  The clicks are
# at the positions of Wireshark 4.0's menu and dialog in a 1200x960 window.
printf 'gui.geometry_main_x: 0\ngui.geometry_main_y: 0\ngui.geometry_main_width: 1200\ngui.geometry_main_height: 960\ngui.geometry_main_maximized: FALSE\n' \
    > "$wconf/recent_common"
cat > "$tmp/flow.sh" <<'SH'
#!/bin/sh
# flow.sh PNG CAPTURE: runs inside xvfb-run
wireshark -r "$2" >/dev/null 2>&1 &
ws=$!
xdotool search --sync --name "${2%.*}" >/dev/null
sleep 4
xdotool mousemove 325 10 click 1 sleep 1 mousemove 356 436 click 1
w=$(xdotool search --sync --name 'Flow')
sleep 2
xdotool mousemove 636 713 click 1 sleep 1 key End sleep 0.3 key Return sleep 2
import -window "$w" "$1"
kill "$ws"
SH
chmod a+rx "$tmp/flow.sh"
rm -f flow.png
as_user xvfb-run -a -s "-screen 0 1200x960x24" "$tmp/flow.sh" "$tmp/flow.png" fin-retransmitted.pcap || true
# the arrows and the controls below them, without the empty plot between
[[ -f flow.png ]] && convert \( flow.png -crop 1200x352+0+0 \) \( flow.png -gravity south -crop 1200x88+0+0 \) \
    +repage -append -strip -colors 128 "$OLDPWD/$OUT/flow-graph.png"

# Wireshark with the profile, under Xvfb.
if [[ -f "$OLDPWD/profiles/tcpedu/preferences" ]]; then
    # a window that fills the screen (no window manager under Xvfb)
    printf 'gui.geometry_main_x: 0\ngui.geometry_main_y: 0\ngui.geometry_main_width: 1400\ngui.geometry_main_height: 820\ngui.geometry_main_maximized: FALSE\n' \
        > "$wconf/recent_common"
    # column widths for the picture only (the installed profile has no "recent")
    # (Wireshark 4.0 matches a custom column by its field, without ":0:R")
    echo 'column.width: %m, 52, %t, 100, %s, 85, %d, 85, %p, 60, %L, 52, "%Cus:tcpedu.label", 115, "%Cus:tcpedu.sender.state.before || tcpedu.sender.state.after", 205, "%Cus:tcpedu.receiver.state.before || tcpedu.receiver.state.after", 205, %i, 600' \
        > "$wconf/profiles/tcpedu/recent"
    chmod a+rw "$wconf/recent_common" "$wconf/profiles/tcpedu/recent"
    as_user xvfb-run -a -s "-screen 0 1400x820x24" sh -c "
        wireshark -C tcpedu -r three-segment-close.pcapng -g 9 >/dev/null 2>&1 &
        sleep 14; import -window root $tmp/ws.png; kill \$!" || true
    [[ -f ws.png ]] && convert ws.png -strip -colors 128 "$OLDPWD/$OUT/profile.png"
fi
ls -l "$OLDPWD/$OUT"
