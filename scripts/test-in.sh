#!/usr/bin/env bash
# test-in.sh - build and test tcpedu against another Debian suite's Wireshark.
#
# Usage: bash scripts/test-in.sh SUITE [--root-only|--base-only] [ctest arguments...]
#        SUITE: trixie (Wireshark 4.4), sid (4.6), bookworm (4.0), ...
#
# Must run as root (debootstrap, chroot, mounts).  Steps:
#   1. makes (or reuses) two Debian roots of SUITE with debootstrap, cached
#      outside the clone in $TCPEDU_ROOTS (default /var/cache/tcpedu-roots):
#        SUITE/base  minbase + tshark only: what a student's machine has;
#        SUITE/dev   base + Wireshark's development files and the test tools.
#      A root is remade when its stamp is older than $TCPEDU_ROOT_MAX_AGE_DAYS
#      (default 7; sid moves daily), when the package list below changed, or
#      when TCPEDU_ROOT_REFRESH=1.  The sid fixes (WIRESHARK.md) are applied:
#      apt never checks Release expiry in the root, and `apt-get install -f`
#      finishes what debootstrap leaves unconfigured.
#   2. copies the checkout into SUITE/dev (a fresh folder per run, removed
#      afterwards) and bind-mounts ../shared read-only beside it, plus /proc
#      and /dev; a trap unmounts everything on exit;
#   3. builds there and runs the whole ctest suite with the root's Wireshark
#      (the e2e tests run tshark as user nobody inside the root);
#   4. builds the Debian package there (scripts/package.sh), installs it with
#      `apt-get install ./tcpedu_*.deb` into a throw-away overlay of
#      SUITE/base, and checks that tshark as user nobody lists the plugin and
#      shows its tree (scripts/check-package.sh).  The .deb is copied to
#      $TCPEDU_DEB_OUT (default build/debs/ of the checkout).
#
# --root-only: only step 1; --base-only: only the base root of step 1.
# Exit status: 0 all passed; 1 a test or the package check failed; 3 the
# root could not be made (archive or debootstrap trouble: not tcpedu's fault).
set -uo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
ROOTS=${TCPEDU_ROOTS:-/var/cache/tcpedu-roots}
MAX_AGE_DAYS=${TCPEDU_ROOT_MAX_AGE_DAYS:-7}
MIRROR=${TCPEDU_MIRROR:-http://deb.debian.org/debian}
EXIT_TEST=1
EXIT_NOROOT=3

say() { echo "test-in.sh[$SUITE]: $*" >&2; }
noroot() { say "CANNOT MAKE THE ROOT: $*"; exit $EXIT_NOROOT; }
fail() { say "FAILED: $*"; exit $EXIT_TEST; }

SUITE=${1:-}
[[ -n $SUITE ]] || { echo "usage: test-in.sh SUITE [--root-only] [ctest args]" >&2; exit 2; }
shift
ROOT_ONLY=0
case ${1:-} in
    --root-only) ROOT_ONLY=1; shift ;;
    --base-only) ROOT_ONLY=2; shift ;;
esac
[[ $(id -u) -eq 0 ]] || { echo "test-in.sh: must run as root (debootstrap, chroot)" >&2; exit 2; }

# What each root holds.  Changing a list remakes the roots (see the stamp).
BASE_PACKAGES=(tshark)
DEV_PACKAGES=(libwireshark-dev wireshark-dev wireshark-common cmake gcc make libc6-dev
              pkg-config python3 parallel valgrind time libxml2-utils)
LIST_ID=$(printf '%s\n' v1 "$MIRROR" "${BASE_PACKAGES[@]}" -- "${DEV_PACKAGES[@]}" | sha256sum | cut -c1-16)

