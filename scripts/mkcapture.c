/*
 * mkcapture - write large synthetic TCP captures for the benchmark
 * (scripts/bench.sh, docs/PERFORMANCE.md).
 *
 *   mkcapture [--packets N] [--conns N] [--seed S] [--expect FILE] -o OUT.pcap
 *   mkcapture --scan N [--seed S] [--expect FILE] -o OUT.pcap
 *
 * The first form writes at least N packets (default 1,000,000) in exactly
 * --conns connections (default 100,000), interleaved in time as on a busy
 * link.  Most connections are normal ones (handshake with Linux-like
 * options, request/response rounds with data both ways, a three- or
 * four-segment close, either side closing first, some over IPv6); one
 * connection in 50 is one of the other lifecycles tcpedu knows (refused,
 * SYN never answered, retransmitted SYN / SYN-ACK / FIN, RST abort by
 * either side, FIN then RST, simultaneous open and close, half-close with
 * data, mid-stream start, port reuse, Fast Open).  The first connections go
 * through every lifecycle once, so even a small capture holds them all.
 * The second form writes N unanswered SYNs of a port scan, one per
 * connection.
 *
 * Output: pcap, Ethernet, microsecond timestamps, valid IPv4 and TCP
 * checksums.  The same options give the same bytes (xorshift PRNG seeded
 * from --seed; no clock, no environment).  --expect writes one line per
 * frame, "frame<TAB>phase<TAB>step", the lifecycle phase (1 handshake,
 * 2 data, 3 teardown, 4 reset) and step (0 = none) the generator meant, so
 * that a test can check what tcpedu sees.  A summary goes to stderr.
 *
 * Plain C99, no dependencies: built by CMake as `mkcapture`.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { F_FIN = 0x01, F_SYN = 0x02, F_RST = 0x04, F_PSH = 0x08, F_ACK = 0x10 };
enum { PH_HS = 1, PH_DATA = 2, PH_TD = 3, PH_RST = 4 };
/* TCP option layouts */
enum { O_NONE, O_SYN, O_TS, O_TFO_SYN, O_SCAN };

/* One packet, compact; the bytes are made when the file is written. */
typedef struct {
    int64_t t_us;
    uint32_t idx;       /* emission order: ties in time keep it */
    uint32_t conn;      /* index into tuples[] */
    uint32_t seq, ack, tsval, tsecr;
    uint16_t len, win;
    uint8_t flags, dir, opt, phase, step;
} pkt_t;

/* One 4-tuple (a connection, or two for port reuse). */
typedef struct {
    uint32_t client;    /* host number */
    uint16_t server;    /* host number */
    uint16_t cport, sport;
    uint8_t v6;
} tuple_t;

static pkt_t *pkts;
static size_t npkts, cap_pkts;
static tuple_t *tuples;
static size_t ntuples, cap_tuples;
static uint64_t rng_state;

static uint64_t rnd(void)
{
    /* xorshift64* */
    rng_state ^= rng_state >> 12;
    rng_state ^= rng_state << 25;
    rng_state ^= rng_state >> 27;
    return rng_state * 2685821657736338717ULL;
}

/* uniform in [lo, hi] */
static uint32_t rnd_in(uint32_t lo, uint32_t hi)
{
    return lo + (uint32_t)(rnd() % ((uint64_t)hi - lo + 1));
}

static void *grow(void *p, size_t *cap, size_t need, size_t size)
{
    if (need <= *cap)
        return p;
    *cap = *cap ? *cap * 2 : 1024;
    while (*cap < need)
        *cap *= 2;
    p = realloc(p, *cap * size);
    if (!p) {
        fprintf(stderr, "mkcapture: out of memory\n");
        exit(2);
    }
    return p;
}

/* ---- building connections -------------------------------------------- */

/* What one connection's generator knows while it emits packets. */
typedef struct {
    uint32_t conn;
    int64_t t;          /* time of the last packet, us */
    uint32_t rtt;       /* us */
    uint32_t isn[2], nxt[2];
    uint32_t ts_off[2], last_ts[2];
    uint16_t win[2];
} gen_t;

