#!/usr/bin/env bash
# bench.sh - what does tcpedu cost?  The same tshark with and without it.
#
# Usage: bash scripts/bench.sh [--small] [--runs N] [--only REGEX] [--cache DIR]
#
#   Captures (made by build/mkcapture, deterministic, kept in the cache
#   folder, default /var/tmp/tcpedu-bench, remade only when absent):
#     full:    1,000,000+ packets in 100,000 connections, and a SYN scan of
#              1,000,000 unanswered SYNs;
#     --small: 100,000+ packets in 10,000 connections, a 100,000-SYN scan
#              (the CI version);
#     and for the long-* rows the same number of packets in a quarter of
#     the connections.
#   Each command of issue 8's table runs with tcpedu and without it
#   (--disable-protocol tcpedu; the -z tcpedu,conns row runs against
#   -z conv,tcp), alternating (with/without, then without/with, ...), N runs
#   each (default 5, --small 3), as user nobody with the plugin in a
#   temporary HOME when run as root (root ignores personal plugins).
#   /usr/bin/time -v measures whole-process CPU time (user+sys) and peak RSS.
#   Printed per command: medians of the pair-wise ratios with/without of CPU
#   and of peak memory, the fastest run with over the fastest without
#   ("fastest x": steadier on a shared machine), the median peak-RSS
#   difference per connection and per frame, and the budget of issue 8; a
#   REGRESSION line for each median ratio over its budget.  The raw figures
#   go to CACHE/results-{small,full}.tsv.
#
#   Seven more rows, not in issue 8's table and without a budget:
#   "no-plugin" (summary lines against a tshark without the plugin at all),
#   "conns-no-names" (the conns report with tcpedu.server_names:never),
#   "summary-names" (summary lines with tcpedu.server_names:always, against
#   no plugin at all), "summary-no-huge" and "scan-no-huge" (those rows with
#   tcpedu.huge_pages off), "long-fields" and "long-verbose" (-T fields and
#   -V on a third capture: as many packets in a quarter of the connections,
#   about 40 segments each); see docs/PERFORMANCE.md.
#
#   --only REGEX   run only the commands whose name matches (summary, fields,
#                  verbose, two-pass, conns, scan, no-plugin, conns-no-names,
#                  summary-names, summary-no-huge, scan-no-huge, long-fields,
#                  long-verbose)
#   TCPEDU_PLUGIN  the plugin to measure (default build/tcpedu.so)
#
# Exit status: 0 when the benchmark ran (whatever the ratios: the machine's
# noise must not fail CI); 1 when it broke (no plugin, tshark failed, ...).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
die() { echo "bench.sh: error: $*" >&2; exit 1; }

SMALL=0
RUNS=
ONLY=.
CACHE=${TCPEDU_BENCH_CACHE:-/var/tmp/tcpedu-bench}
while (($#)); do
    case $1 in
        --small) SMALL=1 ;;
        --runs) RUNS=${2:?}; shift ;;
        --only) ONLY=${2:?}; shift ;;
        --cache) CACHE=${2:?}; shift ;;
        -h|--help) sed -n '2,/^set -e/p' "$0" | sed 's/^# \{0,1\}//;$d'; exit 0 ;;
        *) die "unknown argument '$1' (see --help)" ;;
    esac
    shift
done
[[ $RUNS ]] || RUNS=$((SMALL ? 3 : 5))
[[ $RUNS =~ ^[1-9][0-9]*$ ]] || die "--runs needs a positive number"

if ((SMALL)); then
    PACKETS=100000 CONNS=10000 SCAN=100000 SIZE=small
else
    PACKETS=1000000 CONNS=100000 SCAN=1000000 SIZE=full
fi
SEED=1

PLUGIN=${TCPEDU_PLUGIN:-$ROOT/build/tcpedu.so}
MKCAPTURE=$ROOT/build/mkcapture
[[ -x /usr/bin/time ]] || die "/usr/bin/time not found (Debian package 'time'; scripts/deps.sh installs it)"
command -v tshark >/dev/null || die "tshark not found (scripts/deps.sh installs it)"
if [[ ! -f $PLUGIN || ! -x $MKCAPTURE ]]; then
    echo "bench.sh: building the plugin and mkcapture" >&2
    (cd "$ROOT" && cmake -S . -B build -DTCPEDU_BUILD_PLUGIN=ON >/dev/null &&
        cmake --build build -j2 --target tcpedu mkcapture >/dev/null) || die "build failed"
fi
WS_VERSION=$(tshark --version 2>/dev/null | sed -n '1s/.*(Wireshark) \([0-9]*\.[0-9]*\).*/\1/p')
[[ $WS_VERSION ]] || die "cannot read the Wireshark version from tshark --version"

