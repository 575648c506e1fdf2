#!/usr/bin/env bash
# record.sh - remake the real TCP captures in tests/captures/real/.
#
# Usage (as root):  tests/captures/record.sh [SCENARIO...]
#   With no argument every capture is recorded; otherwise only the named
#   ones (names as in the table below, e.g. "three-segment-close").
#   RECORD_KEEP_FAILED=DIR keeps the last failed attempt of a scenario there.
#
# For every capture the script
#   1. creates a fresh network namespace (ip netns add) with only "lo" up,
#      so all traffic stays inside it (127.0.0.1 / ::1 only),
#   2. starts dumpcap on lo with a port filter and full snaplen, and waits
#      until dumpcap has written its pcapng header ("really capturing"),
#   3. runs lab/tcpedu-lab (compiled into a temp dir) for the scenario,
#   4. waits a short grace period, stops dumpcap with SIGINT,
#   5. deletes the namespace,
#   6. checks the shape of the capture with tshark (SYN/FIN/RST/ACK numbers)
#      and retries racy scenarios a bounded number of times.
# A capture is only moved to tests/captures/real/ once it passed its check.
# Exit status is non-zero (with a message) if any capture could not be made.
#
# Needs: gcc, ip (iproute2), dumpcap, tshark, editcap not needed, nft
# (only for syn-timeout; install with apt-get install nftables).
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
OUT="$HERE/real"
SRC="$ROOT/lab/tcpedu-lab.c"

die() { echo "record.sh: error: $*" >&2; exit 1; }
log() { echo "record.sh: $*" >&2; }

[[ $EUID -eq 0 ]] || die "must run as root (network namespaces, dumpcap)"
for c in gcc ip dumpcap tshark timeout; do
    command -v "$c" >/dev/null || die "missing command: $c"
done

TMP=$(mktemp -d /tmp/tcpedu-record.XXXXXX)
NS_PREFIX="tcpedu-rec-$$"
DUMPCAP_PID=""
LAB_PID=""