/* Emit a packet with explicit seq and ack; dt after the previous one. */
static void emit_at(gen_t *g, int dir, int flags, unsigned len, int opt, int phase, int step,
                    int64_t dt, uint32_t seq, uint32_t ack)
{
    pkt_t *p;

    pkts = grow(pkts, &cap_pkts, npkts + 1, sizeof *pkts);
    p = &pkts[npkts];
    g->t += dt < 1 ? 1 : dt;
    p->t_us = g->t;
    p->idx = (uint32_t)npkts;
    p->conn = g->conn;
    p->seq = seq;
    p->ack = (flags & F_ACK) ? ack : 0;
    p->len = (uint16_t)len;
    p->flags = (uint8_t)flags;
    p->dir = (uint8_t)dir;
    p->opt = (uint8_t)opt;
    p->phase = (uint8_t)phase;
    p->step = (uint8_t)step;
    p->win = (flags & F_SYN) ? (dir ? 65160 : 64240) : g->win[dir];
    p->tsval = (uint32_t)(g->t / 1000) + g->ts_off[dir];
    p->tsecr = (flags & F_SYN) && !(flags & F_ACK) ? 0 : g->last_ts[!dir];
    g->last_ts[dir] = p->tsval;
    npkts++;
}

/* Emit the next segment of @dir: seq = its next, ack = all the peer sent. */
static void emit(gen_t *g, int dir, int flags, unsigned len, int opt, int phase, int step, int64_t dt)
{
    emit_at(g, dir, flags, len, opt, phase, step, dt, g->nxt[dir], g->nxt[!dir]);
    g->nxt[dir] += len + ((flags & F_SYN) ? 1 : 0) + ((flags & F_FIN) ? 1 : 0);
}

static uint32_t new_tuple(int v6, int64_t t)
{
    static const uint16_t server_ports[] = {7001, 7002, 7003, 7010, 7020, 7030, 7040, 7050};
    tuple_t *tp;
    uint32_t k = (uint32_t)ntuples;

    (void)t;
    tuples = grow(tuples, &cap_tuples, ntuples + 1, sizeof *tuples);
    tp = &tuples[ntuples++];
    tp->client = k % 4000;
    tp->cport = (uint16_t)(32768 + (k / 4000) % 28000);
    tp->server = (uint16_t)rnd_in(1, 64);
    tp->sport = server_ports[rnd() % (sizeof server_ports / sizeof server_ports[0])];
    tp->v6 = (uint8_t)v6;
    return k;
}

static void gen_start(gen_t *g, uint32_t conn, int64_t t0)
{
    memset(g, 0, sizeof *g);
    g->conn = conn;
    g->t = t0;
    g->rtt = rnd_in(300, 80000);
    g->isn[0] = (uint32_t)rnd();
    g->isn[1] = (uint32_t)rnd();
    g->nxt[0] = g->isn[0];
    g->nxt[1] = g->isn[1];
    g->ts_off[0] = (uint32_t)rnd();
    g->ts_off[1] = (uint32_t)rnd();
    g->win[0] = 502;
    g->win[1] = 509;
}

static void handshake(gen_t *g)
{
    emit(g, 0, F_SYN, 0, O_SYN, PH_HS, 1, 0);
    emit(g, 1, F_SYN | F_ACK, 0, O_SYN, PH_HS, 2, g->rtt);
    emit(g, 0, F_ACK, 0, O_TS, PH_HS, 3, 30);
}

/* One request/response round: client request, server reply in @m
 * segments, the client's delayed ACKs (every second segment and the
 * last).  Returns the number of packets. */
