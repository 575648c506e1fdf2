#!/usr/bin/env bash
# fuzz.sh - Wireshark-style capture fuzzing of tcpedu with AddressSanitizer
# and UndefinedBehaviorSanitizer.
#
# Usage: bash scripts/fuzz.sh [--seeds N] [--originals] [--timeout S] [--jobs J]
#                             [--keep DIR]
#
#   --seeds N     corrupted copies per capture: editcap -E 0.02 --seed 1..N
#                 (default 1; CI uses 1, a long run 20 or more)
#   --originals   also run the unmodified captures
#   --timeout S   time limit of each tshark run (default 120 s)
#   --jobs J      runs in parallel (default 2, the machine's cores)
#   --keep DIR    where failing inputs and their logs are kept
#                 (default build-asan/fuzz-failures)
#
# 1. Builds the plugin with -fsanitize=address,undefined in build-asan/.
# 2. Corrupts every capture of tests/captures/{real,handmade} and of
#    ../shared/captures with editcap -E 0.02 and fixed seeds.
# 3. Runs Debian's tshark on each copy with the sanitizer runtimes in
#    LD_PRELOAD, as user nobody when run as root (root ignores personal
#    plugins), with WIRESHARK_EXTCAP_DIR pointing at an empty folder (extcap
#    helpers hang at exit under the preload) and ASan's hard_rss_limit_mb
#    (not ulimit -v: ASan reserves terabytes of address space), in the
#    shapes -nVxr, -2 -nVr, and -nr with every -z tcpedu,* report (one run:
#    tshark's start-up under ASan costs more than the work on a capture).
# 4. A run fails on a crash (signal), a sanitizer report, "Dissector bug",
#    a GLib CRITICAL or a timeout.  Each failing run is repeated with
#    --disable-protocol tcpedu; the failure counts only if that run does
#    not show the same kind of problem (it is then Wireshark's, not ours).
# Exits 1 if any failure is tcpedu's.  Prints runs, failures and time.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
die() { echo "fuzz.sh: error: $*" >&2; exit 2; }

SEEDS=1 ORIGINALS=0 TIMEOUT=${TCPEDU_FUZZ_TIMEOUT:-120} JOBS=2 KEEP=
while (($#)); do
    case $1 in
        --seeds) SEEDS=$2; shift 2 ;;
        --originals) ORIGINALS=1; shift ;;
        --timeout) TIMEOUT=$2; shift 2 ;;
        --jobs) JOBS=$2; shift 2 ;;
        --keep) KEEP=$2; shift 2 ;;
        -h|--help) sed -n '2,/^set -e/p' "$0" | sed 's/^# \{0,1\}//;$d'; exit 0 ;;
        --run-one) shift; break ;;
        *) die "unknown argument '$1' (see --help)" ;;
    esac
done

export TCPEDU_FUZZ_TIMEOUT=$TIMEOUT