cleanup() {
    if [[ -n "$DUMPCAP_PID" ]]; then kill -KILL "$DUMPCAP_PID" 2>/dev/null || true; fi
    if [[ -n "$LAB_PID" ]]; then kill -KILL "$LAB_PID" 2>/dev/null || true; fi
    local ns
    for ns in $(ip netns list 2>/dev/null | awk '{print $1}'); do
        if [[ $ns == "$NS_PREFIX"-* ]]; then ip netns del "$ns" 2>/dev/null || true; fi
    done
    rm -rf "$TMP"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

LAB="$TMP/tcpedu-lab"
gcc -O2 -Wall -Wextra -Werror -o "$LAB" "$SRC" || die "cannot compile $SRC"
mkdir -p "$OUT"

# ---------------------------------------------------------------------------
# namespace + capture plumbing
# ---------------------------------------------------------------------------
NS=""
new_ns() {
    NS="$NS_PREFIX-$1"
    ip netns del "$NS" 2>/dev/null || true
    ip netns add "$NS"
    ip netns exec "$NS" ip link set lo up
    # Default tcp_fastopen is 1 (client only); tfo scenario raises it.
    ip netns exec "$NS" sysctl -q -w net.ipv4.tcp_fastopen=1
}
del_ns() { ip netns del "$NS" 2>/dev/null || true; NS=""; }
nsx() { ip netns exec "$NS" "$@"; }

# start_capture FILE FILTER: dumpcap in $NS, return when it is capturing.
start_capture() {
    local file=$1 filter=$2
    rm -f "$file"
    ip netns exec "$NS" dumpcap -q -i lo -s 0 -f "$filter" -w "$file" \
        2>"$TMP/dumpcap.err" &
    DUMPCAP_PID=$!
    local i
    for ((i = 0; i < 100; i++)); do       # <= 5 s
        if [[ -s $file ]] && grep -q "Capturing on" "$TMP/dumpcap.err"; then
            sleep 0.2                     # let the BPF filter settle
            return 0
        fi
        kill -0 "$DUMPCAP_PID" 2>/dev/null || break
        sleep 0.05
    done
    cat "$TMP/dumpcap.err" >&2
    die "dumpcap did not start capturing"
}

stop_capture() {
    sleep 0.3                             # grace period for the last ACKs
    kill -INT "$DUMPCAP_PID" 2>/dev/null || true
    local i
    for ((i = 0; i < 100; i++)); do       # <= 5 s
        kill -0 "$DUMPCAP_PID" 2>/dev/null || break
        sleep 0.05
    done
    if kill -0 "$DUMPCAP_PID" 2>/dev/null; then
        kill -KILL "$DUMPCAP_PID" 2>/dev/null || true
        log "dumpcap did not stop on SIGINT, killed"
    fi
    wait "$DUMPCAP_PID" 2>/dev/null || true
    DUMPCAP_PID=""
}

# lab ARGS...: run the lab program in $NS, bounded.
lab() { timeout 40 ip netns exec "$NS" "$LAB" "$@" 2>>"$TMP/lab.err"; }

# ---------------------------------------------------------------------------
# shape checks: a compact per-frame table + awk
#   columns: frame srcport dstport SYN ACK FIN RST seq ack len
# ---------------------------------------------------------------------------
table() {
    tshark -r "$1" -T fields -e frame.number -e tcp.srcport -e tcp.dstport \
        -e tcp.flags.syn -e tcp.flags.ack -e tcp.flags.fin -e tcp.flags.reset \
        -e tcp.seq_raw -e tcp.ack_raw -e tcp.len 2>/dev/null
}
count() { tshark -r "$1" -Y "$2" 2>/dev/null | wc -l; }

# check FILE SERVER-PORT CHECK [ARG]: runs the awk checker.
#   handshake          first 3 frames are SYN, SYN-ACK, ACK with right numbers
#   close C N          graceful close: side C (client|server) sends the first
#                      FIN, N = 3 (FIN, FIN+ACK, ACK) or 4 (FIN, ACK, FIN, ACK)
#   crossed            two FINs, the second does not ack the first
#   nofin / norst      no FIN / no RST at all
check() {
    local file=$1 sp=$2; shift 2
    table "$file" | awk -v sp="$sp" -v what="$1" -v arg1="${2:-}" -v arg2="${3:-}" '
    function m32(x) { return x % 4294967296 }
    function fail(msg) { print "  shape check failed: " msg > "/dev/stderr"; bad = 1; exit 1 }
    {
        n++; fr[n] = $1; srv[n] = ($2 == sp); S[n] = $4; A[n] = $5; F[n] = $6
        R[n] = $7; seq[n] = $8; ack[n] = $9; len[n] = $10
    }
    END {
        if (bad) exit 1
        if (what == "handshake") {
            if (n < 3) fail("fewer than 3 frames")
            if (!(S[1] && !A[1] && !srv[1])) fail("frame 1 is not a client SYN")
            if (!(S[2] && A[2] && srv[2] && ack[2] == m32(seq[1] + len[1] + 1))) fail("frame 2 is not the SYN-ACK")
            if (!(!S[3] && A[3] && !srv[3] && ack[3] == m32(seq[2] + 1))) fail("frame 3 is not the ACK of the SYN-ACK")
            exit 0
        }
        if (what == "norst") { for (k = 1; k <= n; k++) if (R[k]) fail("RST in frame " fr[k]); exit 0 }
        if (what == "nofin") { for (k = 1; k <= n; k++) if (F[k]) fail("FIN in frame " fr[k]); exit 0 }
        # FIN analysis
        i = 0; j = 0
        for (k = 1; k <= n; k++) if (F[k]) { if (!i) i = k; else if (!j && srv[k] != srv[i]) j = k }
        if (!i || !j) fail("need a FIN from each side")
        nf = 0; for (k = 1; k <= n; k++) nf += F[k]
        if (nf != 2) fail(nf " FIN segments (expected 2)")
        for (k = 1; k <= n; k++) if (R[k]) fail("RST in frame " fr[k])
        fin1end = m32(seq[i] + len[i] + 1); fin2end = m32(seq[j] + len[j] + 1)
        last = 0; for (k = j + 1; k <= n; k++) if (srv[k] == srv[i] && A[k] && ack[k] == fin2end) last = k
        if (what == "crossed") {
            if (ack[j] == fin1end) fail("second FIN (frame " fr[j] ") acknowledges the first: not crossed")
            for (k = i + 1; k < j; k++) if (srv[k] == srv[j]) fail("frame " fr[k] " from the second closer between the FINs")
            got = 0; for (k = j + 1; k <= n; k++) if (srv[k] == srv[j] && ack[k] == fin1end) got = 1
            if (!got || !last) fail("crossed FINs are not both acknowledged")
            exit 0
        }
        if (what == "close") {
            if ((arg1 == "server") != srv[i]) fail("first FIN (frame " fr[i] ") is not from the " arg1)
            if (ack[j] != fin1end) fail("second FIN does not acknowledge the first")
            between = 0; pureack = 0
            for (k = i + 1; k < j; k++) if (srv[k] == srv[j]) { between++; if (A[k] && !F[k] && len[k] == 0 && ack[k] == fin1end) pureack++ }
            if (arg2 == 3 && between) fail("separate ACK before the second FIN: four-segment, not three")
            if (arg2 == 4 && (between != 1 || pureack != 1)) fail("no single separate ACK of the first FIN: not four-segment")
            if (!last) fail("last ACK of the second FIN missing")
            if (last != n) fail("frames after the final ACK")
            exit 0
        }
        fail("unknown check " what)
    }'
}

# ---------------------------------------------------------------------------
# scenarios.  Each rec_* function records into $CAP (in $NS, already
# created) and checks it; it returns non-zero if the shape is wrong.
# ---------------------------------------------------------------------------

# simple NAME LAB-SCENARIO PORT [lab args...]: capture one run-mode scenario
simple() {
    local sc=$1 port=$2; shift 2
    start_capture "$CAP" "tcp port $port"
    lab run "$sc" --port "$port" "$@" || { stop_capture; log "lab $sc failed"; return 1; }
    stop_capture
}

rec_four_segment_close() {        # port 8101
    simple close-client-4 8101 && check "$CAP" 8101 handshake &&
        check "$CAP" 8101 close client 4
}
rec_three_segment_close() {       # port 8102
    simple close-client-3 8102 && check "$CAP" 8102 handshake &&
        check "$CAP" 8102 close client 3
}
rec_server_close_four_segment() { # port 8103
    simple close-server-4 8103 && check "$CAP" 8103 handshake &&
        check "$CAP" 8103 close server 4
}
rec_server_close_three_segment() { # port 8104
    simple close-server-3 8104 && check "$CAP" 8104 handshake &&
        check "$CAP" 8104 close server 3
}
rec_half_close() {                # port 8105
    simple half-close 8105 && check "$CAP" 8105 handshake &&
        check "$CAP" 8105 norst || return 1
    # client FIN first, then >= 3 server data segments, then server FIN
    local fin1 data
    fin1=$(tshark -r "$CAP" -Y "tcp.flags.fin==1 && tcp.srcport!=8105" -T fields -e frame.number 2>/dev/null | head -1)
    [[ -n $fin1 ]] || { log "  no client FIN"; return 1; }
    data=$(count "$CAP" "frame.number > $fin1 && tcp.srcport==8105 && tcp.len>0")
    [[ $data -ge 3 ]] || { log "  only $data server data segments after the client FIN"; return 1; }
    [[ $(count "$CAP" "tcp.flags.fin==1 && tcp.srcport==8105 && frame.number > $fin1") -eq 1 ]] ||
        { log "  no server FIN after its data"; return 1; }
}
rec_refused() {                   # port 8106, nobody listens
    simple refused 8106 || return 1
    [[ $(count "$CAP" "tcp") -eq 2 ]] || { log "  expected exactly 2 frames"; return 1; }
    table "$CAP" | awk 'NR==1 && !($4==1 && $5==0) {exit 1}
        NR==2 && !($7==1 && $5==1) {exit 1} NR==1 {s=$8} NR==2 && $9 != (s+1)%4294967296 {exit 1}' ||
        { log "  not SYN + RST,ACK(ack=ISN+1)"; return 1; }
}
rec_rst_linger() {                # port 8107
    simple rst-linger 8107 && check "$CAP" 8107 handshake && check "$CAP" 8107 nofin || return 1
    [[ $(count "$CAP" "tcp.flags.reset==1 && tcp.dstport==8107") -eq 1 ]] ||
        { log "  expected one RST from the client"; return 1; }
    [[ $(count "$CAP" "tcp.flags.reset==1") -eq 1 ]] || { log "  extra RSTs"; return 1; }
}
rec_rst_unread() {                # port 8108
    simple rst-unread 8108 && check "$CAP" 8108 handshake && check "$CAP" 8108 nofin || return 1
    [[ $(count "$CAP" "tcp.flags.reset==1 && tcp.srcport==8108") -eq 1 ]] ||
        { log "  expected one RST from the server"; return 1; }
    [[ $(count "$CAP" "tcp.len>0 && tcp.dstport==8108") -ge 1 ]] || { log "  no client data"; return 1; }
}
rec_fin_rst() {                   # port 8109
    simple fin-rst 8109 && check "$CAP" 8109 handshake || return 1
    [[ $(count "$CAP" "tcp.flags.fin==1 && tcp.dstport==8109") -eq 1 ]] || { log "  no client FIN"; return 1; }
    [[ $(count "$CAP" "tcp.flags.fin==1 && tcp.srcport==8109") -eq 0 ]] || { log "  server sent FIN"; return 1; }
    [[ $(count "$CAP" "tcp.flags.reset==1 && tcp.srcport==8109") -eq 1 ]] || { log "  no server RST"; return 1; }
    local f r
    f=$(tshark -r "$CAP" -Y "tcp.flags.fin==1" -T fields -e frame.number 2>/dev/null)
    r=$(tshark -r "$CAP" -Y "tcp.flags.reset==1" -T fields -e frame.number 2>/dev/null)
    [[ $r -gt $f ]] || { log "  RST before FIN"; return 1; }
}
rec_tfo() {                       # port 8110
    nsx sysctl -q -w net.ipv4.tcp_fastopen=3
    simple tfo 8110 || return 1
    [[ $(count "$CAP" "tcp.flags.syn==1 && tcp.flags.ack==0") -eq 2 ]] || { log "  expected 2 SYNs"; return 1; }
    [[ $(count "$CAP" "tcp.stream==0 && tcp.flags.syn==1 && tcp.flags.ack==0 && tcp.options.tfo.request") -eq 1 ]] ||
        { log "  first SYN has no TFO cookie request"; return 1; }
    [[ $(count "$CAP" "tcp.stream==0 && tcp.flags.syn==1 && tcp.flags.ack==1 && tcp.options.tfo.cookie") -eq 1 ]] ||
        { log "  first SYN-ACK carries no cookie"; return 1; }
    [[ $(count "$CAP" "tcp.stream==1 && tcp.flags.syn==1 && tcp.flags.ack==0 && tcp.options.tfo.cookie && tcp.len>0") -eq 1 ]] ||
        { log "  second SYN carries no cookie+data"; return 1; }
    tshark -r "$CAP" -Y "tcp.stream==1 && tcp.flags.syn==1" -T fields \
        -e tcp.flags.ack -e tcp.seq_raw -e tcp.ack_raw -e tcp.len 2>/dev/null |
        awk '$1==0 {s=$2; l=$4} $1==1 {a=$3} END {exit !(a == (s+1+l)%4294967296)}' ||
        { log "  SYN-ACK does not acknowledge ISN+1+len"; return 1; }
    check "$CAP" 8110 norst
}
rec_keepalive() {                 # port 8111
    simple keepalive 8111 && check "$CAP" 8111 handshake && check "$CAP" 8111 norst || return 1
    local ka kack
    ka=$(count "$CAP" "tcp.analysis.keep_alive")
    kack=$(count "$CAP" "tcp.analysis.keep_alive_ack")
    [[ $ka -ge 2 && $kack -ge 2 ]] || { log "  only $ka keep-alives / $kack keep-alive ACKs"; return 1; }
    [[ $(count "$CAP" "tcp.flags.fin==1") -eq 2 ]] || { log "  no normal close"; return 1; }
}
rec_zero_window() {               # port 8112
    simple zero-window 8112 && check "$CAP" 8112 handshake && check "$CAP" 8112 norst || return 1
    # Linux probes a zero window with a bare ACK carrying seq = SND.UNA-1
    # (tcp_xmit_probe_skb), not with a 1-byte segment, so Wireshark 4.0
    # labels the probes "TCP Keep-Alive", not "TCP ZeroWindowProbe".
    local zw zwp n
    zw=$(count "$CAP" "tcp.analysis.zero_window")
    zwp=$(count "$CAP" "tcp.dstport==8112 && (tcp.analysis.zero_window_probe || tcp.analysis.keep_alive)")
    n=$(count "$CAP" "tcp")
    [[ $zw -ge 1 && $zwp -ge 2 ]] || { log "  $zw zero-window frames, $zwp probes"; return 1; }
    [[ $(count "$CAP" "tcp.analysis.window_update && tcp.srcport==8112") -ge 1 ]] ||
        { log "  no window update"; return 1; }
    [[ $(count "$CAP" "tcp.flags.fin==1") -eq 2 ]] || { log "  no normal close"; return 1; }
    [[ $n -le 160 ]] || { log "  $n frames, too many"; return 1; }
}
rec_port_reuse() {                # port 8113, client port 40113
    simple port-reuse 8113 --local-port 40113 && check "$CAP" 8113 norst || return 1
    [[ $(count "$CAP" "tcp.flags.syn==1 && tcp.flags.ack==0 && tcp.srcport==40113") -eq 2 ]] ||
        { log "  expected two SYNs from port 40113"; return 1; }
    [[ $(count "$CAP" "tcp.analysis.reused_ports") -ge 1 ]] ||
        { log "  Wireshark does not flag port reuse"; return 1; }
    [[ $(count "$CAP" "tcp.flags.fin==1") -eq 4 ]] || { log "  expected 4 FINs"; return 1; }
}
rec_simultaneous_open() {         # ports 8114 <-> 8214
    start_capture "$CAP" "tcp port 8114"
    local rc=0
    lab run simultaneous-open --port 8114 --local-port 8214 || rc=$?
    stop_capture
    [[ $rc -eq 0 ]] || { log "  race lost (exit $rc)"; return 1; }
    check "$CAP" 8114 norst || return 1
    # the first two frames are SYNs without ACK, in opposite directions
    table "$CAP" | awk 'NR<=2 && !($4==1 && $5==0) {exit 1} NR==1 {p=$2} NR==2 && $2==p {exit 1}
        $4==1 && $5==1 {sa++} END {exit !(sa==2)}' ||
        { log "  not SYN, SYN, then two SYN-ACKs"; return 1; }
}
rec_simultaneous_close() {        # port 8115
    simple simultaneous-close 8115 && check "$CAP" 8115 handshake && check "$CAP" 8115 crossed
}
rec_syn_timeout() {               # port 8116, answers dropped by nft
    command -v nft >/dev/null || { log "  nft missing (apt-get install nftables)"; return 2; }
    # Drop every packet towards port 8116 at the input hook.  dumpcap on lo
    # sees a packet when it is transmitted, before input, so the SYNs are
    # captured but never reach TCP (no RST, no SYN-ACK).
    nsx nft -f - <<'EOF' || { log "  nft failed"; return 2; }
table inet tcpedu {
    chain input {
        type filter hook input priority 0; policy accept;
        tcp dport 8116 drop
    }
}
EOF
    # Linux >= 6.7 retransmits the first SYNs at 1 s intervals
    # (tcp_syn_linear_timeouts, default 4); 0 gives the classic exponential
    # backoff 1 s, 2 s so that TCP_SYNCNT=2 means exactly 3 SYNs.
    if nsx sysctl -q net.ipv4.tcp_syn_linear_timeouts >/dev/null 2>&1; then
        nsx sysctl -q -w net.ipv4.tcp_syn_linear_timeouts=0
    fi
    simple syn-timeout 8116 || return 1
    [[ $(count "$CAP" "tcp") -eq 3 ]] || { log "  expected 3 frames"; return 1; }
    [[ $(count "$CAP" "tcp.flags.syn==1 && tcp.flags.ack==0") -eq 3 ]] || { log "  expected 3 SYNs"; return 1; }
    [[ $(tshark -r "$CAP" -T fields -e tcp.seq_raw 2>/dev/null | sort -u | wc -l) -eq 1 ]] ||
        { log "  SYNs differ in sequence number"; return 1; }
}
rec_ipv6_handshake() {            # port 8117 on ::1
    simple close-client-4 8117 --host ::1 && check "$CAP" 8117 handshake &&
        check "$CAP" 8117 close client 4 || return 1
    [[ $(count "$CAP" "ipv6.src==::1 && tcp") -eq $(count "$CAP" "tcp") ]] || { log "  not IPv6"; return 1; }
}
rec_mid_stream() {                # port 8118: dumpcap starts after the handshake
    local go="$TMP/go-mid-stream" i
    rm -f "$go"
    ip netns exec "$NS" "$LAB" run mid-stream --port 8118 --go-file "$go" 2>>"$TMP/lab.err" &
    LAB_PID=$!
    for ((i = 0; i < 100; i++)); do       # <= 5 s until ESTABLISHED
        [[ -n $(nsx ss -Htn state established '( sport = :8118 )') ]] && break
        sleep 0.05
    done
    start_capture "$CAP" "tcp port 8118"
    touch "$go"
    local rc=0
    for ((i = 0; i < 200; i++)); do       # <= 10 s
        kill -0 "$LAB_PID" 2>/dev/null || break
        sleep 0.05
    done
    kill -KILL "$LAB_PID" 2>/dev/null || true
    wait "$LAB_PID" || rc=$?
    LAB_PID=""
    stop_capture
    [[ $rc -eq 0 ]] || { log "  lab failed"; return 1; }
    [[ $(count "$CAP" "tcp.flags.syn==1") -eq 0 ]] || { log "  capture contains a SYN"; return 1; }
    [[ $(count "$CAP" "tcp.len>0") -ge 2 ]] || { log "  no data"; return 1; }
    check "$CAP" 8118 close client 4
}
rec_http_get() {                  # port 8080
    simple http-get 8080 && check "$CAP" 8080 handshake && check "$CAP" 8080 close server 4 || return 1
    [[ $(count "$CAP" 'http.request.method == "GET"') -eq 1 ]] || { log "  no GET"; return 1; }
    [[ $(count "$CAP" "http.response.code == 200") -eq 1 ]] || { log "  no 200 OK"; return 1; }
    [[ $(count "$CAP" "tcp") -le 12 ]] || { log "  more than 12 frames"; return 1; }
}

rec_visit() {                     # port 8119: tcpedu-lab visit against python3 -m http.server
    # The name lab.tcpedu.test resolves through the namespace's own hosts
    # file (ip netns exec bind-mounts /etc/netns/NS/hosts over /etc/hosts),
    # so no DNS server is needed and the capture holds TCP only.  The
    # server speaks HTTP/1.1 with keep-alive: it would keep the connection,
    # so the client's close() sends the first FIN.
    command -v python3 >/dev/null || { log "  python3 missing"; return 2; }
    local www="$TMP/www" i srv rc=0
    mkdir -p "$www" "/etc/netns/$NS"
    printf '127.0.0.1 lab.tcpedu.test\n' >"/etc/netns/$NS/hosts"
    printf '<html><body>Hello from the lab web server</body></html>\n' >"$www/index.html"
    ip netns exec "$NS" python3 -m http.server --protocol HTTP/1.1 --bind 127.0.0.1 \
        --directory "$www" 8119 >/dev/null 2>>"$TMP/lab.err" &
    srv=$!
    for ((i = 0; i < 100; i++)); do       # <= 5 s until it listens
        [[ -n $(nsx ss -Htln '( sport = :8119 )') ]] && break
        sleep 0.05
    done
    start_capture "$CAP" "tcp port 8119"
    timeout 40 ip netns exec "$NS" "$LAB" visit http://lab.tcpedu.test:8119/ >/dev/null 2>>"$TMP/lab.err" || rc=$?
    stop_capture
    kill "$srv" 2>/dev/null || true
    wait "$srv" 2>/dev/null || true
    rm -rf "/etc/netns/$NS"
    [[ $rc -eq 0 ]] || { log "  visit failed (exit $rc)"; return 1; }
    check "$CAP" 8119 handshake && check "$CAP" 8119 norst || return 1
    [[ $(count "$CAP" 'http.request.method == "GET" && http.host == "lab.tcpedu.test:8119"') -eq 1 ]] ||
        { log "  no GET with Host lab.tcpedu.test:8119"; return 1; }
    [[ $(count "$CAP" "http.response.code == 200") -eq 1 ]] || { log "  no 200 OK"; return 1; }
    # the client closes first; three or four segments
    check "$CAP" 8119 close client 4 2>/dev/null || check "$CAP" 8119 close client 3
}

# name  tries   (racy ones get more tries)
SCENARIOS=(
    "four-segment-close 3"
    "three-segment-close 10"
    "server-close-four-segment 3"
    "server-close-three-segment 10"
    "half-close 3"
    "refused 3"
    "rst-linger 3"
    "rst-unread 3"
    "fin-rst 3"
    "tfo 3"
    "keepalive 2"
    "zero-window 2"
    "port-reuse 3"
    "simultaneous-open 25"
    "simultaneous-close 25"
    "syn-timeout 2"
    "ipv6-handshake 3"
    "mid-stream 3"
    "http-get 5"
    "visit 5"
)

record() {
    local name=$1 tries=$2 try rc
    local fn="rec_${name//-/_}"
    CAP="$TMP/$name.pcapng"
    for ((try = 1; try <= tries; try++)); do
        new_ns "$name"
        rc=0
        "$fn" || rc=$?
        del_ns
        if [[ $rc -eq 0 ]]; then
            mv "$CAP" "$OUT/$name.pcapng"
            chmod 0644 "$OUT/$name.pcapng"    # dumpcap creates 0600 files
            log "$name: ok (attempt $try, $(count "$OUT/$name.pcapng" tcp) frames)"
            return 0
        fi
        [[ $rc -eq 2 ]] && break          # not retryable
        log "$name: attempt $try/$tries did not have the expected shape, retrying"
    done
    if [[ -n ${RECORD_KEEP_FAILED:-} && -f $CAP ]]; then
        mkdir -p "$RECORD_KEEP_FAILED" && cp "$CAP" "$RECORD_KEEP_FAILED/"
        log "$name: last failed attempt kept in $RECORD_KEEP_FAILED/$name.pcapng"
    fi
    log "$name: FAILED, could not record it (see messages above)"
    return 1
}

want=("$@")
failed=()
start=$SECONDS
for entry in "${SCENARIOS[@]}"; do
    read -r name tries <<<"$entry"
    if [[ ${#want[@]} -gt 0 ]]; then
        found=0
        for w in "${want[@]}"; do [[ $w == "$name" ]] && found=1; done
        [[ $found -eq 1 ]] || continue
    fi
    record "$name" "$tries" || failed+=("$name")
done
log "done in $((SECONDS - start)) s"
if [[ ${#failed[@]} -gt 0 ]]; then
    [[ -s $TMP/lab.err ]] && { log "lab program messages (last 30 lines):"; tail -30 "$TMP/lab.err" >&2; }
    die "could not record: ${failed[*]}"
fi