static unsigned round_trip(gen_t *g, int phase, unsigned m)
{
    unsigned i, n = 0;

    emit(g, 0, F_PSH | F_ACK, rnd_in(40, 600), O_TS, phase, 0, rnd_in(50, 20000));
    n++;
    for (i = 0; i < m; i++) {
        unsigned len = i + 1 < m ? 1448 : rnd_in(1, 1448);
        emit(g, 1, (i + 1 < m ? 0 : F_PSH) | F_ACK, len, O_TS, phase, 0,
             i == 0 ? g->rtt : rnd_in(5, 200));
        n++;
        if (i % 2 == 1 || i + 1 == m) {
            emit(g, 0, F_ACK, 0, O_TS, phase, 0, rnd_in(20, 400));
            n++;
        }
    }
    return n;
}

/* Response segments per round: mostly 1-2, sometimes up to 8. */
static unsigned reply_segments(void)
{
    unsigned r = rnd_in(0, 99);
    return r < 55 ? 1 : r < 80 ? 2 : r < 92 ? 3 : rnd_in(4, 8);
}

/* Close: @closer sends the first FIN; three or four segments. */
static void close_conn(gen_t *g, int closer, int four)
{
    int other = !closer;
    emit(g, closer, F_FIN | F_ACK, 0, O_TS, PH_TD, 1, rnd_in(100, 5000));
    if (four) {
        emit(g, other, F_ACK, 0, O_TS, PH_TD, 2, g->rtt);
        emit(g, other, F_FIN | F_ACK, 0, O_TS, PH_TD, 3, rnd_in(50, 2000));
        emit(g, closer, F_ACK, 0, O_TS, PH_TD, 4, g->rtt);
    } else {
        emit(g, other, F_FIN | F_ACK, 0, O_TS, PH_TD, 2, g->rtt);
        emit(g, closer, F_ACK, 0, O_TS, PH_TD, 3, 40);
    }
}

/* The lifecycles.  K_NORMAL must stay first. */
enum {
    K_NORMAL, K_NORMAL_V6, K_REFUSED, K_SYN_UNANSWERED, K_SYN_RETX, K_SYNACK_RETX, K_RST_CLIENT,
    K_RST_SERVER, K_FIN_RST, K_SIM_OPEN, K_SIM_CLOSE, K_FIN_RETX, K_HALF_CLOSE, K_MIDSTREAM,
    K_PORT_REUSE, K_TFO, K_COUNT
};
static const char *const kind_names[K_COUNT] = {
    "normal", "normal-ipv6", "refused", "syn-unanswered", "syn-retransmitted",
    "synack-retransmitted", "rst-abort-client", "rst-abort-server", "fin-then-rst",
    "simultaneous-open", "simultaneous-close", "fin-retransmitted", "half-close", "midstream",
    "port-reuse", "fast-open"};

/* A normal connection with @rounds rounds; closes in one of four ways. */
static void normal(gen_t *g, unsigned rounds)
{
    unsigned r = rnd_in(0, 99), i;
    handshake(g);
    for (i = 0; i < rounds; i++)
        round_trip(g, PH_DATA, reply_segments());
    /* 55% client closes in three segments, 15% server in three,
     * 20% client in four, 10% server in four */
    close_conn(g, r < 55 || (r >= 70 && r < 90) ? 0 : 1, r >= 70);
}

