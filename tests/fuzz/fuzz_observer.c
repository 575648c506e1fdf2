/*
 * fuzz_observer.c - libFuzzer target for the observer (tcpedu_observer.c)
 * and the Zeek model (tcpedu_zeek.c).
 *
 * The input is read as a stream of segments of up to FZ_CONNS interleaved
 * connections: both directions, any of the 9 flags, sequence and
 * acknowledgment numbers near the ISNs, near what was sent, or anywhere,
 * payload lengths, options, timestamps over the whole int64 range
 * (including the saturated ends) and several segments in one frame.  Each
 * connection is fed to the observer and to the Zeek model the way the glue
 * does (a new record when tcpedu_conn_is_new() / tcpedu_zeek_is_reuse()
 * say so), and check_invariants() runs after every segment.
 *
 * Build and run: tests/fuzz/run.sh (clang -fsanitize=fuzzer,address,undefined).
 */
#include "tcpedu_observer.h"
#include "invariants.h"
#include "tcpedu_time.h"
#include "tcpedu_zeek.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define FZ_CONNS 4
#define FZ_VERDICTS 256 /* per connection record; verdicts stay at fixed addresses */

typedef struct {
    tcpedu_conn c;
    tcpedu_verdict v[FZ_VERDICTS];
    tcpedu_rare rare[FZ_VERDICTS]; /* the verdicts' rare members (v[i]'s in rare[i]) */
    tcpedu_array_rare rare_at;
    tcpedu_rare_store store;
    unsigned n;
    tcpedu_zeek z;
    uint32_t isn[2];
    uint32_t sent[2]; /* next sequence number each side would send */
} fz_conn;

static fz_conn conns[FZ_CONNS];

/* ---- reading the input ------------------------------------------------ */

typedef struct {
    const uint8_t *p;
    size_t left;
} fz_in;

static uint8_t u8(fz_in *in)
{
    if (!in->left)
        return 0;
    in->left--;
    return *in->p++;
}

static uint16_t u16(fz_in *in)
{
    return (uint16_t)(u8(in) << 8 | u8(in));
}

static uint32_t u32(fz_in *in)
{
    return (uint32_t)u16(in) << 16 | u16(in);
}

static uint64_t u64(fz_in *in)
{
    return (uint64_t)u32(in) << 32 | u32(in);
}

/* A number near @p base (mode 0-2) or anything (mode 3). */
static uint32_t number(fz_in *in, unsigned mode, uint32_t base)
{
    switch (mode & 3) {
    case 0: return base;
    case 1: return base + (uint32_t)(int8_t)u8(in);
    case 2: return base + (uint32_t)(int16_t)u16(in);
    default: return u32(in);
    }
}

/* ---- invariants --------------------------------------------------------- */

#define FZ_CHECK(cond) do { \
        if (!(cond)) { \
            fprintf(stderr, "fuzz_observer: invariant failed: %s (%s:%d)\n", #cond, __FILE__, \
                    __LINE__); \
            abort(); \
        } \
    } while (0)

