#!/usr/bin/env bash
# package.sh - a Debian package of the tcpedu plugin, for the Wireshark it
# was built against.
#
# Usage: bash scripts/package.sh [BUILD_DIR [OUT_DIR]]
#        (defaults: build/ and build/debs/ of the checkout)
#
# Builds BUILD_DIR first if needed (the plugin only; cmake must have been
# configured there, e.g. by scripts/test.sh), then makes with dpkg-deb:
#
#   OUT_DIR/tcpedu_<tcpedu version>+ws<major.minor>_<arch>.deb
#   e.g. tcpedu_0.1.0+ws4.0_amd64.deb (Debian 12), ...+ws4.4... (13), +ws4.6 (sid)
#
# Package "tcpedu", version "<tcpedu version>+ws<major.minor>", installing
#   <Wireshark's global plugin folder>/epan/tcpedu.so  (e.g. /usr/lib/x86_64-linux-gnu/wireshark/plugins/4.0/epan/)
#   /usr/share/man/man7/tcpedu.7.gz
#   /usr/share/doc/tcpedu/{README.md,FIELDS.md,REPORTS.md,BUILDING.md,changelog.gz}
# and depending on the libwireshark package that carries the soname the
# plugin links to, restricted to that major.minor (a plugin loads only into
# the Wireshark it was built for), e.g. "libwireshark16 (>= 4.0.0),
# libwireshark16 (<< 4.1~)"; it recommends tshark | wireshark.
# Install it with:  sudo apt-get install ./tcpedu_*.deb
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD=$(cd "${1:-$ROOT/build}" && pwd)
OUT=${2:-$BUILD/debs}
die() { echo "package.sh: error: $*" >&2; exit 1; }

[[ -f $BUILD/tcpedu-build.env ]] \
    || die "$BUILD is not a configured tcpedu build with the plugin (run scripts/test.sh or cmake -S . -B build first)"
# shellcheck disable=SC1091
. "$BUILD/tcpedu-build.env"
cmake --build "$BUILD" --target tcpedu -j2 >/dev/null || die "build failed"
so=$BUILD/tcpedu.so
[[ -f $so ]] || die "no $so"
for t in dpkg-deb dpkg-query gzip; do command -v $t >/dev/null || die "$t not found"; done

arch=$(dpkg --print-architecture)
version="${TCPEDU_VERSION}+ws${TCPEDU_WS_VERSION}"
ws_major=${TCPEDU_WS_VERSION%%.*}
ws_minor=${TCPEDU_WS_VERSION#*.}

# The package of each shared library the plugin needs directly.
pkg_of_lib() {  # pkg_of_lib SONAME: the Debian package (no :arch) that ships it
    local path p
    path=$(ldd "$so" | awk -v l="$1" '$1 == l { print $3 }')
    [[ -n $path ]] || return 1
    for p in "$path" "$(readlink -f "$path")" "/usr$path" "${path#/usr}"; do
        dpkg-query -S "$p" 2>/dev/null | head -n1 | cut -d: -f1 && return 0
    done
    return 1
}
needed=$(objdump -p "$so" 2>/dev/null | awk '$1 == "NEEDED" { print $2 }') \
    || needed=$(ldd "$so" | awk '{ print $1 }')
depends=()
ws_pkg=
for lib in $needed; do
    p=$(pkg_of_lib "$lib") || continue
    case $lib in
        libwireshark.so.*)
            ws_pkg=$p
            depends+=("$p (>= ${ws_major}.${ws_minor}.0)" "$p (<< ${ws_major}.$((ws_minor + 1))~)") ;;
        *)  [[ " ${depends[*]} " == *" $p "* ]] || depends+=("$p") ;;
    esac
done
[[ -n $ws_pkg ]] || die "cannot find the libwireshark package of $so (ldd: $(ldd "$so" | grep wireshark))"

stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
DESTDIR=$stage cmake --install "$BUILD" >/dev/null \
    || die "cmake --install failed"
installed=$stage$TCPEDU_PLUGIN_DIR/tcpedu.so
[[ -f $installed ]] || die "cmake --install did not put tcpedu.so in $TCPEDU_PLUGIN_DIR"
strip --strip-unneeded "$installed" 2>/dev/null || true
chmod 644 "$installed"

doc=$stage/usr/share/doc/tcpedu
man=$stage/usr/share/man/man7
mkdir -p "$doc" "$man" "$stage/DEBIAN"
cp "$ROOT/README.md" "$doc/"
for f in FIELDS.md REPORTS.md BUILDING.md; do
    [[ -f $ROOT/docs/$f ]] && cp "$ROOT/docs/$f" "$doc/"
done
# The README's pictures live in docs/img; the packaged README points there.
gzip -9n -c "$ROOT/docs/tcpedu.7" >"$man/tcpedu.7.gz"
printf 'tcpedu (%s) unstable; urgency=low\n\n  * Built for Wireshark %s.\n\n -- tcpedu <tcpedu@localhost>  %s\n' \
    "$version" "$TCPEDU_WS_FULL_VERSION" "$(date -R -d @"${SOURCE_DATE_EPOCH:-$(date +%s)}")" \
    | gzip -9n >"$doc/changelog.gz"
find "$stage" -type d -exec chmod 755 {} +
find "$stage/usr/share" -type f -exec chmod 644 {} +

size=$(du -sk --exclude=DEBIAN "$stage" | cut -f1)
dep_line=$(IFS=,; echo "${depends[*]}" | sed 's/,/, /g')
cat >"$stage/DEBIAN/control" <<EOF
Package: tcpedu
Version: $version
Architecture: $arch
Maintainer: tcpedu <tcpedu@localhost>
Installed-Size: $size
Depends: $dep_line
Recommends: tshark | wireshark
Section: net
Priority: optional
Description: Wireshark plugin explaining TCP handshakes and teardowns (Wireshark $TCPEDU_WS_VERSION)
 tcpedu adds a "TCP lifecycle (tcpedu)" tree to every TCP segment: which
 handshake or teardown step it is, the RFC 9293 state of both endpoints
 before and after it, the initial sequence numbers and expected
 acknowledgments, in English or Chinese, plus tcpedu.* display-filter
 fields, expert infos and -z tcpedu,* reports.
 .
 This build is for Wireshark $TCPEDU_WS_VERSION (built against $TCPEDU_WS_FULL_VERSION); a plugin
 only loads into the Wireshark major.minor it was built for.
EOF

mkdir -p "$OUT"
deb=$OUT/tcpedu_${version}_${arch}.deb
dpkg-deb --root-owner-group -Zxz --build "$stage" "$deb" >/dev/null || die "dpkg-deb failed"
echo "package.sh: $deb"
echo "package.sh:   Depends: $dep_line"