static void lifecycle(int kind, int64_t t0, unsigned rounds)
{
    gen_t g;
    uint32_t c = new_tuple(kind == K_NORMAL_V6, t0);
    uint32_t seq;

    gen_start(&g, c, t0);
    if (rounds < 1)
        rounds = 1;
    switch (kind) {
    case K_NORMAL:
    case K_NORMAL_V6:
        normal(&g, rounds);
        break;
    case K_REFUSED:
        emit(&g, 0, F_SYN, 0, O_SYN, PH_HS, 1, 0);
        emit_at(&g, 1, F_RST | F_ACK, 0, O_NONE, PH_RST, 0, g.rtt, 0, g.nxt[0]);
        break;
    case K_SYN_UNANSWERED:
        emit(&g, 0, F_SYN, 0, O_SYN, PH_HS, 1, 0);
        emit_at(&g, 0, F_SYN, 0, O_SYN, PH_HS, 1, 1000000, g.isn[0], 0);
        emit_at(&g, 0, F_SYN, 0, O_SYN, PH_HS, 1, 2000000, g.isn[0], 0);
        break;
    case K_SYN_RETX:
        emit(&g, 0, F_SYN, 0, O_SYN, PH_HS, 1, 0);
        emit_at(&g, 0, F_SYN, 0, O_SYN, PH_HS, 1, 1000000, g.isn[0], 0);
        emit(&g, 1, F_SYN | F_ACK, 0, O_SYN, PH_HS, 2, g.rtt);
        emit(&g, 0, F_ACK, 0, O_TS, PH_HS, 3, 30);
        round_trip(&g, PH_DATA, 1);
        close_conn(&g, 0, 0);
        break;
    case K_SYNACK_RETX:
        emit(&g, 0, F_SYN, 0, O_SYN, PH_HS, 1, 0);
        emit(&g, 1, F_SYN | F_ACK, 0, O_SYN, PH_HS, 2, g.rtt);
        emit_at(&g, 1, F_SYN | F_ACK, 0, O_SYN, PH_HS, 2, 1000000, g.isn[1], g.nxt[0]);
        emit(&g, 0, F_ACK, 0, O_TS, PH_HS, 3, 30);
        round_trip(&g, PH_DATA, 1);
        close_conn(&g, 0, 0);
        break;
    case K_RST_CLIENT:
    case K_RST_SERVER:
        handshake(&g);
        round_trip(&g, PH_DATA, reply_segments());
        emit(&g, kind == K_RST_SERVER, F_RST | F_ACK, 0, O_NONE, PH_RST, 0, rnd_in(100, 5000));
        break;
    case K_FIN_RST:
        handshake(&g);
        round_trip(&g, PH_DATA, 1);
        emit(&g, 0, F_FIN | F_ACK, 0, O_TS, PH_TD, 1, rnd_in(100, 5000));
        emit(&g, 1, F_RST | F_ACK, 0, O_NONE, PH_RST, 0, g.rtt);
        break;
    case K_SIM_OPEN:
        emit(&g, 0, F_SYN, 0, O_SYN, PH_HS, 1, 0);
        emit(&g, 1, F_SYN, 0, O_SYN, PH_HS, 2, 20);
        emit_at(&g, 0, F_SYN | F_ACK, 0, O_SYN, PH_HS, 3, 30, g.isn[0], g.nxt[1]);
        emit_at(&g, 1, F_SYN | F_ACK, 0, O_SYN, PH_HS, 4, g.rtt, g.isn[1], g.nxt[0]);
        round_trip(&g, PH_DATA, 1);
        close_conn(&g, 0, 1);
        break;
    case K_SIM_CLOSE:
        handshake(&g);
        round_trip(&g, PH_DATA, reply_segments());
        /* the FINs cross: neither acknowledges the other */
        seq = g.nxt[0];
        emit(&g, 0, F_FIN | F_ACK, 0, O_TS, PH_TD, 1, rnd_in(100, 5000));
        emit_at(&g, 1, F_FIN | F_ACK, 0, O_TS, PH_TD, 2, 20, g.nxt[1], seq);
        g.nxt[1]++;
        emit(&g, 0, F_ACK, 0, O_TS, PH_TD, 3, 30);
        emit(&g, 1, F_ACK, 0, O_TS, PH_TD, 4, g.rtt);
        break;
    case K_FIN_RETX:
        handshake(&g);
        round_trip(&g, PH_DATA, 1);
        seq = g.nxt[0];
        emit(&g, 0, F_FIN | F_ACK, 0, O_TS, PH_TD, 1, rnd_in(100, 5000));
        emit_at(&g, 0, F_FIN | F_ACK, 0, O_TS, PH_TD, 1, 200000, seq, g.nxt[1]);
        emit(&g, 1, F_ACK, 0, O_TS, PH_TD, 2, g.rtt);
        emit(&g, 1, F_FIN | F_ACK, 0, O_TS, PH_TD, 3, 500);
        emit(&g, 0, F_ACK, 0, O_TS, PH_TD, 4, g.rtt);
        break;
    case K_HALF_CLOSE: {
        unsigned i, n = rnd_in(1, 4);
        handshake(&g);
        emit(&g, 0, F_PSH | F_ACK, rnd_in(40, 600), O_TS, PH_DATA, 0, 100);
        emit(&g, 1, F_ACK, 0, O_TS, PH_DATA, 0, g.rtt);
        emit(&g, 0, F_FIN | F_ACK, 0, O_TS, PH_TD, 1, 50);
        /* the passive side goes on sending; its first segment acks the FIN */
        for (i = 0; i < n; i++) {
            emit(&g, 1, F_PSH | F_ACK, rnd_in(1, 1448), O_TS, PH_TD, i == 0 ? 2 : 0,
                 i == 0 ? g.rtt : 300);
            emit(&g, 0, F_ACK, 0, O_TS, PH_TD, 0, 40);
        }
        emit(&g, 1, F_FIN | F_ACK, 0, O_TS, PH_TD, 3, 500);
        emit(&g, 0, F_ACK, 0, O_TS, PH_TD, 4, 40);
        break;
    }
    case K_MIDSTREAM: {
        unsigned i;
        /* the capture starts after the handshake */
        for (i = 0; i < rounds; i++)
            round_trip(&g, PH_DATA, reply_segments());
        close_conn(&g, 0, 1);
        break;
    }
    case K_PORT_REUSE: {
        gen_t g2;
        normal(&g, 1);
        /* the same 4-tuple again, a new ISN, a second later */
        c = (uint32_t)ntuples;
        tuples = grow(tuples, &cap_tuples, ntuples + 1, sizeof *tuples);
        tuples[ntuples++] = tuples[g.conn];
        gen_start(&g2, c, g.t + 1000000);
        normal(&g2, rounds);
        break;
    }
    case K_TFO: {
        unsigned len = rnd_in(40, 600);
        emit(&g, 0, F_SYN, len, O_TFO_SYN, PH_HS, 1, 0);
        emit(&g, 1, F_SYN | F_ACK, 0, O_SYN, PH_HS, 2, g.rtt); /* acks ISN+1+len */
        emit(&g, 0, F_ACK, 0, O_TS, PH_HS, 3, 30);
        emit(&g, 1, F_PSH | F_ACK, rnd_in(1, 1448), O_TS, PH_DATA, 0, 100);
        emit(&g, 0, F_ACK, 0, O_TS, PH_DATA, 0, 40);
        close_conn(&g, 0, 0);
        break;
    }
    }
}

