#!/usr/bin/env bash
# valgrind.sh - tshark with the tcpedu plugin under valgrind on a few small
# captures: 0 errors attributable to tcpedu.
#
# Usage: bash scripts/valgrind.sh [PLUGIN] [CAPTURE...]
#   PLUGIN     the built plugin (default build/tcpedu.so)
#   CAPTURE    captures to run (default: two small project captures and an
#              editcap -E 0.02 copy of all the hand-made ones merged)
#
# Wireshark's allocators hide errors from valgrind, so every run has
# WIRESHARK_DEBUG_WMEM_OVERRIDE=simple and G_SLICE=always-malloc.
# One run per capture (-2 -nVx and every -z tcpedu,* report).  Attribution:
# an error or definite leak counts as tcpedu's when a frame of its stack is
# in tcpedu.so (or names one of tcpedu's source files).  When there is one,
#   1. the capture runs again with --disable-protocol tcpedu and
#      --gen-suppressions=all: whatever valgrind reports then is Wireshark's
#      or GLib's own, and becomes a suppression;
#   2. the run with tcpedu is repeated with those suppressions, and only
#      what is left counts.
# Runs as user nobody when run as root (root ignores personal plugins).
# Exits 1 on any error attributable to tcpedu; prints counts and time.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
die() { echo "valgrind.sh: error: $*" >&2; exit 2; }
command -v valgrind >/dev/null || die "valgrind not found (scripts/robustness.sh installs it)"

PLUGIN=${1:-$ROOT/build/tcpedu.so}
shift || true
[[ -f $PLUGIN ]] || die "no plugin at $PLUGIN (build first)"
WSV=$(tshark -v 2>/dev/null | sed -n '1s/^TShark (Wireshark) \([0-9]*\.[0-9]*\).*/\1/p')
[[ -n $WSV ]] || die "cannot tell tshark's version"

start=$(date +%s)
WORK=$(mktemp -d /tmp/tcpedu-valgrind.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
mkdir -p "$WORK/home/.local/lib/wireshark/plugins/$WSV/epan" "$WORK/extcap" "$WORK/caps"
cp "$PLUGIN" "$WORK/home/.local/lib/wireshark/plugins/$WSV/epan/tcpedu.so"

caps=("$@")
if ((${#caps[@]} == 0)); then
    H=$ROOT/tests/captures/handmade
    caps=("$ROOT/tests/captures/real/http-get.pcapng" "$H/sflow-many-headers.pcap")
    mergecap -a -F pcap -w "$WORK/handmade-all.pcap" "$H"/*.pcap
    editcap -E 0.02 --seed 1 "$WORK/handmade-all.pcap" "$WORK/caps/handmade-all.E002-seed1.pcap"
    rm "$WORK/handmade-all.pcap"
    caps+=("$WORK/caps/handmade-all.E002-seed1.pcap")
fi
for c in "${caps[@]}"; do
    [[ $c == "$WORK/caps/"* ]] || cp "$c" "$WORK/caps/"
done
chmod -R a+rX "$WORK"
chmod a+rwx "$WORK"

vg() { # LOG SUPP-ARGS... -- TSHARK-ARGS...
    local log=$1 vgargs=()
    shift
    while [[ $1 != -- ]]; do vgargs+=("$1"); shift; done
    shift
    local cmd=(env -i HOME="$WORK/home" PATH=/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8
               WIRESHARK_EXTCAP_DIR="$WORK/extcap" WIRESHARK_DEBUG_WMEM_OVERRIDE=simple
               G_SLICE=always-malloc
               valgrind --leak-check=full --show-leak-kinds=definite --errors-for-leak-kinds=definite
               --num-callers=40 --log-file="$log" "${vgargs[@]}" tshark "$@")
    [[ $(id -u) -eq 0 ]] && cmd=(setpriv --reuid=65534 --regid=65534 --clear-groups "${cmd[@]}")
    "${cmd[@]}" >"$log.out" 2>&1 || true
}

# error records with a frame in tcpedu: blocks between blank "==PID==" lines
ours_in() { # LOG -> count on stdout, the records on stderr
    awk '
        /^==[0-9]+== *$/ { if (blk ~ /(Invalid|uninitialised|Mismatched|definitely lost|overlap|Syscall param)/ &&
                               blk ~ /(tcpedu\.so|packet-tcpedu\.c|tcpedu-stats\.c|tcpedu_[a-z]+\.c)/) { n++; print blk > "/dev/stderr" }
                           blk = ""; next }
        /^==[0-9]+==/ { blk = blk "\n" $0 }
        END { print n + 0 }' "$1"
}

total=0 ours=0 runs=0
for c in "$WORK/caps"/*; do
    name=$(basename "$c")
    # the second pass's tree and every report, in one run (valgrind's start-up is slow)
    args=(-2 -nVxr "$c" -z tcpedu,conns -z tcpedu,conns-json -z tcpedu,report -z tcpedu,tree)
    base="$WORK/$name"
    vg "$base.log" -- "${args[@]}"
    runs=$((runs + 1))
    grep -q 'TCP lifecycle (tcpedu)' "$base.log.out" || die "no tcpedu tree in the output on $name"
    mine=$(ours_in "$base.log" 2>/dev/null)
    if ((mine)); then
        # 1. the same without tcpedu: Wireshark's own reports become suppressions
        vg "$base.ctl.log" --gen-suppressions=all -- "${args[@]}" --disable-protocol tcpedu
        awk '/^\{/,/^\}/' "$base.ctl.log" >"$base.supp"
        # 2. with tcpedu again, those suppressed
        vg "$base.log" --suppressions="$base.supp" -- "${args[@]}"
        runs=$((runs + 2))
        mine=$(ours_in "$base.log" 2>"$base.ours")
    fi
    n=$(sed -n 's/.*ERROR SUMMARY: \([0-9]*\) errors.*/\1/p' "$base.log" | tail -1)
    [[ -n $n ]] || die "no valgrind summary for $name: $(tail -5 "$base.log")"
    total=$((total + n))
    if ((mine)); then
        echo "valgrind.sh: $mine error(s) in tcpedu on $name:"
        cat "$base.ours"
    fi
    ours=$((ours + mine))
    echo "valgrind.sh: $name: $n error(s) in all, $mine attributable to tcpedu"
done
echo "valgrind.sh: $runs runs on ${#caps[@]} captures, $total errors in all, $ours attributable to tcpedu, $(( $(date +%s) - start )) s"
((ours == 0))
