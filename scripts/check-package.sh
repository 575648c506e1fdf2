#!/usr/bin/env bash
# check-package.sh - install a tcpedu .deb into a clean Debian root and check
# that it works for an ordinary user.
#
# Usage: bash scripts/check-package.sh SUITE DEB
#   SUITE  the Debian suite the package was built in (bookworm, trixie, sid)
#   DEB    tcpedu_<version>+ws<X.Y>_<arch>.deb made by scripts/package.sh
#
# As root.  The clean root is a throw-away overlay (or, where overlayfs is
# not available, a copy) of SUITE's cached base root (minbase + tshark,
# made by `scripts/test-in.sh SUITE --base-only` if missing).  In it:
#   apt-get install ./tcpedu_*.deb
# then, as user nobody (global plugins load for everyone):
#   - tshark -G plugins lists tcpedu.so as a dissector in the global folder;
#   - tshark -2 -O tcpedu shows the tree on http-get.pcapng;
#   - tshark -T fields -e tcpedu.label gives the exact step labels;
#   - the man page and the README are installed.
# Exit status: 0 passed, 1 failed, 3 the root could not be made.
set -uo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
ROOTS=${TCPEDU_ROOTS:-/var/cache/tcpedu-roots}
SUITE=${1:?usage: check-package.sh SUITE DEB}
DEB=${2:?usage: check-package.sh SUITE DEB}
say() { echo "check-package.sh[$SUITE]: $*" >&2; }
[[ -f $DEB ]] || { say "no $DEB"; exit 1; }
[[ $(id -u) -eq 0 ]] || { say "must run as root"; exit 2; }

bash "$ROOT/scripts/test-in.sh" "$SUITE" --base-only || exit $?
BASE=$ROOTS/$SUITE/base

TMP=$(mktemp -d /var/tmp/tcpedu-check.XXXXXX)
MOUNTS=()
cleanup() {
    local i
    for ((i=${#MOUNTS[@]}-1; i>=0; i--)); do
        umount "${MOUNTS[i]}" 2>/dev/null || umount -l "${MOUNTS[i]}" 2>/dev/null || true
    done
    rm -rf --one-file-system "$TMP"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

R=$TMP/root
mkdir -p "$TMP/upper" "$TMP/work" "$R"
if mount -t overlay overlay -o "lowerdir=$BASE,upperdir=$TMP/upper,workdir=$TMP/work" "$R" 2>/dev/null; then
    MOUNTS+=("$R")
else
    say "no overlayfs here: copying the base root"
    cp -a "$BASE/." "$R/" || { say "cannot copy $BASE"; exit 1; }
fi
mount -t proc proc "$R/proc" && MOUNTS+=("$R/proc")
mount --bind /dev "$R/dev" && MOUNTS+=("$R/dev")

in_root() {
    chroot "$R" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LANG=C.UTF-8 \
        LC_ALL=C.UTF-8 DEBIAN_FRONTEND=noninteractive "$@" </dev/null
}
as_user() {  # as_user CMD...: as nobody, with an empty HOME
    in_root setpriv --reuid=65534 --regid=65534 --clear-groups \
        env HOME=/tmp/nobody-home "$@"
}

fails=0
check() {  # check WHAT EXPECTED GOT
    if [[ $2 == "$3" ]]; then say "ok: $1"
    else say "FAIL: $1"; diff <(echo "$2") <(echo "$3") | sed 's/^/    /' >&2; fails=$((fails + 1)); fi
}

deb=$(basename "$DEB")
cp "$DEB" "$R/tmp/$deb"
cp "$ROOT/tests/captures/real/http-get.pcapng" "$R/tmp/http-get.pcapng"
chmod 644 "$R/tmp/$deb" "$R/tmp/http-get.pcapng"
mkdir -p "$R/tmp/nobody-home" && chown 65534:65534 "$R/tmp/nobody-home"

ws=$(in_root dpkg-query -W -f='${Version}' tshark)
say "clean $SUITE root with tshark $ws: apt-get install ./$deb"
if ! in_root sh -c "cd /tmp && apt-get install -y -q --no-install-recommends ./$deb" >"$TMP/apt.log" 2>&1; then
    cat "$TMP/apt.log" >&2
    say "FAIL: apt-get install ./$deb"
    exit 1
fi

plugdir=$(in_root dpkg -L tcpedu | grep '/epan/tcpedu\.so$')
tver=$(dpkg-deb -f "$DEB" Version); tver=${tver%%+*}
check "tshark -G plugins lists the global plugin as a dissector" \
    "tcpedu.so	$tver	dissector	$plugdir" \
    "$(as_user tshark -G plugins | tr -s ' ' | sed 's/ *\t */\t/g' | grep '^tcpedu\.so')"
check "the tree of the SYN-ACK (tshark -2 -O tcpedu)" \
    "[TCP lifecycle (tcpedu): Handshake 2/3: the server accepts and sends its own SYN]" \
    "$(as_user tshark -r /tmp/http-get.pcapng -2 -O tcpedu -Y 'frame.number == 2' | grep -F '[TCP lifecycle (tcpedu)')"
check "tcpedu.label of every frame (tshark -2 -T fields)" \
    "$(printf '%s\n' 1:'Handshake 1/3' 2:'Handshake 2/3' 3:'Handshake 3/3' 4: 5: 6: 7: \
        8:'Teardown 1/4' 9:'Teardown 2/4' 10:'Teardown 3/4' 11:'Teardown 4/4')" \
    "$(as_user tshark -r /tmp/http-get.pcapng -2 -T fields -E separator=: -e frame.number -e tcpedu.label)"
check "man page and README installed" \
    "$(printf '%s\n' /usr/share/doc/tcpedu/README.md /usr/share/man/man7/tcpedu.7.gz)" \
    "$(in_root dpkg -L tcpedu | grep -E '/README\.md$|/tcpedu\.7\.gz$' | sort)"
if ((fails)); then say "$fails check(s) FAILED for $deb"; exit 1; fi
say "passed: $deb works in a clean $SUITE root (tshark $ws)"