/* ---- writing pcap ----------------------------------------------------- */

static uint32_t sum16(const uint8_t *b, size_t n, uint32_t s)
{
    size_t i;
    for (i = 0; i + 1 < n; i += 2)
        s += (uint32_t)(b[i] << 8 | b[i + 1]);
    if (n & 1)
        s += (uint32_t)b[n - 1] << 8;
    return s;
}

static uint16_t fold(uint32_t s)
{
    while (s >> 16)
        s = (s & 0xffff) + (s >> 16);
    return (uint16_t)~s;
}

static void put16(uint8_t *b, uint32_t v)
{
    b[0] = (uint8_t)(v >> 8);
    b[1] = (uint8_t)v;
}

static void put32(uint8_t *b, uint32_t v)
{
    put16(b, v >> 16);
    put16(b + 2, v);
}

static void addr4(uint8_t *b, int server, uint32_t host)
{
    /* 198.18.0.0/15, RFC 2544's benchmarking range */
    b[0] = 198;
    b[1] = server ? 19 : 18;
    b[2] = (uint8_t)(host >> 8);
    b[3] = (uint8_t)(host & 0xff);
    if (!b[3])
        b[3] = 254;
}

static void addr6(uint8_t *b, int server, uint32_t host)
{
    static const uint8_t pfx[6] = {0x20, 0x01, 0x0d, 0xb8, 0, 0};
    memset(b, 0, 16);
    memcpy(b, pfx, 6);
    b[5] = server ? 2 : 1;
    put32(b + 12, host + 1);
}

