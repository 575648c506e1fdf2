#!/usr/bin/env bash
# screenshots.sh - remake the README's pictures of the ladder, the report
# page and the Wireshark window with the tcpedu profile (docs/img/).
#
# Usage: bash scripts/screenshots.sh [BUILD_DIR]     (default: build)
#
# Not part of ctest: it installs a browser and an X server (chromium, xvfb,
# wireshark-qt, imagemagick, CJK fonts), which the tests do not need.  Runs
# tshark and Wireshark as user nobody when run as root (they ignore
# personal plugins as root), with a temporary HOME holding the plugin and
# the profile.
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD=${1:-build}
OUT=docs/img
PKGS=(chromium xvfb xauth wireshark-qt imagemagick fonts-noto-cjk fonts-dejavu-core libxml2-utils)

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

ver=$(tshark --version | sed -n '1s/.* \([0-9]*\.[0-9]*\)\..*/\1/p')
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

# Wireshark with the profile, under Xvfb.
if [[ -f "$OLDPWD/profiles/tcpedu/preferences" ]]; then
    # a window that fills the screen (no window manager under Xvfb)
    printf 'gui.geometry_main_x: 0\ngui.geometry_main_y: 0\ngui.geometry_main_width: 1400\ngui.geometry_main_height: 820\ngui.geometry_main_maximized: FALSE\n' \
        > "$home/.config/wireshark/recent_common"
    # column widths for the picture only (the installed profile has no "recent")
    echo 'column.width: %m, 52, %t, 100, %s, 75, %d, 75, %p, 60, %L, 52' \
        > "$home/.config/wireshark/profiles/tcpedu/recent"
    chmod a+rw "$home/.config/wireshark/recent_common" "$home/.config/wireshark/profiles/tcpedu/recent"
    as_user xvfb-run -a -s "-screen 0 1400x820x24" sh -c "
        wireshark -C tcpedu -r three-segment-close.pcapng -g 9 >/dev/null 2>&1 &
        sleep 14; import -window root $tmp/ws.png; kill \$!" || true
    [[ -f ws.png ]] && convert ws.png -strip -colors 128 "$OLDPWD/$OUT/profile.png"
fi
ls -l "$OLDPWD/$OUT"