# ---- captures ----------------------------------------------------------
# The name carries a hash of the generator, so a changed generator makes
# new captures instead of reusing stale ones.
mkdir -p "$CACHE"
chmod 755 "$CACHE"
GEN=$(sha256sum "$ROOT/scripts/mkcapture.c" | cut -c1-10)
MIX=$CACHE/mix-$PACKETS-$CONNS-s$SEED-$GEN.pcap
SCANCAP=$CACHE/scan-$SCAN-s$SEED-$GEN.pcap
make_capture() {  # OUT ARGS...
    local out=$1; shift
    if [[ ! -s $out || ! -s $out.info ]]; then
        echo "bench.sh: writing $out" >&2
        "$MKCAPTURE" "$@" -o "$out.tmp" 2>"$out.info.tmp" || die "mkcapture failed: $(cat "$out.info.tmp")"
        mv "$out.tmp" "$out"
        mv "$out.info.tmp" "$out.info"
        chmod 644 "$out" "$out.info"
    fi
}
make_capture "$MIX" --packets "$PACKETS" --conns "$CONNS" --seed "$SEED"
make_capture "$SCANCAP" --scan "$SCAN" --seed "$SEED"
# The same number of packets in a quarter of the connections: about 40
# segments each, so that handshakes and teardowns are about 16% of the
# segments instead of about 60% (the long-* rows).
LONGCAP=$CACHE/long-$PACKETS-$((CONNS / 4))-s$SEED-$GEN.pcap
make_capture "$LONGCAP" --packets "$PACKETS" --conns $((CONNS / 4)) --seed "$SEED"
# "mkcapture: 1044546 packets, 100000 connections, ..."
info_num() { sed -n "s/^mkcapture: \([0-9]*\) packets, \([0-9]*\) connections.*/\\$2/p" "$1.info"; }
MIX_FRAMES=$(info_num "$MIX" 1) MIX_CONNS=$(info_num "$MIX" 2)
SCAN_FRAMES=$(info_num "$SCANCAP" 1) SCAN_CONNS=$(info_num "$SCANCAP" 2)
LONG_FRAMES=$(info_num "$LONGCAP" 1) LONG_CONNS=$(info_num "$LONGCAP" 2)
[[ $MIX_FRAMES && $SCAN_FRAMES ]] || die "cannot read the capture sizes from $MIX.info"

# ---- a HOME with the plugin, readable by nobody ------------------------
TMP=$(mktemp -d /tmp/tcpedu-bench.XXXXXX)
trap 'rm -rf "$TMP"' EXIT
PLUGDIR=$TMP/home/.local/lib/wireshark/plugins/$WS_VERSION/epan
mkdir -p "$PLUGDIR" "$TMP/home-without"
cp "$PLUGIN" "$PLUGDIR/tcpedu.so"
chmod -R a+rX "$TMP"
AS_USER=()
if [[ $(id -u) -eq 0 ]]; then
    AS_USER=(setpriv --reuid=65534 --regid=65534 --clear-groups)
fi
run_env=(env -i HOME="$TMP/home" PATH=/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8 LC_ALL=C.UTF-8)
# the same without the plugin (the no-plugin row)
bare_env=(env -i HOME="$TMP/home-without" PATH=/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8 LC_ALL=C.UTF-8)

# The plugin must load, or every ratio is 1.00 and means nothing.
"${AS_USER[@]}" "${run_env[@]}" tshark -G protocols 2>/dev/null | grep -qE $'\ttcpedu(\t|$)' ||
    die "tshark does not load $PLUGIN (tshark -G protocols has no tcpedu)"