static void check_verdict(const tcpedu_conn *c, const tcpedu_verdict *v)
{
    unsigned total;

    FZ_CHECK(v->frame != 0);
    FZ_CHECK(v->phase < TCPEDU_PH_COUNT);
    FZ_CHECK(v->kind < TCPEDU_SEG_COUNT && v->kind != TCPEDU_SEG_NONE);
    FZ_CHECK(v->rule < TCPEDU_X_COUNT);
    FZ_CHECK(v->sender_before < TCPEDU_ST_COUNT && v->sender_after < TCPEDU_ST_COUNT);
    FZ_CHECK(v->receiver_before < TCPEDU_ST_COUNT && v->receiver_after < TCPEDU_ST_COUNT);
    FZ_CHECK(v->sender_after != TCPEDU_ST_UNKNOWN && v->receiver_after != TCPEDU_ST_UNKNOWN);
    FZ_CHECK(v->dir != TCPEDU_DIR_UNKNOWN);
    FZ_CHECK((tcpedu_verdict_anomalies(v) >> TCPEDU_A_COUNT) == 0);
    FZ_CHECK(!(tcpedu_verdict_anomalies(v) & TCPEDU_ABIT(TCPEDU_A_SYN_UNANSWERED)));
    /* answers point strictly backwards, answered_by strictly forwards */
    FZ_CHECK(v->answers == 0 || v->answers < v->frame);
    FZ_CHECK(v->answered_by == 0 || v->answered_by > v->frame);
    /* steps never exceed their totals */
    FZ_CHECK(v->step <= 4);
    total = v->phase == TCPEDU_PH_HANDSHAKE ? tcpedu_conn_hs_total(c)
          : v->phase == TCPEDU_PH_TEARDOWN ? tcpedu_conn_td_total(c) : 0;
    FZ_CHECK(v->step == 0 || total == 0 || v->step <= total);
}

/*
 * Every invariant, after every segment: the connection as a whole, each of
 * its verdicts (later segments revise earlier verdicts), and the Zeek
 * model.  One function, so that further invariants have one place to go.
 */
static void check_invariants(const fz_conn *fc)
{
    const tcpedu_conn *c = &fc->c;
    const char *hist = tcpedu_zeek_history(&fc->z);
    const char *st = tcpedu_zeek_conn_state(&fc->z);
    unsigned i;

    FZ_CHECK(tcpedu_conn_outcome(c) < TCPEDU_OUT_COUNT);
    FZ_CHECK(tcpedu_conn_td_style(c) < TCPEDU_TD_COUNT);
    FZ_CHECK(c->hs_steps <= 4 && c->td_steps <= 4);
    FZ_CHECK(tcpedu_conn_hs_total(c) <= 4 && tcpedu_conn_td_total(c) <= 4);
    FZ_CHECK(c->nsegs == fc->n);
    for (i = 0; i < fc->n; i++)
        check_verdict(c, &fc->v[i]);
    /* The state chain (tests/unit/invariants.h): each endpoint's state
     * after one segment is its state before the next one it sends or
     * receives, with the revisions made so far applied (as -2 shows them).
     * The crossed/revises marks name a frame, so a record with two segments
     * in one frame cannot be ordered by them: such records are skipped, as
     * the end-to-end chain check skips them (tunnel frames). */
    {
        static const tcpedu_verdict *p[FZ_VERDICTS];
        static tcpedu_rare pr[FZ_VERDICTS];
        char why[200];
        uint32_t bad = 0;
        bool one_per_frame = true;
        for (i = 0; i < fc->n; i++) {
            p[i] = &fc->v[i];
            pr[i] = tcpedu_rare_of(&fc->v[i], &fc->rare[i]);
            if (i > 0 && fc->v[i].frame == fc->v[i - 1].frame)
                one_per_frame = false;
        }
        if (one_per_frame)
            bad = tcpedu_chain_check(p, pr, fc->n, true, why, sizeof why);
        if (bad)
            fprintf(stderr, "fuzz_observer: state chain breaks at frame %u: %s\n", (unsigned)bad, why);
        FZ_CHECK(bad == 0);
    }

    FZ_CHECK(fc->z.ep[0].state <= TCPEDU_ZK_RESET && fc->z.ep[1].state <= TCPEDU_ZK_RESET);
    FZ_CHECK(strlen(hist) <= TCPEDU_ZEEK_HISTORY_MAX);
    FZ_CHECK(st && strlen(st) >= 2 && strlen(st) <= 6);
}

/* ---- one segment ---------------------------------------------------------- */