# ---- mounts, cleaned up on exit ------------------------------------------
MOUNTS=()
CLEANUP=()
umount_all() {
    local i
    for ((i=${#MOUNTS[@]}-1; i>=0; i--)); do
        umount "${MOUNTS[i]}" 2>/dev/null || umount -l "${MOUNTS[i]}" 2>/dev/null || true
    done
    MOUNTS=()
}
cleanup() {
    umount_all
    local d
    for d in "${CLEANUP[@]}"; do [[ -e $d ]] && rm -rf --one-file-system "$d"; done
}
trap cleanup EXIT
trap 'exit 130' INT TERM

mount_sys() {  # mount_sys DIR: /proc and /dev inside root DIR
    local r=$1
    mount -t proc proc "$r/proc" && MOUNTS+=("$r/proc") || return 1
    mount --bind /dev "$r/dev" && MOUNTS+=("$r/dev") || return 1
    mount --bind /dev/pts "$r/dev/pts" && MOUNTS+=("$r/dev/pts") || return 1
}

in_root() {  # in_root DIR CMD...: run CMD in root DIR, no stdin
    local r=$1; shift
    chroot "$r" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root \
        LANG=C.UTF-8 DEBIAN_FRONTEND=noninteractive CI="${CI:-}" "$@" </dev/null
}

APT_OPTS=(-y -q --no-install-recommends -o DPkg::Lock::Timeout=600
          -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold)

root_fresh() {  # root_fresh DIR: 0 if DIR's stamp is current
    local stamp=$1/.tcpedu-stamp
    [[ -f $stamp ]] || return 1
    [[ ${TCPEDU_ROOT_REFRESH:-0} != 1 ]] || return 1
    [[ $(sed -n 2p "$stamp") == "$LIST_ID" ]] || return 1
    local made; made=$(sed -n 1p "$stamp")
    (( $(date +%s) - made < MAX_AGE_DAYS * 86400 ))
}

make_base() {  # debootstrap SUITE into $ROOTS/SUITE/base
    local dir=$ROOTS/$SUITE/base new=$ROOTS/$SUITE/base.new
    root_fresh "$dir" && return 0
    command -v debootstrap >/dev/null 2>&1 || {
        say "installing debootstrap"
        DEBIAN_FRONTEND=noninteractive apt-get "${APT_OPTS[@]}" install debootstrap </dev/null \
            || noroot "could not install debootstrap"; }
    say "making $dir with debootstrap (a few minutes)"
    rm -rf --one-file-system "$new"; mkdir -p "$new"
    CLEANUP+=("$new")
    # debootstrap's own resolver trips over sid's virtual packages, so it
    # only lays down minbase; apt inside the root installs the rest.
    debootstrap --variant=minbase "$SUITE" "$new" "$MIRROR" >"$ROOTS/$SUITE/debootstrap.log" 2>&1 \
        || noroot "debootstrap $SUITE failed (log: $ROOTS/$SUITE/debootstrap.log): $(tail -n 3 "$ROOTS/$SUITE/debootstrap.log" | tr '\n' ' ')"
    # sid's Release file can read as expired on a machine whose clock is off.
    echo 'Acquire::Check-Valid-Until "false";' >"$new/etc/apt/apt.conf.d/99tcpedu"
    cp /etc/resolv.conf "$new/etc/resolv.conf" 2>/dev/null || true
    mount_sys "$new" || noroot "cannot mount /proc and /dev in $new"
    { in_root "$new" apt-get -q update && in_root "$new" apt-get "${APT_OPTS[@]}" install -f &&
      in_root "$new" apt-get "${APT_OPTS[@]}" install "${BASE_PACKAGES[@]}"; } \
        >"$ROOTS/$SUITE/apt-base.log" 2>&1 \
        || noroot "apt-get in the $SUITE root failed (log: $ROOTS/$SUITE/apt-base.log): $(tail -n 3 "$ROOTS/$SUITE/apt-base.log" | tr '\n' ' ')"
    in_root "$new" apt-get clean
    umount_all
    printf '%s\n%s\n' "$(date +%s)" "$LIST_ID" >"$new/.tcpedu-stamp"
    rm -rf --one-file-system "$dir" "$ROOTS/$SUITE/dev"
    mv "$new" "$dir"
    say "made $dir: $(in_root "$dir" dpkg-query -W -f='${Package} ${Version}' tshark)"
}

make_dev() {  # $ROOTS/SUITE/dev = a copy of base + development packages
    local base=$ROOTS/$SUITE/base dir=$ROOTS/$SUITE/dev new=$ROOTS/$SUITE/dev.new
    root_fresh "$dir" && [[ $dir/.tcpedu-stamp -nt $base/.tcpedu-stamp ]] && return 0
    say "making $dir"
    rm -rf --one-file-system "$new"
    CLEANUP+=("$new")
    cp -a "$base" "$new" || noroot "cannot copy $base"
    mount_sys "$new" || noroot "cannot mount /proc and /dev in $new"
    in_root "$new" apt-get "${APT_OPTS[@]}" install "${DEV_PACKAGES[@]}" \
        >"$ROOTS/$SUITE/apt-dev.log" 2>&1 \
        || noroot "apt-get install in the $SUITE dev root failed (log: $ROOTS/$SUITE/apt-dev.log): $(tail -n 3 "$ROOTS/$SUITE/apt-dev.log" | tr '\n' ' ')"
    in_root "$new" apt-get clean
    umount_all
    printf '%s\n%s\n' "$(date +%s)" "$LIST_ID" >"$new/.tcpedu-stamp"
    rm -rf --one-file-system "$dir"
    mv "$new" "$dir"
}

mkdir -p "$ROOTS/$SUITE"
# One run at a time per suite (a nested call from check-package.sh already
# holds the lock).
if [[ ${TCPEDU_ROOT_LOCKED:-} != "$SUITE" ]]; then
    exec 9>"$ROOTS/$SUITE/.lock"
    flock 9 || noroot "cannot lock $ROOTS/$SUITE"
    export TCPEDU_ROOT_LOCKED=$SUITE
fi
t0=$(date +%s)
# In a subshell, so that a failure to remake a stale root can fall back to
# the cached one.
( trap cleanup EXIT; make_base; ((ROOT_ONLY == 2)) || make_dev )
rc=$?
if ((rc == EXIT_NOROOT)); then
    if [[ -f $ROOTS/$SUITE/base/.tcpedu-stamp ]] &&
       { ((ROOT_ONLY == 2)) || [[ -f $ROOTS/$SUITE/dev/.tcpedu-stamp ]]; }; then
        say "!!! could not remake the root: USING THE CACHED ONE from $(date -d @"$(sed -n 1p "$ROOTS/$SUITE/base/.tcpedu-stamp")") !!!"
    else
        exit $EXIT_NOROOT
    fi
elif ((rc != 0)); then
    exit $rc
fi
((ROOT_ONLY == 2)) && exit 0
say "roots ready in $(( $(date +%s) - t0 )) s"
((ROOT_ONLY)) && exit 0

# ---- build and test inside the dev root -----------------------------------
DEV=$ROOTS/$SUITE/dev
RUN=/run-tcpedu.$$          # inside the root
mkdir -p "$DEV$RUN/tcpedu" "$DEV$RUN/shared"
CLEANUP+=("$DEV$RUN")
chmod 755 "$DEV$RUN"
# The checkout, without build folders or git metadata.
tar -C "$ROOT" --exclude=./.git --exclude='./build*' -cf - . | tar -C "$DEV$RUN/tcpedu" -xf - \
    || fail "cannot copy the checkout into the root"
mount_sys "$DEV" || fail "cannot mount /proc and /dev in $DEV"
if [[ -d $ROOT/../shared ]]; then
    mount --bind "$ROOT/../shared" "$DEV$RUN/shared" && MOUNTS+=("$DEV$RUN/shared") \
        && mount -o remount,bind,ro "$DEV$RUN/shared" || fail "cannot bind-mount ../shared"
else
    say "no ../shared beside the checkout: the tests that need it are skipped"
fi
ws=$(in_root "$DEV" dpkg-query -W -f='${Version}' tshark)
say "Wireshark $ws: building and running ctest"
t1=$(date +%s)
in_root "$DEV" bash -c "cd $RUN/tcpedu && cmake -S . -B build -DTCPEDU_BUILD_PLUGIN=ON -DTCPEDU_E2E=ON >/dev/null && cmake --build build -j2 2>&1 | grep -E 'warning|error|tcpedu' ; test \${PIPESTATUS[0]} -eq 0" \
    || fail "build failed with Wireshark $ws"
ctest_rc=0
in_root "$DEV" ctest --test-dir "$RUN/tcpedu/build" --output-on-failure -j2 "$@" || ctest_rc=$?
t2=$(date +%s)
say "ctest with Wireshark $ws: rc $ctest_rc in $((t2 - t1)) s"

# ---- package: build, install into a clean base overlay, check -------------
pkg_rc=0
out=${TCPEDU_DEB_OUT:-$ROOT/build/debs}
mkdir -p "$out"
if in_root "$DEV" bash "$RUN/tcpedu/scripts/package.sh" "$RUN/tcpedu/build" "$RUN/debs"; then
    deb=$(ls "$DEV$RUN"/debs/tcpedu_*.deb)
    cp "$deb" "$out/" && say "package: $out/$(basename "$deb")"
    bash "$ROOT/scripts/check-package.sh" "$SUITE" "$deb" || pkg_rc=1
else
    pkg_rc=1
    say "package.sh failed"
fi
say "package check: $( ((pkg_rc)) && echo FAILED || echo passed ) in $(( $(date +%s) - t2 )) s"
((ctest_rc == 0 && pkg_rc == 0)) || fail "ctest rc $ctest_rc, package check rc $pkg_rc"
say "all passed with Wireshark $ws in $(( $(date +%s) - t0 )) s"
exit 0