static uint8_t payload_pattern[1448 + 64];

/* Build frame @p into @buf; returns its length. */
static size_t build(const pkt_t *p, const tuple_t *tp, uint8_t *buf, uint16_t ipid)
{
    uint8_t *ip = buf + 14, *tcp, opts[40];
    uint8_t src[16], dst[16];
    size_t olen = 0, iphl = tp->v6 ? 40 : 20, tlen;
    uint32_t s;
    int from_server = p->dir == 1;

    memset(opts, 0, sizeof opts);
    switch (p->opt) {
    case O_SYN:
    case O_TFO_SYN:
        opts[0] = 2; opts[1] = 4; put16(opts + 2, 1460);
        opts[4] = 4; opts[5] = 2;
        opts[6] = 8; opts[7] = 10; put32(opts + 8, p->tsval); put32(opts + 12, p->tsecr);
        opts[16] = 1; opts[17] = 3; opts[18] = 3; opts[19] = 7;
        olen = 20;
        if (p->opt == O_TFO_SYN) {
            opts[20] = 34; opts[21] = 10;
            put32(opts + 22, 0x5eedc00c); put32(opts + 26, p->seq ^ 0xa5a5a5a5);
            opts[30] = 1; opts[31] = 1;
            olen = 32;
        }
        break;
    case O_TS:
        opts[0] = 1; opts[1] = 1; opts[2] = 8; opts[3] = 10;
        put32(opts + 4, p->tsval); put32(opts + 8, p->tsecr);
        olen = 12;
        break;
    case O_SCAN:
        opts[0] = 2; opts[1] = 4; put16(opts + 2, 1460);
        olen = 4;
        break;
    default:
        break;
    }
    tlen = 20 + olen + p->len;

    /* Ethernet: MACs from the host numbers */
    {
        uint8_t cm[6] = {0x02, 0x00, 0x0c, 0, 0, 0}, sm[6] = {0x02, 0x00, 0x5e, 0, 0, 0};
        cm[3] = (uint8_t)(tp->client >> 16); cm[4] = (uint8_t)(tp->client >> 8); cm[5] = (uint8_t)tp->client;
        sm[4] = (uint8_t)(tp->server >> 8); sm[5] = (uint8_t)tp->server;
        memcpy(buf, from_server ? cm : sm, 6);
        memcpy(buf + 6, from_server ? sm : cm, 6);
        put16(buf + 12, tp->v6 ? 0x86dd : 0x0800);
    }
    if (tp->v6) {
        addr6(from_server ? src : dst, 1, tp->server);
        addr6(from_server ? dst : src, 0, tp->client);
        ip[0] = 0x60; ip[1] = 0; ip[2] = 0; ip[3] = 0;
        put16(ip + 4, (uint32_t)tlen);
        ip[6] = 6;
        ip[7] = from_server ? 52 : 64;
        memcpy(ip + 8, src, 16);
        memcpy(ip + 24, dst, 16);
    } else {
        addr4(from_server ? src : dst, 1, tp->server);
        addr4(from_server ? dst : src, 0, tp->client);
        ip[0] = 0x45; ip[1] = 0;
        put16(ip + 2, (uint32_t)(20 + tlen));
        put16(ip + 4, ipid);
        put16(ip + 6, 0x4000);
        ip[8] = from_server ? 52 : 64;
        ip[9] = 6;
        put16(ip + 10, 0);
        memcpy(ip + 12, src, 4);
        memcpy(ip + 16, dst, 4);
        put16(ip + 10, fold(sum16(ip, 20, 0)));
    }
    tcp = ip + iphl;
    put16(tcp, from_server ? tp->sport : tp->cport);
    put16(tcp + 2, from_server ? tp->cport : tp->sport);
    put32(tcp + 4, p->seq);
    put32(tcp + 8, p->ack);
    tcp[12] = (uint8_t)(((20 + olen) / 4) << 4);
    tcp[13] = p->flags;
    put16(tcp + 14, p->win);
    put16(tcp + 16, 0);
    put16(tcp + 18, 0);
    memcpy(tcp + 20, opts, olen);
    memcpy(tcp + 20 + olen, payload_pattern + (p->seq & 63), p->len);
    /* pseudo-header + segment */
    s = sum16(src, tp->v6 ? 16 : 4, 0);
    s = sum16(dst, tp->v6 ? 16 : 4, s);
    s += 6 + (uint32_t)tlen;
    s = sum16(tcp, tlen, s);
    put16(tcp + 16, fold(s));
    return 14 + iphl + tlen;
}