# ---- the commands -------------------------------------------------------
# name | with tcpedu | without | capture | frames | connections | budget CPU | budget memory
COMMANDS=(
    "summary|-n -r @MIX|-n -r @MIX --disable-protocol tcpedu|mix|1.10|1.10"
    "fields|-n -r @MIX -T fields -e tcp.stream -e tcpedu.phase|-n -r @MIX -T fields -e tcp.stream -e tcpedu.phase --disable-protocol tcpedu|mix|1.10|1.10"
    "verbose|-n -r @MIX -V|-n -r @MIX -V --disable-protocol tcpedu|mix|1.15|1.10"
    "two-pass|-n -r @MIX -2|-n -r @MIX -2 --disable-protocol tcpedu|mix|1.10|1.10"
    "conns|-n -q -r @MIX -z tcpedu,conns|-n -q -r @MIX -z conv,tcp --disable-protocol tcpedu|mix|1.10|1.10"
    "scan|-n -r @SCAN|-n -r @SCAN --disable-protocol tcpedu|scan|1.15|1.15"
    # Not in issue 8's table, no budget of their own:
    # summary lines against a tshark that has no tcpedu at all (a HOME
    # without the plugin): what installing it costs;
    "no-plugin|-n -r @MIX|@NOPLUGIN -n -r @MIX|mix|-|-"
    # the conns report without server names (the names need a protocol
    # tree: see PERFORMANCE.md), and summary lines when the names are
    # always looked for.
    "conns-no-names|-n -q -r @MIX -z tcpedu,conns -o tcpedu.server_names:never|-n -q -r @MIX -z conv,tcp --disable-protocol tcpedu|mix|-|-"
    "summary-names|-n -r @MIX -o tcpedu.server_names:always|@NOPLUGIN -n -r @MIX|mix|-|-"
    # summary lines and the scan with the per-capture records in ordinary
    # 4 KiB pages (tcpedu.huge_pages off; src/observer/tcpedu_mem.h): what
    # the huge pages save, side by side with the summary and scan rows.
    "summary-no-huge|-n -r @MIX -o tcpedu.huge_pages:FALSE|-n -r @MIX --disable-protocol tcpedu|mix|-|-"
    "scan-no-huge|-n -r @SCAN -o tcpedu.huge_pages:FALSE|-n -r @SCAN --disable-protocol tcpedu|scan|-|-"
    # -T fields and -V on longer connections (about 40 segments each, as
    # when one connection carries a page): the full tree of the handshake
    # and teardown segments against the compact tree of the data.
    "long-fields|-n -r @LONG -T fields -e tcp.stream -e tcpedu.phase|-n -r @LONG -T fields -e tcp.stream -e tcpedu.phase --disable-protocol tcpedu|long|-|-"
    "long-verbose|-n -r @LONG -V|-n -r @LONG -V --disable-protocol tcpedu|long|-|-"
)
# Per-connection budget of the scan (issue 8): bytes of peak RSS.
SCAN_BYTES_PER_CONN_BUDGET=256

RESULTS=$CACHE/results-$SIZE.tsv
: >"$RESULTS.tmp"
printf 'command\trun\tvariant\tcpu_s\tpeak_rss_kb\telapsed_s\n' >>"$RESULTS.tmp"

# measure NAME RUN VARIANT ARGS...: one tshark run; appends a line.
measure() {
    local name=$1 run=$2 variant=$3; shift 3
    local tf=$TMP/time.txt
    local envv=("${run_env[@]}")
    if [[ $1 == @NOPLUGIN ]]; then
        envv=("${bare_env[@]}")
        shift
    fi
    if ! /usr/bin/time -v -o "$tf" "${AS_USER[@]}" "${envv[@]}" tshark "$@" >/dev/null 2>"$TMP/err.txt"; then
        cat "$TMP/err.txt" >&2
        die "tshark $* failed"
    fi
    if grep -qiE 'dissector bug|ws_assert|CRITICAL' "$TMP/err.txt"; then
        cat "$TMP/err.txt" >&2
        die "tshark $* reported an error"
    fi
    awk -v n="$name" -v r="$run" -v v="$variant" -F': ' '
        /User time \(seconds\)/ {u = $2}
        /System time \(seconds\)/ {s = $2}
        /Maximum resident set size/ {m = $2}
        /Elapsed \(wall clock\)/ {e = $NF; k = split(e, a, ":"); e = 0; for (i = 1; i <= k; i++) e = e * 60 + a[i]}
        END {printf "%s\t%s\t%s\t%.2f\t%d\t%.2f\n", n, r, v, u + s, m, e}' "$tf" >>"$RESULTS.tmp"
}

echo "bench.sh: $SIZE captures: $(basename "$MIX") ($MIX_FRAMES frames, $MIX_CONNS connections)," \
     "$(basename "$SCANCAP") ($SCAN_FRAMES frames), $(basename "$LONGCAP") ($LONG_FRAMES frames, $LONG_CONNS connections); $RUNS runs; Wireshark $(tshark --version 2>/dev/null | sed -n '1s/.*(Wireshark) \([^ ]*\).*/\1/p');" \
     "$(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