static void conn_reset(fz_conn *fc, tcpedu_new why)
{
    tcpedu_array_rare_init(&fc->rare_at, &fc->store, fc->v, fc->rare, FZ_VERDICTS);
    tcpedu_conn_init(&fc->c, why, &fc->store);
    fc->n = 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fz_in in = {data, size};
    uint32_t frame = 0;
    int64_t t = (int64_t)u64(&in);
    unsigned k;

    for (k = 0; k < FZ_CONNS; k++) {
        conn_reset(&conns[k], TCPEDU_NEW_NO);
        tcpedu_zeek_init(&conns[k].z);
        conns[k].isn[0] = conns[k].sent[0] = u32(&in);
        conns[k].isn[1] = conns[k].sent[1] = u32(&in);
    }
    while (in.left) {
        uint8_t ctl = u8(&in);      /* conn:2 side:1 same-frame:1 time:2 opts:1 len:1 */
        uint8_t modes = u8(&in);    /* seq mode:2 seq base:1 ack mode:2 ack base:1 ... */
        fz_conn *fc = &conns[ctl & 3];
        tcpedu_segment s;
        tcpedu_verdict *v;
        tcpedu_new why;
        int side = (ctl >> 2) & 1;

        memset(&s, 0, sizeof s);
        if (!((ctl >> 3) & 1) || frame == 0)
            frame++; /* else: another TCP header in the same frame */
        s.frame = frame;
        switch ((ctl >> 4) & 3) {
        case 0: t = tcpedu_time_add(t < 0 ? 0 : t, u8(&in)); break;            /* ns apart */
        case 1: t = tcpedu_time_add(t < 0 ? 0 : t, (int64_t)u16(&in) * 100000000); break;
        case 2: t = (int64_t)u64(&in); break;                                  /* anywhere */
        default: t = (u8(&in) & 1) ? TCPEDU_T_MAX : TCPEDU_T_MIN; break;       /* saturated */
        }
        s.t_ns = t;
        s.side = (uint8_t)side;
        s.sport = side ? 80 : (uint16_t)(40000 + (ctl & 3));
        s.dport = side ? (uint16_t)(40000 + (ctl & 3)) : 80;
        s.flags = (uint16_t)(u16(&in) & 0x1ff);
        s.seq = number(&in, modes, (modes & 4) ? fc->sent[side] : fc->isn[side]);
        s.ack = number(&in, modes >> 3, ((modes >> 5) & 1) ? fc->sent[!side] : fc->isn[!side] + 1);
        s.len = (ctl & 0x80) ? u16(&in) : ((modes >> 6) ? u8(&in) % 64 : 0);
        s.win = u16(&in);
        s.hdr_len = 20;
        if (ctl & 0x40) {
            s.opt.present = (uint8_t)(u8(&in) & 0x1f);
            s.opt.mss = u16(&in);
            s.opt.wscale = u8(&in);
            s.opt.tsval = u32(&in);
            s.opt.tsecr = u32(&in);
            s.opt.tfo_cookie_len = (uint8_t)(u8(&in) % 17);
            s.hdr_len = 40;
        }
        fc->sent[side] = s.seq + s.len + ((s.flags & TCPEDU_F_SYN) != 0) +
                         ((s.flags & TCPEDU_F_FIN) != 0);

        /* the glue's rules: a new record when the observer says so, and
         * a fresh one when this record is full */
        why = tcpedu_conn_is_new(&fc->c, &s);
        if (why != TCPEDU_NEW_NO || fc->n == FZ_VERDICTS)
            conn_reset(fc, why);
        v = &fc->v[fc->n++];
        tcpedu_observe(&fc->c, &s, v);
        FZ_CHECK(v->frame == s.frame);

        if (tcpedu_zeek_is_reuse(&fc->z, &s))
            tcpedu_zeek_init(&fc->z);
        tcpedu_zeek_observe(&fc->z, &s);
        (void)tcpedu_zeek_size(&fc->z, true);
        (void)tcpedu_zeek_size(&fc->z, false);

        check_invariants(fc);
    }
    return 0;
}