static int cmp_pkt(const void *a, const void *b)
{
    const pkt_t *x = a, *y = b;
    if (x->t_us != y->t_us)
        return x->t_us < y->t_us ? -1 : 1;
    return x->idx < y->idx ? -1 : x->idx > y->idx;
}

static void le32(uint8_t *b, uint32_t v)
{
    b[0] = (uint8_t)v; b[1] = (uint8_t)(v >> 8); b[2] = (uint8_t)(v >> 16); b[3] = (uint8_t)(v >> 24);
}

static int write_pcap(const char *out, const char *expect)
{
    static uint8_t frame[14 + 40 + 60 + 1500];
    uint8_t hdr[24] = {0xd4, 0xc3, 0xb2, 0xa1, 2, 0, 4, 0};
    FILE *f = fopen(out, "wb"), *e = NULL;
    uint16_t ipid[2] = {1, 1};
    size_t i;
    const int64_t epoch = 1700000000LL * 1000000;

    if (!f) {
        perror(out);
        return 1;
    }
    if (expect && !(e = fopen(expect, "w"))) {
        perror(expect);
        return 1;
    }
    setvbuf(f, NULL, _IOFBF, 1 << 20);
    le32(hdr + 16, 65535);
    le32(hdr + 20, 1);  /* Ethernet */
    fwrite(hdr, 1, sizeof hdr, f);
    qsort(pkts, npkts, sizeof *pkts, cmp_pkt);
    for (i = 0; i < npkts; i++) {
        const pkt_t *p = &pkts[i];
        uint8_t rec[16];
        int64_t t = epoch + p->t_us;
        size_t n = build(p, &tuples[p->conn], frame, ipid[p->dir]++);
        le32(rec, (uint32_t)(t / 1000000));
        le32(rec + 4, (uint32_t)(t % 1000000));
        le32(rec + 8, (uint32_t)n);
        le32(rec + 12, (uint32_t)n);
        fwrite(rec, 1, sizeof rec, f);
        fwrite(frame, 1, n, f);
        if (e)
            fprintf(e, "%zu\t%u\t%u\n", i + 1, p->phase, p->step);
    }
    if (e && fclose(e) != 0) {
        perror(expect);
        return 1;
    }
    if (fclose(f) != 0) {
        perror(out);
        return 1;
    }
    return 0;
}

static void usage(void)
{
    fprintf(stderr,
            "usage: mkcapture [--packets N] [--conns N] [--seed S] [--expect FILE] -o OUT.pcap\n"
            "       mkcapture --scan N [--seed S] [--expect FILE] -o OUT.pcap\n");
    exit(2);
}

static unsigned long num_arg(const char *s)
{
    char *end;
    unsigned long v = strtoul(s, &end, 10);
    if (!*s || *end)
        usage();
    return v;
}