# ---- one run (called by xargs): --run-one ___ WORK CAPTURE SHAPE --------------
# Prints "OK", or "FAIL <kinds> <capture> <shape>" with kinds a comma list
# of crash, asan, ubsan, dissector-bug, critical, timeout.
run_tshark() { # WORK CAPTURE SHAPE DISABLE -> kinds on stdout ("" = clean)
    local work=$1 cap=$2 shape=$3 disable=$4 args=() rc=0 log
    case $shape in
        V) args=(-nVxr "$cap") ;;
        2) args=(-2 -nVr "$cap") ;;
        # -nr (the packet list) and every report in one run: one start-up less
        rz) args=(-nr "$cap" -o tcpedu.language:both -z tcpedu,conns -z tcpedu,conns-tsv
                  -z tcpedu,conns-json -z tcpedu,report -z tcpedu,tree) ;;
    esac
    [[ $disable == 1 ]] && args+=(--disable-protocol tcpedu)
    log=$(mktemp "$work/log.XXXXXX")
    local env=(env -i HOME="$work/home" PATH=/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8
               WIRESHARK_EXTCAP_DIR="$work/extcap" LD_PRELOAD="$(cat "$work/preload")"
               ASAN_OPTIONS="detect_leaks=0:hard_rss_limit_mb=3000:allocator_may_return_null=1:handle_abort=1:symbolize=1"
               UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=0")
    local run=("${env[@]}" timeout -k 5 "$TIMEOUT" tshark "${args[@]}")
    [[ $(id -u) -eq 0 ]] && run=(setpriv --reuid=65534 --regid=65534 --clear-groups "${run[@]}")
    # -V output can be large: only "Dissector bug" is looked for in it.
    set +e
    "${run[@]}" 2>"$log" | grep -c -F -e "Dissector bug" -e "dissector bug" >"$log.out"
    rc=${PIPESTATUS[0]}
    set -e
    local kinds=()
    ((rc == 124 || rc == 137)) && kinds+=(timeout)
    ((rc > 128 && rc != 137)) && kinds+=(crash)
    grep -q "ERROR: AddressSanitizer\|ERROR: LeakSanitizer" "$log" && kinds+=(asan)
    grep -q "runtime error:" "$log" && kinds+=(ubsan)
    { [[ $(cat "$log.out") != 0 ]] || grep -qi "dissector bug" "$log"; } && kinds+=(dissector-bug)
    grep -q "CRITICAL" "$log" && kinds+=(critical)
    if ((${#kinds[@]})); then
        cp "$log" "$work/last-log-$$"
    fi
    rm -f "$log" "$log.out"
    (IFS=,; echo "${kinds[*]}")
}

if [[ ${1:-} == ___ ]]; then
    shift
    work=$1 cap=$2 shape=$3
    kinds=$(run_tshark "$work" "$cap" "$shape" 0)
    if [[ -z $kinds ]]; then
        echo "OK"
        exit 0
    fi
    mine=$kinds
    cp "$work/last-log-$$" "$work/fail-$$-$(basename "$cap").$shape.log" 2>/dev/null || true
    ctrl=$(run_tshark "$work" "$cap" "$shape" 1)
    own=()
    IFS=, read -ra ks <<<"$mine"
    for k in "${ks[@]}"; do
        [[ ",$ctrl," == *",$k,"* ]] || own+=("$k")
    done
    rm -f "$work/last-log-$$"
    if ((${#own[@]})); then
        (IFS=,; echo "FAIL ${own[*]} $cap $shape (without tcpedu: ${ctrl:-clean})")
    else
        echo "WIRESHARK $mine $cap $shape"
    fi
    exit 0
fi

start=$(date +%s)
command -v editcap >/dev/null || die "editcap not found (bash scripts/deps.sh)"
command -v tshark >/dev/null || die "tshark not found (bash scripts/deps.sh)"

# ---- 1. the sanitizer build ------------------------------------------------------
cd "$ROOT"
SAN="-fsanitize=address,undefined -fno-omit-frame-pointer -g -O1"
cmake -S . -B build-asan -DTCPEDU_BUILD_PLUGIN=ON -DTCPEDU_E2E=OFF -DCMAKE_BUILD_TYPE=Debug \
      -DCMAKE_C_FLAGS="$SAN" -DCMAKE_SHARED_LINKER_FLAGS="-fsanitize=address,undefined" \
      >/dev/null || die "cmake configure of build-asan failed"
cmake --build build-asan -j "$JOBS" --target tcpedu >/dev/null || die "sanitizer build failed"
PLUGIN=$ROOT/build-asan/tcpedu.so
[[ -f $PLUGIN ]] || die "no $PLUGIN"
WSV=$(tshark -v 2>/dev/null | sed -n '1s/^TShark (Wireshark) \([0-9]*\.[0-9]*\).*/\1/p')
[[ -n $WSV ]] || die "cannot tell tshark's version"

# ---- 2. a world-readable work folder with the plugin and the inputs --------------
WORK=$(mktemp -d /tmp/tcpedu-fuzz.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
mkdir -p "$WORK/home/.local/lib/wireshark/plugins/$WSV/epan" "$WORK/extcap" "$WORK/caps"
cp "$PLUGIN" "$WORK/home/.local/lib/wireshark/plugins/$WSV/epan/tcpedu.so"
echo "$(gcc -print-file-name=libasan.so) $(gcc -print-file-name=libubsan.so)" >"$WORK/preload"

# The plugin must load under the preload, or every run would be "clean".
pre=(env -i HOME="$WORK/home" PATH=/usr/sbin:/usr/bin:/sbin:/bin LD_PRELOAD="$(cat "$WORK/preload")"
     WIRESHARK_EXTCAP_DIR="$WORK/extcap" ASAN_OPTIONS=detect_leaks=0 tshark -G plugins)
chmod -R a+rX "$WORK"
[[ $(id -u) -eq 0 ]] && pre=(setpriv --reuid=65534 --regid=65534 --clear-groups "${pre[@]}")
"${pre[@]}" 2>/dev/null | grep -q 'tcpedu\.so' || die "the sanitizer build of tcpedu does not load in tshark"

caps=()
for d in "$ROOT/tests/captures/real" "$ROOT/tests/captures/handmade" "$ROOT/../shared/captures"; do
    [[ -d $d ]] || continue
    while IFS= read -r -d '' f; do
        if [[ -z ${TCPEDU_FUZZ_ONLY:-} || $f == *${TCPEDU_FUZZ_ONLY}* ]]; then caps+=("$f"); fi
    done < <(find "$d" -type f \( -name '*.pcap' -o -name '*.pcapng' \) -print0 | sort -z)
done
((${#caps[@]})) || die "no captures found"
i=0
for f in "${caps[@]}"; do
    i=$((i + 1))
    base=$(printf '%03d-%s' "$i" "$(basename "$f")")
    if ((ORIGINALS)); then cp "$f" "$WORK/caps/$base"; fi
    for ((s = 1; s <= SEEDS; s++)); do
        editcap -E 0.02 --seed "$s" "$f" "$WORK/caps/s$s-$base" >/dev/null 2>&1 || true
    done
done
chmod -R a+rX "$WORK"
chmod a+rwx "$WORK"

# ---- 3./4. the runs, two at a time -------------------------------------------------
find "$WORK/caps" -type f | sort | while read -r c; do
    for shape in V 2 rz; do printf '%s\0%s\0%s\0%s\0' ___ "$WORK" "$c" "$shape"; done
done | xargs -0 -n 4 -P "$JOBS" bash "$0" --run-one >"$WORK/results.txt"

runs=$(wc -l <"$WORK/results.txt")
fails=$(grep -c '^FAIL' "$WORK/results.txt" || true)
theirs=$(grep -c '^WIRESHARK' "$WORK/results.txt" || true)
ncaps=$(find "$WORK/caps" -type f | wc -l)
grep '^WIRESHARK' "$WORK/results.txt" | sed 's/^/fuzz.sh: also without tcpedu (not ours): /' || true
if ((fails)); then
    KEEP=${KEEP:-$ROOT/build-asan/fuzz-failures}
    mkdir -p "$KEEP"
    grep '^FAIL' "$WORK/results.txt" | while read -r _ kinds cap shape _; do
        cp "$cap" "$KEEP/" 2>/dev/null || true
        cp "$WORK"/fail-*-"$(basename "$cap")"."$shape".log "$KEEP/" 2>/dev/null || true
    done
    grep '^FAIL' "$WORK/results.txt" | sed 's/^/fuzz.sh: /'
    echo "fuzz.sh: inputs and logs kept in $KEEP"
fi
echo "fuzz.sh: $ncaps inputs (${#caps[@]} captures x $SEEDS seeds$( ((ORIGINALS)) && echo ' + originals')), $runs runs, $fails tcpedu failures, $theirs Wireshark's own, $(( $(date +%s) - start )) s"
((fails == 0))