for spec in "${COMMANDS[@]}"; do
    IFS='|' read -r name with without cap _ _ <<<"$spec"
    [[ $name =~ $ONLY ]] || continue
    case $cap in scan) capfile=$SCANCAP ;; long) capfile=$LONGCAP ;; *) capfile=$MIX ;; esac
    with=${with//@MIX/$capfile}; with=${with//@SCAN/$capfile}; with=${with//@LONG/$capfile}
    without=${without//@MIX/$capfile}; without=${without//@SCAN/$capfile}; without=${without//@LONG/$capfile}
    for ((r = 1; r <= RUNS; r++)); do
        # shellcheck disable=SC2086  # the argument lists are word lists
        if ((r % 2)); then
            measure "$name" "$r" with $with
            measure "$name" "$r" without $without
        else
            measure "$name" "$r" without $without
            measure "$name" "$r" with $with
        fi
    done
    echo "bench.sh: $name done ($(awk -F'\t' -v n="$name" '$1 == n {t += $6} END {printf "%.0f", t}' "$RESULTS.tmp") s)" >&2
done
mv "$RESULTS.tmp" "$RESULTS"

# ---- the report -----------------------------------------------------------
budgets=""
for spec in "${COMMANDS[@]}"; do
    IFS='|' read -r name _ _ cap bcpu bmem <<<"$spec"
    case $cap in
        scan) f=$SCAN_FRAMES c=$SCAN_CONNS ;;
        long) f=$LONG_FRAMES c=$LONG_CONNS ;;
        *) f=$MIX_FRAMES c=$MIX_CONNS ;;
    esac
    budgets+="$name $bcpu $bmem $f $c"$'\n'
done
awk -F'\t' -v budgets="$budgets" -v scan_bpc="$SCAN_BYTES_PER_CONN_BUDGET" '
function least(arr, n,    i, t) {
    t = arr[1]; for (i = 2; i <= n; i++) if (arr[i] < t) t = arr[i]
    return t
}
function median(arr, n,    i, j, t) {
    for (i = 2; i <= n; i++) { t = arr[i]; for (j = i - 1; j >= 1 && arr[j] > t; j--) arr[j + 1] = arr[j]; arr[j + 1] = t }
    return n % 2 ? arr[(n + 1) / 2] : (arr[n / 2] + arr[n / 2 + 1]) / 2
}
BEGIN {
    nb = split(budgets, lines, "\n")
    for (i = 1; i <= nb; i++) if (split(lines[i], b, " ") == 5) {
        order[++no] = b[1]; bcpu[b[1]] = b[2]; bmem[b[1]] = b[3]; frames[b[1]] = b[4]; conns[b[1]] = b[5]
    }
}
NR > 1 { cpu[$1, $2, $3] = $4; rss[$1, $2, $3] = $5; if ($2 > runs[$1]) runs[$1] = $2; seen[$1] = 1 }
END {
    printf "%-15s %5s %9s %9s %9s %10s %9s %9s %9s %11s %12s\n", "command", "runs", "cpu with", "without", "CPU x", "fastest x", "MB with", "without", "memory x", "bytes/conn", "bytes/frame"
    for (k = 1; k <= no; k++) {
        n = order[k]; if (!seen[n]) continue
        m = runs[n]
        for (r = 1; r <= m; r++) {
            rc[r] = cpu[n, r, "with"] / cpu[n, r, "without"]
            rm[r] = rss[n, r, "with"] / rss[n, r, "without"]
            d[r] = (rss[n, r, "with"] - rss[n, r, "without"]) * 1024
            cw[r] = cpu[n, r, "with"]; co[r] = cpu[n, r, "without"]
            mw[r] = rss[n, r, "with"] / 1024; mo[r] = rss[n, r, "without"] / 1024
        }
        # compared as printed (two decimals), so 1.10 is within 1.10
        xc = sprintf("%.2f", median(rc, m)) + 0; xm = sprintf("%.2f", median(rm, m)) + 0; dd = median(d, m)
        # "fastest x": the fastest run with over the fastest without; on a
        # shared machine, where a run now and then takes half as long
        # again, it moves less than the median (the budget is the median)
        xf = least(cw, m) / least(co, m)
        printf "%-15s %5d %8.2fs %8.2fs %9.2f %10.2f %9.0f %9.0f %9.2f %11.0f %12.1f\n", n, m, median(cw, m), median(co, m), xc, xf, median(mw, m), median(mo, m), xm, dd / conns[n], dd / frames[n]
        if (bcpu[n] == "-") continue
        if (xc > bcpu[n] + 0) reg[++nr] = sprintf("REGRESSION: %s: CPU with/without %.2f is over the budget %.2f", n, xc, bcpu[n])
        if (xm > bmem[n] + 0) reg[++nr] = sprintf("REGRESSION: %s: peak memory with/without %.2f is over the budget %.2f", n, xm, bmem[n])
        if (n == "scan" && dd / conns[n] > scan_bpc) reg[++nr] = sprintf("REGRESSION: scan: %.0f bytes per connection is over the budget %d", dd / conns[n], scan_bpc)
    }
    printf "budget (issue 8): CPU x and memory x <= 1.10 (verbose CPU <= 1.15; scan <= 1.15 and <= %d bytes/conn)\n", scan_bpc
    for (i = 1; i <= nr; i++) print reg[i]
    if (!nr) print "bench.sh: every ratio is within the budget"
}' "$RESULTS"
echo "bench.sh: raw figures in $RESULTS"
exit 0