int main(int argc, char **argv)
{
    unsigned long packets = 1000000, conns = 100000, scan = 0, seed = 1;
    const char *out = NULL, *expect = NULL;
    unsigned long kinds[K_COUNT] = {0};
    int i;

    for (i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--packets") && i + 1 < argc)
            packets = num_arg(argv[++i]);
        else if (!strcmp(argv[i], "--conns") && i + 1 < argc)
            conns = num_arg(argv[++i]);
        else if (!strcmp(argv[i], "--scan") && i + 1 < argc)
            scan = num_arg(argv[++i]);
        else if (!strcmp(argv[i], "--seed") && i + 1 < argc)
            seed = num_arg(argv[++i]);
        else if (!strcmp(argv[i], "--expect") && i + 1 < argc)
            expect = argv[++i];
        else if (!strcmp(argv[i], "-o") && i + 1 < argc)
            out = argv[++i];
        else
            usage();
    }
    if (!out || (!scan && (conns < 2 || packets < conns)))
        usage();
    rng_state = 0x9E3779B97F4A7C15ULL ^ ((uint64_t)seed * 0xBF58476D1CE4E5B9ULL);
    if (!rng_state)
        rng_state = 1;
    for (i = 0; i < (int)sizeof payload_pattern; i++)
        payload_pattern[i] = (uint8_t)(' ' + rnd() % 95);

    if (scan) {
        /* one scanner, 1000 ports on each target host, SYNs 5 us apart */
        unsigned long k;
        gen_t g;
        for (k = 0; k < scan; k++) {
            tuple_t *tp;
            tuples = grow(tuples, &cap_tuples, ntuples + 1, sizeof *tuples);
            tp = &tuples[ntuples];
            tp->client = 0xfffe;
            tp->cport = 40000 + (uint16_t)(seed % 20000);
            tp->server = (uint16_t)(1 + k / 1000);
            tp->sport = (uint16_t)(1 + k % 1000);
            tp->v6 = 0;
            gen_start(&g, (uint32_t)ntuples++, (int64_t)k * 5);
            emit(&g, 0, F_SYN, 0, O_SCAN, PH_HS, 1, 0);
            pkts[npkts - 1].win = 1024;
        }
        fprintf(stderr, "mkcapture: %zu packets, %zu connections (SYN scan), seed %lu\n", npkts,
                ntuples, seed);
        return write_pcap(out, expect);
    }

    {
        /* Connections start 500 us apart on average (2000 per second). */
        int64_t t = 0;
        unsigned long made = 0, started = 0;
        while (made < conns) {
            int kind;
            unsigned rounds;
            double left = (double)(packets > npkts ? packets - npkts : 0);
            double per = left / (double)(conns - made);
            /* a normal connection has 6.3 packets besides its rounds,
             * a round 4.1 on average */
            double mean = (per - 6.3) / 4.1;

            if (started < K_COUNT - 1)
                kind = (int)started + 1;    /* every lifecycle once first */
            else if (rnd() % 50 == 0)
                kind = (int)rnd_in(1, K_COUNT - 1);
            else
                kind = rnd() % 20 == 0 ? K_NORMAL_V6 : K_NORMAL;
            if (kind == K_PORT_REUSE && conns - made < 2)
                kind = K_NORMAL;
            if (made + 1 == conns && per > 0)
                /* the last one takes what is left */
                rounds = (unsigned)(per / 4.1) + 1;
            else if (mean <= 1.0)
                rounds = 1;
            else
                rounds = rnd_in(1, (unsigned)(2 * mean - 1 + 0.5));
            lifecycle(kind, t, rounds);
            kinds[kind]++;
            made += kind == K_PORT_REUSE ? 2 : 1;
            started++;
            t += rnd_in(1, 999);
        }
    }
    fprintf(stderr, "mkcapture: %zu packets, %zu connections, seed %lu:", npkts, ntuples, seed);
    for (i = 0; i < K_COUNT; i++)
        fprintf(stderr, " %s %lu%s", kind_names[i], kinds[i], i + 1 < K_COUNT ? "," : "\n");
    return write_pcap(out, expect);
}
