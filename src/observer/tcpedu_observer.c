/*
 * tcpedu_observer.c - the passive TCP observer (see tcpedu_observer.h).
 *
 * Decisions (what happened) live here; actions (what to print) live in the
 * Wireshark glue and the catalogue.  Every guard quotes the RFC 9293 section
 * it implements.  The state machine itself is two tables, send_table and
 * recv_table, indexed [state][event]; the handlers (on_syn, on_synack,
 * on_rst, on_fin, on_other) only classify the event with their guards and
 * hand it to send() and receive().  The observer sees the wire from one
 * capture point and assumes a segment is processed by its receiver before
 * the receiver's next segment in the capture, unless the segments crossed
 * (then replay_crossed() reorders them as the receiver saw them).
 */
#include "tcpedu_observer.h"

#include <string.h>

/* Sequence arithmetic modulo 2^32, RFC 9293 section 3.4. */
static int32_t seq_diff(uint32_t a, uint32_t b) { return (int32_t)(a - b); }
#define SEQ_LT(a, b)  (seq_diff((a), (b)) < 0)
#define SEQ_LEQ(a, b) (seq_diff((a), (b)) <= 0)
#define SEQ_GT(a, b)  (seq_diff((a), (b)) > 0)
#define SEQ_GEQ(a, b) (seq_diff((a), (b)) >= 0)

#define HAS(f, bit) (((f) & (bit)) != 0)
#define MARK(v, a)  mark((v), TCPEDU_A_##a)

/* TCPEDU_A_SYN_UNANSWERED is left out of tcpedu_verdict.an_packed: only a
 * connection's end tells it (tcpedu_conn_outcome), never a verdict. */
_Static_assert(TCPEDU_A_COUNT - 1 <= 32, "the verdict's anomalies fit 32 bits");

static void mark(tcpedu_verdict *v, unsigned a)
{
    if (a < TCPEDU_A_SYN_UNANSWERED)
        v->an_packed |= UINT32_C(1) << a;
    else if (a > TCPEDU_A_SYN_UNANSWERED)
        v->an_packed |= UINT32_C(1) << (a - 1);
}

/* ---- Rare members of a verdict (tcpedu_rare), in the caller's store ---- */

static const tcpedu_rare rare_none; /* all zero: what a verdict without a record has */

static const tcpedu_rare *rare_of(const tcpedu_conn *c, const tcpedu_verdict *v)
{
    const tcpedu_rare *r = v->rare ? c->rare->get(c->rare->ctx, v, false) : NULL;
    return r ? r : &rare_none;
}

/* The record of @p v, made now (zeroed) if it has none. */
static tcpedu_rare *rare_mut(tcpedu_conn *c, tcpedu_verdict *v)
{
    tcpedu_rare *r = c->rare->get(c->rare->ctx, v, !v->rare);
    v->rare = 1;
    return r;
}

uint32_t tcpedu_verdict_crossed(const tcpedu_conn *c, const tcpedu_verdict *v)
{
    return rare_of(c, v)->crossed;
}

uint32_t tcpedu_verdict_revises(const tcpedu_conn *c, const tcpedu_verdict *v)
{
    return rare_of(c, v)->revises;
}

uint32_t tcpedu_verdict_ack_expected(const tcpedu_conn *c, const tcpedu_verdict *v, uint32_t ack)
{
    if (v->ack_check == TCPEDU_ACKCHK_OK)
        return ack;
    return v->ack_check == TCPEDU_ACKCHK_BAD ? rare_of(c, v)->ack_expected : 0;
}

/* The acknowledgment check of a handshake or teardown step: @p expected is
 * what the step should carry.  Only a failed check keeps it (a passed one
 * is the segment's own ack). */
static void check_ack(tcpedu_conn *c, tcpedu_verdict *v, const tcpedu_segment *s, uint32_t expected)
{
    v->ack_check = s->ack == expected ? TCPEDU_ACKCHK_OK : TCPEDU_ACKCHK_BAD;
    if (v->ack_check == TCPEDU_ACKCHK_BAD)
        rare_mut(c, v)->ack_expected = expected;
}

static void set_crossed(tcpedu_conn *c, tcpedu_verdict *v, uint32_t frame)
{
    if (frame != 0 || v->rare)
        rare_mut(c, v)->crossed = frame;
}

/* ---- The state machine, as data (RFC 9293 section 3.10, figure 5) ---- */

#define ST(x) TCPEDU_ST_##x

/* What sending a segment does to its sender. */
enum {
    SND_NONE = 0,
    SND_SYN,        /* a SYN without ACK */
    SND_SYNACK,     /* a SYN with ACK */
    SND_FIN,        /* the first FIN of this side */
    SND_RST,        /* an acceptable RST (the sender aborts) */
    SND_COUNT
};

/* What processing a segment does to its receiver, in the order of RFC 9293
 * section 3.10.7.4's checks (RST first, then SYN, ACK, FIN): one segment can
 * cause several of them, applied in this order (a FIN+ACK in FIN-WAIT-1 is
 * first RCV_ACK_OF_FIN, then RCV_FIN). */
enum {
    RCV_NONE = 0,
    RCV_RST,         /* an acceptable RST */
    RCV_RST_PASSIVE, /* an acceptable RST in SYN-RECEIVED reached from LISTEN */
    RCV_SYN,         /* a SYN without ACK, first copy */
    RCV_SYNACK,      /* a SYN-ACK acknowledging our SYN, in SYN-SENT */
    RCV_ACK_OF_SYN,  /* first acknowledgment of our SYN (SYN-RECEIVED) */
    RCV_ACK_OF_FIN,  /* first acknowledgment of our FIN */
    RCV_FIN,         /* the peer's FIN, first copy */
    RCV_COUNT
};
#define RCV_BIT(e) ((uint8_t)(1u << ((e) - 1)))

/* Every value fits its bit-field in tcpedu_verdict. */
#define FITS(n, bits) ((unsigned)(n) <= (1u << (bits)))
_Static_assert(FITS(TCPEDU_X_COUNT, 8) && FITS(TCPEDU_DIR_COUNT, 2) && FITS(TCPEDU_PH_COUNT, 3) &&
                   FITS(TCPEDU_SEG_COUNT, 4) && FITS(TCPEDU_ACKCHK_COUNT, 2) &&
                   FITS(TCPEDU_RSTCHK_COUNT, 3) && FITS(TCPEDU_ST_COUNT, 4) && FITS(SND_COUNT, 3) &&
                   RCV_COUNT - 1 <= 8 && TCPEDU_INF_ROLES < (1u << 5),
               "a tcpedu_verdict bit-field is too narrow");
/* One per segment for the whole capture (the caller's per-frame budget). */
_Static_assert(sizeof(tcpedu_verdict) == 40, "tcpedu_verdict grew past 40 bytes");

/* send_table[state][event]: the sender's state after sending; 0 = stays. */
static const uint8_t send_table[TCPEDU_ST_COUNT][SND_COUNT] = {
    /* 3.10.1 OPEN, CLOSED: "Send a SYN segment ... Enter SYN-SENT state".
     * 3.10.5 ABORT, CLOSED: nothing to delete, stays CLOSED. */
    [ST(CLOSED)]       = {[SND_SYN] = ST(SYN_SENT)},
    /* 3.10.2 SEND, LISTEN: "change the connection from passive to active
     * ... Send a SYN segment ... Enter SYN-SENT state".  A SYN-ACK from
     * LISTEN means its SYN was not captured: 3.10.7.2 "the connection state
     * should be changed to SYN-RECEIVED".  A RST from LISTEN answers a
     * segment (3.10.7.2 "An acceptable reset segment should be formed"). */
    [ST(LISTEN)]       = {[SND_SYN] = ST(SYN_SENT), [SND_SYNACK] = ST(SYN_RECEIVED)},
    /* 3.10.7.3, SYN-SENT: a SYN-ACK from here answers a SYN that was not
     * captured ("Otherwise, enter SYN-RECEIVED, form a SYN,ACK segment").
     * 3.10.4 CLOSE, SYN-SENT: a FIN is not allowed (fin_before_established)
     * and is shown as the close it asks for.  3.10.5 ABORT: CLOSED. */
    [ST(SYN_SENT)]     = {[SND_SYNACK] = ST(SYN_RECEIVED), [SND_FIN] = ST(FIN_WAIT_1),
                          [SND_RST] = ST(CLOSED)},
    /* 3.10.7.2: the SYN-ACK is sent from SYN-RECEIVED (stays).  3.10.4
     * CLOSE, SYN-RECEIVED: "form a FIN segment and send it, and enter
     * FIN-WAIT-1 state".  3.10.5 ABORT: "send a reset ... enter CLOSED". */
    [ST(SYN_RECEIVED)] = {[SND_FIN] = ST(FIN_WAIT_1), [SND_RST] = ST(CLOSED)},
    /* 3.10.4 CLOSE, ESTABLISHED: "form a FIN segment and send it, and enter
     * FIN-WAIT-1 state"; 3.10.5 ABORT: CLOSED. */
    [ST(ESTABLISHED)]  = {[SND_FIN] = ST(FIN_WAIT_1), [SND_RST] = ST(CLOSED)},
    /* 3.10.5 ABORT, FIN-WAIT-1/2, CLOSE-WAIT: "send a reset ... enter CLOSED". */
    [ST(FIN_WAIT_1)]   = {[SND_RST] = ST(CLOSED)},
    [ST(FIN_WAIT_2)]   = {[SND_RST] = ST(CLOSED)},
    /* 3.10.4 CLOSE, CLOSE-WAIT: "send a FIN segment, enter LAST-ACK state". */
    [ST(CLOSE_WAIT)]   = {[SND_FIN] = ST(LAST_ACK), [SND_RST] = ST(CLOSED)},
    /* 3.10.5 ABORT, CLOSING, LAST-ACK, TIME-WAIT: "delete the TCB, enter
     * CLOSED state". */
    [ST(CLOSING)]      = {[SND_RST] = ST(CLOSED)},
    [ST(LAST_ACK)]     = {[SND_RST] = ST(CLOSED)},
    [ST(TIME_WAIT)]    = {[SND_RST] = ST(CLOSED)},
};

/* recv_table[state][event]: the receiver's state after processing; 0 = stays. */
static const uint8_t recv_table[TCPEDU_ST_COUNT][RCV_COUNT] = {
    /* 3.10.7.1 CLOSED: "all data in the incoming segment is discarded";
     * it answers with a RST and stays CLOSED. */
    [ST(CLOSED)]       = {0},
    /* 3.10.7.2 LISTEN: "An incoming RST should be ignored"; on a SYN "the
     * connection state should be changed to SYN-RECEIVED" (figure 6 line 2). */
    [ST(LISTEN)]       = {[RCV_SYN] = ST(SYN_RECEIVED)},
    /* 3.10.7.3 SYN-SENT: an acceptable RST: "enter CLOSED state"; a SYN
     * that acknowledges ours: "change the connection state to ESTABLISHED"
     * (figure 6 line 3); a SYN without ACK: "Otherwise, enter SYN-RECEIVED"
     * (figure 7 lines 3-4).  A bare ACK is dropped ("Fifth, if neither of
     * the SYN or RST bits is set, then drop the segment"). */
    [ST(SYN_SENT)]     = {[RCV_RST] = ST(CLOSED), [RCV_RST_PASSIVE] = ST(CLOSED),
                          [RCV_SYN] = ST(SYN_RECEIVED), [RCV_SYNACK] = ST(ESTABLISHED)},
    /* 3.10.7.4 SYN-RECEIVED: first check, RST: "If this connection was
     * initiated with a passive OPEN ... return this connection to LISTEN",
     * otherwise CLOSED; fifth check: "If SND.UNA < SEG.ACK =< SND.NXT, then
     * enter ESTABLISHED state" (figure 6 line 4, figure 7 line 6); eighth
     * check, FIN: "Enter the CLOSE-WAIT state". */
    [ST(SYN_RECEIVED)] = {[RCV_RST] = ST(CLOSED), [RCV_RST_PASSIVE] = ST(LISTEN),
                          [RCV_ACK_OF_SYN] = ST(ESTABLISHED), [RCV_FIN] = ST(CLOSE_WAIT)},
    /* 3.10.7.4 ESTABLISHED: RST: "enter the CLOSED state"; FIN: "Enter the
     * CLOSE-WAIT state" (figure 12 line 2). */
    [ST(ESTABLISHED)]  = {[RCV_RST] = ST(CLOSED), [RCV_RST_PASSIVE] = ST(CLOSED),
                          [RCV_FIN] = ST(CLOSE_WAIT)},
    /* 3.10.7.4 FIN-WAIT-1: fifth check, "if the FIN segment is now
     * acknowledged, then enter FIN-WAIT-2"; eighth check, a FIN whose ACK
     * did not cover ours: "enter the CLOSING state" (figure 13).  A FIN+ACK
     * that covers ours goes through FIN-WAIT-2 within this one segment. */
    [ST(FIN_WAIT_1)]   = {[RCV_RST] = ST(CLOSED), [RCV_RST_PASSIVE] = ST(CLOSED),
                          [RCV_ACK_OF_FIN] = ST(FIN_WAIT_2), [RCV_FIN] = ST(CLOSING)},
    /* 3.10.7.4 FIN-WAIT-2, eighth check: "Enter the TIME-WAIT state"
     * (figure 12 line 4). */
    [ST(FIN_WAIT_2)]   = {[RCV_RST] = ST(CLOSED), [RCV_RST_PASSIVE] = ST(CLOSED),
                          [RCV_FIN] = ST(TIME_WAIT)},
    /* 3.10.7.4 CLOSE-WAIT: a FIN again: "Remain in the CLOSE-WAIT state". */
    [ST(CLOSE_WAIT)]   = {[RCV_RST] = ST(CLOSED), [RCV_RST_PASSIVE] = ST(CLOSED)},
    /* 3.10.7.4 CLOSING, fifth check: "if the ACK acknowledges our FIN, then
     * enter the TIME-WAIT state" (figure 13). */
    [ST(CLOSING)]      = {[RCV_RST] = ST(CLOSED), [RCV_RST_PASSIVE] = ST(CLOSED),
                          [RCV_ACK_OF_FIN] = ST(TIME_WAIT)},
    /* 3.10.7.4 LAST-ACK, fifth check: "If our FIN is now acknowledged,
     * delete the TCB, enter the CLOSED state" (figure 12 line 5). */
    [ST(LAST_ACK)]     = {[RCV_RST] = ST(CLOSED), [RCV_RST_PASSIVE] = ST(CLOSED),
                          [RCV_ACK_OF_FIN] = ST(CLOSED)},
    /* 3.10.7.4 TIME-WAIT: first check, "If the RST bit is set, then enter
     * the CLOSED state"; a FIN again: "Remain in the TIME-WAIT state.
     * Restart the 2 MSL time-wait timeout". */
    [ST(TIME_WAIT)]    = {[RCV_RST] = ST(CLOSED), [RCV_RST_PASSIVE] = ST(CLOSED)},
};

static uint8_t send_next(uint8_t st, unsigned ev)
{
    uint8_t to = (st < TCPEDU_ST_COUNT && ev < SND_COUNT) ? send_table[st][ev] : 0;
    return to ? to : st;
}

static uint8_t recv_next(uint8_t st, unsigned ev)
{
    uint8_t to = (st < TCPEDU_ST_COUNT && ev < RCV_COUNT) ? recv_table[st][ev] : 0;
    return to ? to : st;
}

/* The sender S sends a segment that is event @p ev (send_table). */
static void send(tcpedu_endpoint *S, tcpedu_verdict *v, unsigned ev)
{
    uint8_t to = send_next(S->state, ev);
    v->snd_event = (uint8_t)ev;
    if (to != S->state) {
        S->state = to;
        S->since = v->frame;
    }
}

/* The receiver R processes event @p ev of the segment (recv_table).  Call
 * in the order of the RCV_ enum. */
static void receive(tcpedu_endpoint *R, tcpedu_verdict *v, unsigned ev)
{
    uint8_t to = recv_next(R->state, ev);
    v->rcv_events |= RCV_BIT(ev);
    if (to != R->state) {
        R->state = to;
        R->since = v->frame;
    }
}

/* ---- Revisions: what a later segment shows about earlier ones ------ */

/* Index in c->hist of the verdict of @p frame, or -1 if it is older than
 * the ring remembers. */
static int hist_find(const tcpedu_conn *c, uint32_t frame)
{
    uint32_t n = c->nhist < 16 ? c->nhist : 16, i;
    for (i = 0; i < n; i++) {
        const tcpedu_verdict *w = c->hist[(c->nhist - n + i) % 16];
        if (w->frame == frame)
            return (int)((c->nhist - n + i) % 16);
    }
    return -1;
}

/* Move @p idx back over receipts of endpoint @p side that crossed one of
 * its sends at or after @p idx: a revision from @p idx on must include
 * them.  -1 if they are no longer remembered. */
static int hist_extend(const tcpedu_conn *c, int side, int idx)
{
    uint32_t n = c->nhist < 16 ? c->nhist : 16, i, oldest = (c->nhist - n) % 16;
    bool moved = true;
    while (moved) {
        moved = false;
        for (i = 0; i < n; i++) {
            uint32_t pos = (oldest + i) % 16;
            const tcpedu_verdict *w = c->hist[pos];
            if (pos == (uint32_t)idx)
                break;
            uint32_t wc = tcpedu_verdict_crossed(c, w);
            if (w->side != side && wc != 0 && SEQ_GEQ(wc, c->hist[idx]->frame)) {
                idx = (int)pos;
                moved = true;
                break;
            }
        }
    }
    /* a receipt older than the ring may still cross into it */
    if ((uint32_t)idx == oldest && c->nhist > 16)
        return tcpedu_verdict_crossed(c, c->hist[idx]) != 0 ? -1 : idx;
    return idx;
}

/* The ring positions from @p idx up to (not including) the current verdict. */
#define HIST_FOR(c, idx, j, w) \
    for ((j) = (uint32_t)(idx); (w) = (c)->hist[(j) % 16], (j) % 16 != ((c)->nhist - 1) % 16; (j)++)

/* Endpoint @p side showed a guessed state from frame @p from on; it was in
 * fact @p st all along (a refused SYN's receiver was CLOSED, not LISTEN).
 * Frame @p from is a segment X received in (guessed) LISTEN.
 * Rewrites the earlier verdicts; false if they are no longer remembered. */
static bool rewrite_as(tcpedu_conn *c, int side, uint32_t from, uint8_t st, bool inferred)
{
    int idx = hist_find(c, from);
    uint32_t j;
    tcpedu_verdict *w;

    /* Only a guess is revised: before @p from, X was shown in LISTEN. */
    if (idx < 0 || c->hist[idx]->side == side || c->hist[idx]->receiver_before != TCPEDU_ST_LISTEN)
        return false;
    idx = hist_extend(c, side, idx);
    if (idx < 0)
        return false;
    HIST_FOR(c, idx, j, w) {
        if (w->side == side) {
            w->sender_before = w->sender_after = st;
            w->sender_since = 0;
            w->inferred = (uint8_t)((w->inferred & ~(TCPEDU_INF_SENDER_BEFORE | TCPEDU_INF_SENDER_AFTER)) |
                                    (inferred ? TCPEDU_INF_SENDER_BEFORE | TCPEDU_INF_SENDER_AFTER : 0));
        } else {
            set_crossed(c, w, 0);
            w->receiver_before = w->receiver_after = st;
            w->receiver_since = 0;
            w->inferred = (uint8_t)((w->inferred & ~(TCPEDU_INF_RECEIVER_BEFORE | TCPEDU_INF_RECEIVER_AFTER)) |
                                    (inferred ? TCPEDU_INF_RECEIVER_BEFORE | TCPEDU_INF_RECEIVER_AFTER : 0));
        }
    }
    return true;
}

/* Endpoint X (= the sender of @p v) sent @p v, which is send event @p ev,
 * before it processed the peer's segments from frame @p from on: they
 * crossed (figure 7 lines 2-4, figure 13).  X's state before @p from was
 * @p pre (or, if negative, the one shown there).  Replays X's part of those
 * verdicts in X's own order: first its sends, then its receipts, each
 * receipt marked as crossed by @p v.  Sets X's state; false (and nothing
 * changed) if those verdicts are no longer remembered. */
static bool replay_crossed(tcpedu_conn *c, tcpedu_endpoint *X, uint32_t from, tcpedu_verdict *v,
                           unsigned ev, int pre, bool evidence)
{
    int idx = hist_find(c, from);
    uint32_t j, since = 0;
    tcpedu_verdict *w;
    uint8_t st, inf_clear;

    if (idx < 0 || c->hist[idx]->side == v->side)
        return false;
    idx = hist_extend(c, v->side, idx);
    if (idx < 0)
        return false;
    st = pre >= 0 ? (uint8_t)pre : c->hist[idx]->receiver_before;
    if ((uint32_t)idx != (c->nhist - (c->nhist < 16 ? c->nhist : 16)) % 16) {
        /* X's "since" before @p from: every verdict involves both sides. */
        const tcpedu_verdict *p = c->hist[(idx + 15) % 16];
        since = p->side == v->side ? p->sender_since : p->receiver_since;
        if (p->side == v->side) {
            /* receipts that crossed p come after it in X's order */
            uint32_t n = c->nhist < 16 ? c->nhist : 16, i;
            for (i = 0; i < n; i++) {
                const tcpedu_verdict *q = c->hist[(c->nhist - n + i) % 16];
                if (q->side != v->side && tcpedu_verdict_crossed(c, q) == p->frame)
                    since = q->receiver_since;
            }
        }
    }
    inf_clear = evidence ? (uint8_t)(TCPEDU_INF_RECEIVER_BEFORE | TCPEDU_INF_RECEIVER_AFTER) : 0;
    /* X's sends before @p v, sent from the state it had before @p from. */
    HIST_FOR(c, idx, j, w) {
        if (w->side != v->side)
            continue;
        w->sender_before = st;
        if (send_next(st, w->snd_event) != st)
            since = w->frame;
        st = send_next(st, w->snd_event);
        w->sender_after = st;
        w->sender_since = since;
        if (evidence)
            w->inferred &= (uint8_t)~(TCPEDU_INF_SENDER_BEFORE | TCPEDU_INF_SENDER_AFTER);
    }
    v->sender_before = st;
    if (evidence)
        v->inferred &= (uint8_t)~TCPEDU_INF_SENDER_BEFORE;
    st = send_next(st, ev);
    v->snd_event = (uint8_t)ev;
    v->sender_after = st;
    if (v->sender_after != v->sender_before)
        since = v->frame;
    v->sender_since = since;
    /* Then X's receipts, in capture order. */
    HIST_FOR(c, idx, j, w) {
        unsigned e;
        if (w->side == v->side)
            continue;
        w->receiver_before = st;
        for (e = 1; e < RCV_COUNT; e++) {
            if (w->rcv_events & RCV_BIT(e)) {
                uint8_t to = recv_next(st, e);
                if (to != st)
                    since = w->frame;
                st = to;
            }
        }
        w->receiver_after = st;
        w->receiver_since = since;
        set_crossed(c, w, v->frame);
        w->inferred &= (uint8_t)~inf_clear;
    }
    X->state = st;
    X->since = since;
    rare_mut(c, v)->revises = from;
    return true;
}

/* What an acknowledgment revealed; returned by apply_ack(). */
enum {
    ACKED_PEER_SYN_NEW   = 0x01, /* first acknowledgment of the peer's SYN */
    ACKED_PEER_FIN_FIRST = 0x02, /* first acknowledgment of the peer's FIN */
    ACKED_UNSENT         = 0x04  /* acknowledges more than the peer was seen to send */
};

void tcpedu_conn_init(tcpedu_conn *c, tcpedu_new why, const tcpedu_rare_store *rare)
{
    memset(c, 0, sizeof *c);
    c->rare = rare;
    c->client = -1;
    c->first_closer = -1;
    c->reset_by = -1;
    c->reuse = (uint8_t)why;
}

static bool conn_ended(const tcpedu_conn *c)
{
    return c->reset || c->refused || (c->ep[0].fin_sent && c->ep[1].fin_sent);
}

tcpedu_new tcpedu_conn_is_new(const tcpedu_conn *c, const tcpedu_segment *s)
{
    const tcpedu_endpoint *S;
    bool same_isn;

    if (c->nsegs == 0)
        return TCPEDU_NEW_NO;
    if ((s->flags & (TCPEDU_F_SYN | TCPEDU_F_ACK | TCPEDU_F_RST)) != TCPEDU_F_SYN)
        return TCPEDU_NEW_NO;
    S = &c->ep[s->side & 1];
    same_isn = S->syn_sent && s->seq == S->isn;
    /* After a RST the connection no longer exists (RFC 9293 section
     * 3.10.7.4): a new SYN is a new attempt, even with the same ISN. */
    if (c->reset || c->refused)
        return same_isn ? TCPEDU_NEW_RETRY : TCPEDU_NEW_PORT_REUSE;
    if (same_isn)
        return TCPEDU_NEW_NO; /* a retransmission of the SYN we have */
    if (conn_ended(c))
        return TCPEDU_NEW_PORT_REUSE;
    /* A new ISN while the old attempt never got past the handshake: the
     * client gave up and tries again from the same port. */
    if (!c->hs_complete && !c->start_missing && S->syn_sent && !S->synack_sent)
        return TCPEDU_NEW_PORT_REUSE;
    return TCPEDU_NEW_NO;
}

/* Window scaling is in effect only if both SYNs carried the option
 * (RFC 7323 section 2.2).  Without both SYNs seen the shift is unknown:
 * assume the largest (14) so that window checks never call a segment out
 * of window that could be inside it. */
static unsigned wscale_of(const tcpedu_conn *c, const tcpedu_endpoint *e)
{
    const tcpedu_endpoint *a = &c->ep[0], *b = &c->ep[1];
    if (!(a->syn_sent && b->syn_sent))
        return 14;
    if (HAS(a->syn_opt.present, TCPEDU_OPT_WSCALE) && HAS(b->syn_opt.present, TCPEDU_OPT_WSCALE))
        return e->syn_opt.wscale > 14 ? 14 : e->syn_opt.wscale;
    return 0;
}

/* ECN setup bits of a SYN (RFC 3168 section 6.1.1). */
static uint8_t ecn_setup(uint16_t flags)
{
    if (!HAS(flags, TCPEDU_F_ECE))
        return 0;
    return HAS(flags, TCPEDU_F_CWR) ? 2 : 1;
}

static void set_pending(tcpedu_endpoint *S, tcpedu_verdict *v, uint32_t end)
{
    S->pending = v;
    S->pending_end = end;
}

static void advance(tcpedu_endpoint *S, uint32_t end)
{
    if (!S->seq_known || SEQ_GT(end, S->next_seq))
        S->next_seq = end;
    S->seq_known = true;
}

/* The first segment of a connection decides the roles and the starting
 * states (RFC 9293 section 3.3.2: CLOSED/LISTEN before any SYN). */
static void conn_start(tcpedu_conn *c, const tcpedu_segment *s, tcpedu_verdict *v)
{
    int side = s->side & 1;
    tcpedu_endpoint *S = &c->ep[side], *R = &c->ep[!side];
    uint16_t f = s->flags & (TCPEDU_F_SYN | TCPEDU_F_ACK | TCPEDU_F_RST);

    c->first_frame = s->frame;
    c->t_first = s->t_ns;
    if (f == TCPEDU_F_SYN) {
        c->client = (int8_t)side;
        c->roles = TCPEDU_ROLES_FROM_SYN;
        S->state = TCPEDU_ST_CLOSED;
        /* Guess: a server that answers a SYN was listening.  Revised to
         * CLOSED if the answer is a RST (refused). */
        R->state = TCPEDU_ST_LISTEN;
        R->inferred = true;
    } else if (f == (TCPEDU_F_SYN | TCPEDU_F_ACK)) {
        c->client = (int8_t)!side;
        c->roles = TCPEDU_ROLES_FROM_SYNACK;
        c->start_missing = true;
        /* The server processed the uncaptured SYN in LISTEN (3.10.7.2): it
         * answers from SYN-RECEIVED. */
        S->state = TCPEDU_ST_SYN_RECEIVED;
        S->inferred = true;
        R->state = TCPEDU_ST_SYN_SENT;
        R->inferred = true;
        MARK(v, SYN_NOT_CAPTURED);
    } else {
        /* Guess (labelled as such): servers listen on the lower, well-known
         * port; clients use a higher ephemeral one (RFC 6335 section 6). */
        c->client = (int8_t)(s->sport >= s->dport ? side : !side);
        c->roles = TCPEDU_ROLES_GUESSED;
        c->start_missing = true;
        S->state = R->state = TCPEDU_ST_ESTABLISHED;
        S->inferred = R->inferred = true;
        MARK(v, HANDSHAKE_NOT_CAPTURED);
    }
}

/* Record handshake step @p step (1-based) of this connection.  A
 * retransmission moves the step's frame along as long as the next step has
 * not been seen, so that round-trip times use the copy that was answered. */
static void hs_record(tcpedu_conn *c, unsigned step, const tcpedu_segment *s)
{
    if (step < 1 || step > 4)
        return;
    if (c->hs_frame[step - 1] != 0 && step < 4 && c->hs_frame[step] != 0)
        return;
    c->hs_frame[step - 1] = s->frame;
    c->hs_t[step - 1] = s->t_ns;
    if (step > c->hs_steps)
        c->hs_steps = (uint8_t)step;
}

static unsigned td_next_step(tcpedu_conn *c, const tcpedu_segment *s)
{
    unsigned step;
    if (c->td_steps >= 4)
        return 0;
    step = ++c->td_steps;
    c->td_frame[step - 1] = s->frame;
    c->td_t[step - 1] = s->t_ns;
    return step;
}

/*
 * The acknowledgment field of a segment from S to R (RFC 9293 section
 * 3.10.7.4, fifth check).  Links the segment to the one of R's it answers
 * and hands R what the acknowledgment does to it: RCV_ACK_OF_SYN the first
 * time R's SYN is acknowledged, RCV_ACK_OF_FIN the first time R's FIN is.
 * It changes no state of S: S's receipts happened on S's own side.
 */
static unsigned apply_ack(tcpedu_endpoint *S, tcpedu_endpoint *R, const tcpedu_segment *s,
                          tcpedu_verdict *v)
{
    uint32_t a = s->ack;
    unsigned r = 0;

    /* "If the ACK acks something not yet sent (SEG.ACK > SND.NXT) then send
     * an ACK, drop the segment" (3.10.7.4).  The capture may simply have
     * missed R's segment, so this is a note, and nothing is believed. */
    if (R->seq_known && SEQ_GT(a, R->next_seq)) {
        MARK(v, ACK_OF_UNSENT_DATA);
        return ACKED_UNSENT;
    }
    if (R->pending && SEQ_GEQ(a, R->pending_end)) {
        v->answers = R->pending->frame;
        if (R->pending->answered_by == 0)
            R->pending->answered_by = s->frame;
        R->pending = NULL;
    }
    /* 3.10.7.3: in SYN-SENT a segment without SYN is dropped ("Fifth, if
     * neither of the SYN or RST bits is set, then drop the segment"), so a
     * bare ACK does not acknowledge R's SYN there. */
    if (R->syn_sent && SEQ_GT(a, R->isn) &&
        !(R->state == TCPEDU_ST_SYN_SENT && !HAS(s->flags, TCPEDU_F_SYN))) {
        S->got_peer_syn = true;
        if (!R->syn_acked) {
            R->syn_acked = true;
            r |= ACKED_PEER_SYN_NEW;
        }
    }
    if (R->fin_sent && SEQ_GT(a, R->fin_seq)) {
        S->got_peer_fin = true;
        if (!R->fin_acked) {
            R->fin_acked = true;
            r |= ACKED_PEER_FIN_FIRST;
        }
    }
    return r;
}

/* What the acknowledgment does to R (fifth check), through the table. */
static void receive_ack(tcpedu_endpoint *R, tcpedu_verdict *v, unsigned acked)
{
    if ((acked & ACKED_PEER_SYN_NEW) && R->state == TCPEDU_ST_SYN_RECEIVED)
        receive(R, v, RCV_ACK_OF_SYN);
    if (acked & ACKED_PEER_FIN_FIRST)
        receive(R, v, RCV_ACK_OF_FIN);
}

static uint8_t current_phase(const tcpedu_conn *c)
{
    if (c->reset)
        return TCPEDU_PH_RESET;
    if (c->td_steps > 0)
        return TCPEDU_PH_TEARDOWN;
    if (!c->hs_complete && !c->start_missing)
        return TCPEDU_PH_HANDSHAKE;
    return TCPEDU_PH_DATA;
}

static void on_syn(tcpedu_conn *c, tcpedu_endpoint *S, tcpedu_endpoint *R,
                   const tcpedu_segment *s, tcpedu_verdict *v)
{
    unsigned step;

    v->kind = TCPEDU_SEG_SYN;
    v->phase = TCPEDU_PH_HANDSHAKE;
    if (S->syn_sent && !S->synack_sent && s->seq == S->isn) {
        /* Same ISN again: the SYN's retransmission timer fired (RFC 6298:
         * initial RTO 1 s, doubled each time).  A duplicate changes no
         * state: the receiver is past its first copy. */
        v->retransmission = true;
        v->step = S->syn_step;
        v->rule = TCPEDU_X_HS_SYN_RETRANS;
        if (R->state == TCPEDU_ST_LISTEN)
            receive(R, v, RCV_SYN); /* R went back to LISTEN (3.10.7.4): a SYN to it again */
        else
            v->no_change = true;
        MARK(v, SYN_RETRANSMITTED);
        hs_record(c, S->syn_step, s);
        S->syn_v = v;
        set_pending(S, v, s->seq + 1 + s->len);
        return;
    }
    if (R->synack_sent && !S->syn_sent && !c->hs_complete && R->ack_seen &&
        R->last_ack == s->seq + 1) {
        /* The SYN-ACK came first in the capture and acknowledges this
         * SYN: the capture reordered them.  Both ends processed it before
         * the SYN-ACK; nothing changes now. */
        MARK(v, SYN_AFTER_SYNACK);
        v->no_change = true;
        v->step = 1;
        v->rule = TCPEDU_X_HS_SYN_REORDERED;
        S->syn_sent = true;
        S->isn = s->seq;
        S->syn_step = 1;
        S->syn_frame = s->frame;
        S->syn_v = v;
        hs_record(c, 1, s);
        return;
    }
    if (S->synack_sent || c->hs_complete || (c->start_missing && !S->syn_sent && c->nsegs > 1)) {
        /* RFC 9293 section 3.10.7.4 fourth check / RFC 5961 section 4: a
         * SYN in a synchronized state is answered by a challenge ACK. */
        MARK(v, SYN_IN_SYNCHRONIZED);
        v->no_change = true;
        v->rule = TCPEDU_X_NOT_ACCEPTED;
        v->phase = current_phase(c);
        return;
    }
    if (S->syn_sent)
        MARK(v, SYN_ISN_CHANGED);

    if (R->syn_sent && !R->synack_sent && !S->syn_sent) {
        /* Both sides sent a SYN without ACK: simultaneous open (RFC 9293
         * section 3.5 figure 7).  S was not listening but opening too. */
        c->simultaneous_open = true;
        MARK(v, SIMULTANEOUS_OPEN);
        step = 2;
        v->rule = TCPEDU_X_HS_SIMUL_SYN;
        S->inferred = false;
        if (!(S->last_sent && SEQ_GT(S->last_sent, R->syn_frame)) &&
            replay_crossed(c, S, R->syn_frame, v, SND_SYN, TCPEDU_ST_CLOSED, true)) {
            /* S sent nothing since R's SYN: the SYNs crossed (figure 7
             * lines 2-4).  S sent this one from CLOSED and processed R's
             * SYN in SYN-SENT afterwards. */
        } else {
            /* S acknowledged R's SYN without a SYN of its own and now opens
             * actively (a "split handshake"): it never processed that SYN
             * as a listener.  Shown as CLOSED until now, inferred. */
            if (rewrite_as(c, (int)(S - c->ep), R->syn_frame, TCPEDU_ST_CLOSED, true)) {
                rare_mut(c, v)->revises = R->syn_frame;
                S->state = TCPEDU_ST_CLOSED;
                S->since = 0;
                v->sender_before = TCPEDU_ST_CLOSED;
            }
            send(S, v, SND_SYN);
        }
    } else {
        step = 1;
        v->rule = (s->len > 0 && HAS(s->opt.present, TCPEDU_OPT_TFO))
                  ? TCPEDU_X_HS_SYN_FASTOPEN : TCPEDU_X_HS_SYN;
        /* OPEN call, RFC 9293 section 3.10.1: "enter SYN-SENT state". */
        send(S, v, SND_SYN);
        S->inferred = false;
    }
    /* The receiver processes the SYN: LISTEN -> SYN-RECEIVED (3.10.7.2),
     * SYN-SENT -> SYN-RECEIVED (3.10.7.3).  Whether it listened is a guess
     * until it answers (inferred, set at the connection's start). */
    receive(R, v, RCV_SYN);
    if (s->len > 0)
        MARK(v, SYN_WITH_DATA);
    v->step = (uint8_t)step;
    S->syn_sent = true;
    S->isn_from_peer = false;
    S->isn = s->seq;
    S->base_seq = s->seq;
    S->seq_known = false;
    /* A SYN occupies one sequence number (3.3.1), so does a FIN on it. */
    advance(S, s->seq + 1 + s->len + (HAS(s->flags, TCPEDU_F_FIN) ? 1 : 0));
    S->syn_len = s->len;
    S->syn_opt = s->opt;
    S->syn_flags_ecn = ecn_setup(s->flags);
    S->syn_step = (uint8_t)step;
    S->syn_frame = s->frame;
    S->syn_v = v;
    hs_record(c, step, s);
    set_pending(S, v, S->next_seq);
}

static void on_synack(tcpedu_conn *c, tcpedu_endpoint *S, tcpedu_endpoint *R,
                      const tcpedu_segment *s, tcpedu_verdict *v)
{
    bool retrans = S->synack_sent && s->seq == S->isn;
    bool ack_ok = true, simul;
    unsigned step, acked = 0;

    v->kind = TCPEDU_SEG_SYN_ACK;
    v->phase = TCPEDU_PH_HANDSHAKE;
    simul = c->simultaneous_open && S->syn_sent && !S->synack_sent && s->seq == S->isn;
    if (!retrans && (c->hs_complete || (simul && S->state != TCPEDU_ST_SYN_RECEIVED &&
                           !(S->state == TCPEDU_ST_ESTABLISHED && S->since != 0 &&
                             !(S->last_sent && SEQ_GT(S->last_sent, S->since)))) ||
        (!simul && S->state >= TCPEDU_ST_ESTABLISHED))) {
        /* A SYN-ACK after the handshake completed, late or forged: not a
         * handshake step.  3.10.7.4 fourth check: in a synchronized state
         * a SYN is answered by a challenge ACK (RFC 5961 section 4). */
        MARK(v, SYNACK_AFTER_HANDSHAKE);
        v->no_change = true;
        v->rule = TCPEDU_X_NOT_ACCEPTED;
        v->phase = current_phase(c);
        return;
    }
    if (R->syn_sent && !R->isn_from_peer) {
        /* RFC 9293 section 3.10.7.3 (SYN-SENT): the ACK is acceptable if
         * ISS < SEG.ACK =< SND.NXT; with Fast Open data on the SYN the
         * server acknowledges ISN + 1 + length (RFC 7413 section 4.2) or,
         * ignoring the data, ISN + 1. */
        uint32_t plain = R->isn + 1, with_data = R->isn + 1 + R->syn_len;
        check_ack(c, v, s, (R->syn_len > 0 && s->ack == with_data) ? with_data : plain);
        if (s->ack != plain && s->ack != with_data) {
            ack_ok = false;
            MARK(v, SYNACK_BAD_ACK);
        } else if (R->syn_len > 0 && !retrans) {
            c->tfo_accepted = (s->ack == with_data);
            if (!c->tfo_accepted)
                MARK(v, TFO_DATA_NOT_ACKED);
        }
    }
    if (ack_ok) {
        acked = apply_ack(S, R, s, v);
        if (v->answers == 0 && R->syn_v && R->syn_sent && !R->isn_from_peer) {
            /* Fast Open data ignored: the SYN-ACK still answers the SYN. */
            v->answers = R->syn_v->frame;
            if (R->syn_v->answered_by == 0)
                R->syn_v->answered_by = s->frame;
        }
    }
    if (!R->syn_sent && !R->seq_known) {
        /* The client's SYN is not in the capture: its ISN is the
         * acknowledgment minus one (inferred). */
        R->isn = s->ack - 1;
        R->isn_from_peer = true;
        R->base_seq = R->isn;
        advance(R, s->ack);
    }
    if (retrans) {
        /* A duplicate changes no state. */
        v->retransmission = true;
        v->no_change = true;
        v->step = S->synack_step;
        v->rule = TCPEDU_X_HS_SYNACK_RETRANS;
        MARK(v, SYNACK_RETRANSMITTED);
        hs_record(c, S->synack_step, s);
        set_pending(S, v, s->seq + 1 + s->len);
        return;
    }
    if (simul) {
        /* Simultaneous open, figure 7 lines 5-7: S processed R's SYN in
         * SYN-SENT (-> SYN-RECEIVED) and answers SYN,ACK with its own ISN. */
        step = c->hs_steps < 3 ? 3u : 4u;
        v->rule = TCPEDU_X_HS_SIMUL_SYNACK;
        if (S->state == TCPEDU_ST_ESTABLISHED) {
            /* R's SYN-ACK (frame S->since) took S to ESTABLISHED in the
             * capture, yet S answers SYN,ACK: it sent this one first, they
             * crossed (figure 7 lines 5-7). */
            if (!replay_crossed(c, S, S->since, v, SND_SYNACK, -1, false))
                send(S, v, SND_SYNACK);
        } else {
            send(S, v, SND_SYNACK);
        }
        if (step == 4)
            c->hs_complete = true;
    } else {
        if (S->syn_sent && s->seq != S->isn)
            MARK(v, SYN_ISN_CHANGED);
        step = 2;
        v->rule = (c->start_missing && !R->syn_sent) ? TCPEDU_X_HS_SYNACK_NO_SYN : TCPEDU_X_HS_SYNACK;
        /* 3.10.7.2 LISTEN: on a SYN, "send <SEQ=ISS><ACK=RCV.NXT><CTL=SYN,ACK>
         * ... the connection state should be changed to SYN-RECEIVED": the
         * server entered SYN-RECEIVED as the SYN arrived and answers from
         * there.  The SYN-ACK is the evidence that it was listening. */
        if (S->state == TCPEDU_ST_SYN_RECEIVED && S->inferred && !c->start_missing) {
            /* the SYN's receiver was listening after all */
            uint32_t j, n = c->nhist < 16 ? c->nhist : 16;
            v->inferred &= (uint8_t)~TCPEDU_INF_SENDER_BEFORE;
            /* ... and so were the receivers of its earlier copies */
            for (j = 0; j + 1 < n; j++) {
                tcpedu_verdict *w = c->hist[(c->nhist - n + j) % 16];
                if (w->side != v->side && w->kind == TCPEDU_SEG_SYN)
                    w->inferred &= (uint8_t)~(TCPEDU_INF_RECEIVER_BEFORE | TCPEDU_INF_RECEIVER_AFTER);
            }
        }
        send(S, v, SND_SYNACK);
        S->inferred = false; /* it sent a SYN-ACK: it is in SYN-RECEIVED */
    }
    /* The receiver processes it: in SYN-SENT an acceptable SYN-ACK means
     * ESTABLISHED (3.10.7.3, figure 6 line 3); in SYN-RECEIVED its ACK
     * acknowledges R's SYN (3.10.7.4 fifth check, figure 7 line 6).  An
     * unacceptable ACK is answered by a RST and changes nothing. */
    if (ack_ok && R->state == TCPEDU_ST_SYN_SENT) {
        R->syn_acked = true;
        receive(R, v, RCV_SYNACK);
    } else if (ack_ok) {
        receive_ack(R, v, acked);
    } else {
        v->no_change = true;
    }
    v->step = (uint8_t)step;
    S->syn_sent = true;
    S->synack_sent = true;
    S->isn = s->seq;
    S->base_seq = s->seq;
    S->seq_known = false;
    advance(S, s->seq + 1 + s->len + (HAS(s->flags, TCPEDU_F_FIN) ? 1 : 0));
    S->syn_len = s->len;
    S->syn_opt = s->opt;
    S->syn_flags_ecn = ecn_setup(s->flags);
    S->synack_step = (uint8_t)step;
    S->syn_frame = s->frame;
    S->syn_v = v;
    hs_record(c, step, s);
    set_pending(S, v, S->next_seq);
}

/* Is a RST from S acceptable to R?  RFC 9293 section 3.10.7 and RFC 5961
 * section 3.2. */
static tcpedu_rstchk rst_check(const tcpedu_conn *c, const tcpedu_endpoint *S,
                               const tcpedu_endpoint *R, const tcpedu_segment *s)
{
    uint32_t rcv_nxt, wnd;

    switch (R->state) {
    case TCPEDU_ST_SYN_SENT:
        /* 3.10.7.3: "If the ACK bit is set, If SEG.ACK =< ISS or SEG.ACK >
         * SND.NXT ... If the RST bit is set: If the ACK was acceptable,
         * then ... enter CLOSED state ... Otherwise (no ACK), drop the
         * segment". */
        if (R->syn_sent && HAS(s->flags, TCPEDU_F_ACK) && SEQ_GT(s->ack, R->isn) &&
            SEQ_LEQ(s->ack, R->next_seq))
            return TCPEDU_RSTCHK_SYN_SENT_OK;
        if (!R->syn_sent && HAS(s->flags, TCPEDU_F_ACK))
            return TCPEDU_RSTCHK_UNCHECKED; /* our SYN was not captured */
        return TCPEDU_RSTCHK_SYN_SENT_BAD;
    case TCPEDU_ST_LISTEN:
    case TCPEDU_ST_CLOSED:
    case TCPEDU_ST_TIME_WAIT:
    case TCPEDU_ST_UNKNOWN:
        return TCPEDU_RSTCHK_UNCHECKED;
    default:
        break;
    }
    if (!S->seq_known)
        return TCPEDU_RSTCHK_UNCHECKED;
    /* RCV.NXT of R: what S has sent, or what R last acknowledged. */
    rcv_nxt = S->next_seq;
    if (s->seq == rcv_nxt || (R->ack_seen && s->seq == R->last_ack))
        return TCPEDU_RSTCHK_EXACT;
    wnd = R->win_seen ? (R->last_win << wscale_of(c, R)) : 65535u;
    if (SEQ_GEQ(s->seq, rcv_nxt) && SEQ_LT(s->seq, rcv_nxt + (wnd ? wnd : 1)))
        return TCPEDU_RSTCHK_IN_WINDOW;
    return TCPEDU_RSTCHK_OUT_OF_WINDOW;
}

static void on_rst(tcpedu_conn *c, tcpedu_endpoint *S, tcpedu_endpoint *R,
                   const tcpedu_segment *s, tcpedu_verdict *v, int side)
{
    tcpedu_rstchk chk = rst_check(c, S, R, s);
    bool accepted;

    v->kind = TCPEDU_SEG_RST;
    v->rst_check = (uint8_t)chk;
    /* 3.10.7.4 first check: in SYN-RECEIVED an in-window RST is accepted;
     * in the synchronized states RFC 5961 section 3.2 resets only on an
     * exact match and answers an in-window one with a challenge ACK. */
    accepted = chk == TCPEDU_RSTCHK_EXACT || chk == TCPEDU_RSTCHK_SYN_SENT_OK ||
               chk == TCPEDU_RSTCHK_UNCHECKED ||
               (chk == TCPEDU_RSTCHK_IN_WINDOW && R->state == TCPEDU_ST_SYN_RECEIVED);
    if (HAS(s->flags, TCPEDU_F_ACK) && R->pending && SEQ_GEQ(s->ack, R->pending_end) &&
        (!R->seq_known || SEQ_LEQ(s->ack, R->next_seq))) {
        v->answers = R->pending->frame;
        if (R->pending->answered_by == 0)
            R->pending->answered_by = s->frame;
        R->pending = NULL;
    }
    if (!accepted) {
        /* Not believed: nothing changes (RFC 5961 section 3.2). */
        MARK(v, RST_NOT_ACCEPTABLE);
        v->no_change = true;
        v->rule = TCPEDU_X_RST_NOT_ACCEPTED;
        v->phase = current_phase(c);
        return;
    }
    v->phase = TCPEDU_PH_RESET;
    S->rst_sent = true;
    S->rst_frame = s->frame;

    if (R->state == TCPEDU_ST_SYN_SENT && !S->synack_sent && !S->syn_sent && R->syn_sent) {
        /* 3.10.7.1: "If the state is CLOSED (i.e., TCB does not exist) ...
         * a reset is sent in response": nobody listened, the SYN is
         * refused.  The LISTEN guess made at the SYN was wrong: S was
         * CLOSED all along and the SYN changed nothing. */
        c->refused = true;
        v->rule = TCPEDU_X_RST_REFUSED;
        MARK(v, REFUSED);
        if (rewrite_as(c, side, R->syn_frame, TCPEDU_ST_CLOSED, false)) {
            rare_mut(c, v)->revises = R->syn_frame;
            S->state = TCPEDU_ST_CLOSED;
            S->since = 0;
            S->inferred = false;
            v->sender_before = TCPEDU_ST_CLOSED;
            v->inferred &= (uint8_t)~TCPEDU_INF_SENDER_BEFORE;
        }
        send(S, v, SND_RST);
        receive(R, v, RCV_RST);
        c->reset = true;
        c->reset_by = (int8_t)side;
        c->reset_frame = s->frame;
        return;
    }
    if (S->state == TCPEDU_ST_SYN_SENT && R->synack_sent && R->syn_v &&
        R->syn_v->ack_check == TCPEDU_ACKCHK_BAD) {
        /* 3.10.7.3: an unacceptable SYN-ACK is answered by
         * <SEQ=SEG.ACK><CTL=RST>; the client stays in SYN-SENT (this RST
         * is a reply, not an ABORT) and the server, from a passive OPEN,
         * returns to LISTEN (3.10.7.4 first check). */
        v->rule = TCPEDU_X_RST_BAD_SYNACK;
        v->phase = TCPEDU_PH_HANDSHAKE;
        if (R->state == TCPEDU_ST_SYN_RECEIVED)
            receive(R, v, RCV_RST_PASSIVE);
        R->synack_sent = false;
        R->syn_sent = false;
        R->seq_known = false;
        R->pending = NULL;
        S->syn_acked = false;
        return;
    }

    if (R->state == TCPEDU_ST_CLOSED || R->state == TCPEDU_ST_TIME_WAIT ||
        (S->state == TCPEDU_ST_CLOSED && !S->inferred) || S->state == TCPEDU_ST_TIME_WAIT) {
        /* A RST about a connection one side already closed: there is
         * nothing left to reset (3.10.7.1); a receiver in TIME-WAIT enters
         * CLOSED (3.10.7.4 first check). */
        v->rule = TCPEDU_X_RST_AFTER_CLOSE;
        v->phase = TCPEDU_PH_TEARDOWN;
        send(S, v, SND_RST);
        receive(R, v, RCV_RST);
        return;
    }
    if (!c->hs_complete && !c->start_missing) {
        v->rule = TCPEDU_X_RST_HANDSHAKE;
    } else if (S->fin_sent || R->fin_sent) {
        v->rule = TCPEDU_X_RST_AFTER_FIN;
        if (R->fin_sent && !R->fin_acked)
            MARK(v, FIN_ANSWERED_BY_RST);
        if (c->td_style == TCPEDU_TD_NONE || c->td_style == TCPEDU_TD_INCOMPLETE)
            c->td_style = TCPEDU_TD_RESET;
    } else {
        /* ABORT (3.10.4) or a close with unread data (RFC 1122 section
         * 4.2.2.13): RST instead of FIN; no TIME-WAIT follows. */
        v->rule = TCPEDU_X_RST_ABORT;
        MARK(v, RST_ABORT);
        c->td_style = TCPEDU_TD_RESET;
    }
    /* 3.10.5 ABORT: the sender enters CLOSED.  3.10.7.4 first check: the
     * receiver in SYN-RECEIVED from a passive OPEN returns to LISTEN; every
     * other state enters CLOSED (LISTEN ignores it, 3.10.7.2). */
    send(S, v, SND_RST);
    receive(R, v, (R->state == TCPEDU_ST_SYN_RECEIVED && R->synack_sent && !R->syn_acked &&
                   c->client != (int8_t)(R - c->ep)) ? RCV_RST_PASSIVE : RCV_RST);
    c->reset = true;
    c->reset_by = (int8_t)side;
    c->reset_frame = s->frame;
}

static void on_fin(tcpedu_conn *c, tcpedu_endpoint *S, tcpedu_endpoint *R,
                   const tcpedu_segment *s, tcpedu_verdict *v, unsigned acked, int side)
{
    uint32_t fin_seq = s->seq + s->len;

    v->kind = TCPEDU_SEG_FIN;
    v->phase = TCPEDU_PH_TEARDOWN;
    if (S->fin_sent) {
        /* A duplicate FIN changes no state: its receiver processed the
         * first copy (what its ACK field newly acknowledges still counts). */
        if (fin_seq != S->fin_seq)
            MARK(v, FIN_SEQ_CHANGED);
        v->retransmission = true;
        if (!acked)
            v->no_change = true;
        v->step = S->fin_step;
        v->rule = TCPEDU_X_TD_FIN_RETRANS;
        MARK(v, FIN_RETRANSMITTED);
        if (!S->fin_acked)
            set_pending(S, v, fin_seq + 1);
        return;
    }
    if (S->state == TCPEDU_ST_SYN_SENT || (S->state == TCPEDU_ST_LISTEN && !S->syn_sent))
        MARK(v, FIN_BEFORE_ESTABLISHED);

    if (R->fin_sent && (acked & ACKED_PEER_FIN_FIRST)) {
        /* This FIN is also the first acknowledgment of R's FIN: the
         * passive closer had nothing left to send (three segments).
         * CLOSE call in CLOSE-WAIT, 3.10.4: "enter LAST-ACK".  R gets the
         * ACK and the FIN in one segment: FIN-WAIT-1 -> TIME-WAIT. */
        v->rule = TCPEDU_X_TD_FIN_COMBINED;
        c->td_style = TCPEDU_TD_THREE;
        send(S, v, SND_FIN);
    } else if (R->fin_sent && R->fin_acked) {
        /* Passive close after R's FIN was acknowledged earlier (four
         * segments). */
        v->rule = TCPEDU_X_TD_FIN_PASSIVE;
        c->td_style = TCPEDU_TD_FOUR;
        send(S, v, SND_FIN);
    } else if (R->fin_sent) {
        /* The FIN does not acknowledge R's FIN: S sent it before R's FIN
         * arrived.  Simultaneous close, figure 13: each side sends its FIN
         * from ESTABLISHED (-> FIN-WAIT-1) and processes the other's in
         * FIN-WAIT-1 (-> CLOSING). */
        v->rule = TCPEDU_X_TD_FIN_CROSSING;
        c->td_style = TCPEDU_TD_SIMULTANEOUS;
        MARK(v, SIMULTANEOUS_CLOSE);
        if (R->fin_v)
            MARK(R->fin_v, SIMULTANEOUS_CLOSE);
        if (!replay_crossed(c, S, R->fin_frame, v, SND_FIN, -1, false))
            send(S, v, SND_FIN);
    } else {
        /* Active close: CLOSE call in ESTABLISHED (3.10.4): "enter FIN-WAIT-1". */
        v->rule = TCPEDU_X_TD_FIN_ACTIVE;
        c->first_closer = (int8_t)side;
        c->td_style = TCPEDU_TD_INCOMPLETE;
        send(S, v, SND_FIN);
    }
    /* 3.10.7.4 eighth check: the receiver processes the FIN
     * (ESTABLISHED -> CLOSE-WAIT, FIN-WAIT-1 -> CLOSING, FIN-WAIT-2 ->
     * TIME-WAIT), after the ACK field (fifth check, receive_ack). */
    receive(R, v, RCV_FIN);
    R->got_peer_fin = true;
    v->step = (uint8_t)td_next_step(c, s);
    /* A FIN occupies one sequence number (3.3.1), after the payload. */
    advance(S, fin_seq + 1);
    S->fin_sent = true;
    S->fin_seq = fin_seq;
    S->fin_step = v->step;
    S->fin_frame = s->frame;
    S->fin_v = v;
    set_pending(S, v, fin_seq + 1);
}

static void on_other(tcpedu_conn *c, tcpedu_endpoint *S, tcpedu_endpoint *R,
                     const tcpedu_segment *s, tcpedu_verdict *v, int side)
{
    bool fin = HAS(s->flags, TCPEDU_F_FIN);
    unsigned acked;

    if (!HAS(s->flags, TCPEDU_F_ACK)) {
        /* 3.10.7.4 fifth check: "if the ACK bit is off, drop the segment". */
        if ((s->flags & 0x1ff) == 0)
            MARK(v, FLAGS_NONE);
        else
            MARK(v, ACK_FLAG_MISSING);
        v->kind = fin ? TCPEDU_SEG_FIN : ((s->flags & 0x1ff) == 0 ? TCPEDU_SEG_ODD : TCPEDU_SEG_DATA);
        v->rule = TCPEDU_X_NOT_ACCEPTED;
        v->no_change = true;
        v->phase = current_phase(c);
        return;
    }
    acked = apply_ack(S, R, s, v);
    receive_ack(R, v, acked);

    if ((acked & ACKED_PEER_SYN_NEW) && R->synack_sent && !c->hs_complete) {
        /* Last segment of the handshake.  3.10.7.3: on an acceptable
         * SYN-ACK, "enter ESTABLISHED state, form an ACK segment": the
         * sender is ESTABLISHED since the SYN-ACK arrived and sends this
         * from there; its receiver leaves SYN-RECEIVED (receive_ack). */
        if (S->state == TCPEDU_ST_ESTABLISHED)
            S->inferred = false;
        c->hs_complete = true;
        v->phase = TCPEDU_PH_HANDSHAKE;
        v->kind = s->len > 0 ? TCPEDU_SEG_DATA : TCPEDU_SEG_ACK;
        v->rule = s->len > 0 ? TCPEDU_X_HS_ACK_DATA : TCPEDU_X_HS_ACK;
        v->step = c->simultaneous_open ? 4 : 3;
        check_ack(c, v, s, R->isn + 1);
        if (v->ack_check == TCPEDU_ACKCHK_BAD)
            MARK(v, ACK_BAD_ACK);
        hs_record(c, v->step, s);
        if (fin) {
            on_fin(c, S, R, s, v, acked, side);
        } else if (s->len > 0) {
            advance(S, s->seq + s->len);
            set_pending(S, v, s->seq + s->len);
        }
        return;
    }
    if ((acked & ACKED_UNSENT) && R->synack_sent && !c->hs_complete && R->state == TCPEDU_ST_SYN_RECEIVED)
        MARK(v, ACK_BAD_ACK);
    if (fin) {
        uint32_t before_steps = c->td_steps;
        on_fin(c, S, R, s, v, acked, side);
        if (v->step != 0 && (acked & ACKED_PEER_FIN_FIRST) && before_steps > 0) {
            check_ack(c, v, s, R->fin_seq + 1);
        }
        if (s->len > 0 && c->first_closer == (int8_t)!side &&
            (v->rule == TCPEDU_X_TD_FIN_PASSIVE || v->rule == TCPEDU_X_TD_FIN_COMBINED)) {
            c->halfclose_data = true;
            MARK(v, HALF_CLOSE_DATA);
        }
        return;
    }

    v->phase = current_phase(c);
    v->kind = s->len > 0 ? TCPEDU_SEG_DATA : TCPEDU_SEG_ACK;
    v->rule = s->len > 0 ? TCPEDU_X_DATA : TCPEDU_X_ACK;
    if (S->seq_known && s->len <= 1 && s->seq == S->next_seq - 1) {
        /* One byte before the next sequence number: a probe that forces
         * an ACK (RFC 9293 section 3.8.4 keep-alive; RFC 9293 section
         * 3.8.6.1 zero-window probe when the peer's window is zero). */
        bool zw = R->win_seen && R->last_win == 0;
        v->kind = zw ? TCPEDU_SEG_ZERO_WINDOW_PROBE : TCPEDU_SEG_KEEPALIVE;
        v->rule = zw ? TCPEDU_X_ZERO_WINDOW_PROBE : TCPEDU_X_KEEPALIVE;
    } else if (s->len > 0 && s->len <= 1 && R->win_seen && R->last_win == 0 && S->seq_known &&
               s->seq == S->next_seq) {
        v->kind = TCPEDU_SEG_ZERO_WINDOW_PROBE;
        v->rule = TCPEDU_X_ZERO_WINDOW_PROBE;
    } else if (s->len > 0 && S->seq_known && SEQ_LT(s->seq, S->next_seq)) {
        v->retransmission = true;
        v->rule = TCPEDU_X_DATA_RETRANS;
    }
    if (!acked && v->retransmission)
        v->no_change = true; /* a duplicate: nothing new for its receiver */
    if (acked & ACKED_PEER_FIN_FIRST) {
        v->step = (uint8_t)td_next_step(c, s);
        v->phase = TCPEDU_PH_TEARDOWN;
        v->rule = (c->first_closer == (int8_t)!side && !S->fin_sent) ? TCPEDU_X_TD_ACK_OF_FIN
                : c->td_style == TCPEDU_TD_SIMULTANEOUS                 ? TCPEDU_X_TD_ACK_CROSSING
                                                                        : TCPEDU_X_TD_FINAL_ACK;
        check_ack(c, v, s, R->fin_seq + 1);
    }
    if (s->len > 0 && R->fin_sent && !S->fin_sent && !v->retransmission) {
        /* The peer closed its sending side; this side still sends:
         * half-close (RFC 9293 section 3.6). */
        c->halfclose_data = true;
        MARK(v, HALF_CLOSE_DATA);
        if (v->rule == TCPEDU_X_DATA)
            v->rule = TCPEDU_X_TD_HALF_CLOSE_DATA;
    }
    if (s->len > 0 && S->fin_sent && SEQ_GEQ(s->seq, S->fin_seq))
        MARK(v, DATA_AFTER_FIN);
    if (v->step == 0 && (v->receiver_before == TCPEDU_ST_CLOSED ||
                         v->sender_before == TCPEDU_ST_CLOSED)) {
        /* Nothing is left of the connection on one side (LAST-ACK ->
         * CLOSED happened): a late segment. */
        MARK(v, SEGMENT_AFTER_CLOSE);
        v->rule = TCPEDU_X_TD_LATE;
    }
    if (c->nsegs == 1 && c->start_missing)
        v->rule = TCPEDU_X_MIDSTREAM;
    if (s->len > 0 && v->kind == TCPEDU_SEG_DATA) {
        advance(S, s->seq + s->len);
        if (!v->retransmission || (S->pending && SEQ_GEQ(s->seq + s->len, S->pending_end)))
            set_pending(S, v, s->seq + s->len);
    }
}

/*
 * Answers point strictly backwards.  A frame can hold two TCP headers of
 * one connection (a capture point that sees a packet before and after a
 * tunnel), and a segment must not "answer" the one in its own frame: the
 * link the event handlers made is undone here, and the answered segment
 * stays pending so that a later frame can still answer it.  @p pend and
 * @p synv are R's pending segment and SYN before the handlers ran.
 */
static void unlink_same_frame(tcpedu_endpoint *R, tcpedu_verdict *pend, tcpedu_verdict *synv,
                              tcpedu_verdict *v)
{
    if (v->answers == 0 || v->answers < v->frame)
        return;
    if (pend && pend->frame == v->answers) {
        if (pend->answered_by == v->frame)
            pend->answered_by = 0;
        if (!R->pending)
            R->pending = pend;
    }
    if (synv && synv->frame == v->answers && synv->answered_by == v->frame)
        synv->answered_by = 0;
    v->answers = 0;
}

void tcpedu_observe(tcpedu_conn *c, const tcpedu_segment *s, tcpedu_verdict *v)
{
    int side = s->side & 1;
    tcpedu_endpoint *S = &c->ep[side], *R = &c->ep[!side];
    uint16_t f = s->flags;
    tcpedu_verdict *pend = R->pending, *synv = R->syn_v;

    memset(v, 0, sizeof *v);
    v->frame = s->frame;
    v->side = (uint8_t)side;
    c->hist[c->nhist % 16] = v;
    c->nhist++;
    if (c->nsegs == 0) {
        conn_start(c, s, v);
        if (c->reuse == TCPEDU_NEW_PORT_REUSE)
            MARK(v, PORT_REUSE);
        else if (c->reuse == TCPEDU_NEW_RETRY)
            MARK(v, SYN_AFTER_RESET);
    }
    c->nsegs++;
    c->last_frame = s->frame;
    c->t_last = s->t_ns;
    S->pkts++;
    S->bytes += s->len;

    v->sender_before = S->state;
    v->receiver_before = R->state;
    if (S->inferred)
        v->inferred |= TCPEDU_INF_SENDER_BEFORE;
    if (R->inferred)
        v->inferred |= TCPEDU_INF_RECEIVER_BEFORE;
    if (!S->seq_known && !HAS(f, TCPEDU_F_SYN)) {
        /* No SYN from this side: relative numbers start at the first
         * sequence number seen. */
        S->base_seq = s->seq;
        S->next_seq = s->seq;
        S->seq_known = true;
    }

    if (HAS(f, TCPEDU_F_SYN) && HAS(f, TCPEDU_F_FIN))
        MARK(v, FLAGS_SYN_FIN);
    if (HAS(f, TCPEDU_F_SYN) && HAS(f, TCPEDU_F_RST))
        MARK(v, FLAGS_SYN_RST);

    if (c->reset) {
        /* After an accepted RST there is no connection (3.10.7.4). */
        MARK(v, SEGMENT_AFTER_RESET);
        v->kind = HAS(f, TCPEDU_F_RST) ? TCPEDU_SEG_RST
                : HAS(f, TCPEDU_F_SYN) ? (HAS(f, TCPEDU_F_ACK) ? TCPEDU_SEG_SYN_ACK : TCPEDU_SEG_SYN)
                : HAS(f, TCPEDU_F_FIN) ? TCPEDU_SEG_FIN
                : s->len > 0 ? TCPEDU_SEG_DATA : TCPEDU_SEG_ACK;
        v->rule = TCPEDU_X_AFTER_RESET;
        v->no_change = true;
        v->phase = TCPEDU_PH_RESET;
    } else if (HAS(f, TCPEDU_F_RST) && HAS(f, TCPEDU_F_SYN)) {
        /* RFC 9293's check order (RST before SYN) would reset on an exact
         * SYN+RST, but no TCP sends it and firewalls and many stacks drop
         * it: the observer does not believe it. */
        v->kind = TCPEDU_SEG_ODD;
        v->rule = TCPEDU_X_NOT_ACCEPTED;
        v->no_change = true;
        v->phase = current_phase(c);
    } else if (HAS(f, TCPEDU_F_RST)) {
        on_rst(c, S, R, s, v, side);
    } else if (HAS(f, TCPEDU_F_SYN) && !HAS(f, TCPEDU_F_ACK)) {
        on_syn(c, S, R, s, v);
    } else if (HAS(f, TCPEDU_F_SYN)) {
        on_synack(c, S, R, s, v);
    } else {
        on_other(c, S, R, s, v, side);
    }
    unlink_same_frame(R, pend, synv, v);
    if (HAS(f, TCPEDU_F_SYN) && HAS(f, TCPEDU_F_FIN))
        v->kind = TCPEDU_SEG_ODD;

    if (!HAS(f, TCPEDU_F_RST)) {
        S->last_win = s->win;
        S->win_seen = true;
    }
    if (HAS(f, TCPEDU_F_ACK) && !HAS(f, TCPEDU_F_RST)) {
        S->last_ack = s->ack;
        S->ack_seen = true;
    }
    if (v->sender_after == TCPEDU_ST_UNKNOWN) {
        v->sender_after = S->state;
        v->sender_since = S->since;
    }
    v->receiver_after = R->state;
    v->receiver_since = R->since;
    S->last_sent = v->frame;
    if (S->inferred)
        v->inferred |= TCPEDU_INF_SENDER_AFTER;
    if (R->inferred)
        v->inferred |= TCPEDU_INF_RECEIVER_AFTER;
    if (c->roles == TCPEDU_ROLES_GUESSED)
        v->inferred |= TCPEDU_INF_ROLES;
    v->dir = c->client < 0 ? TCPEDU_DIR_UNKNOWN
           : (c->client == side ? TCPEDU_DIR_C2S : TCPEDU_DIR_S2C);
    v->rel_seq = s->seq - S->base_seq;
    if (HAS(f, TCPEDU_F_ACK) && R->seq_known) {
        v->rel_ack = s->ack - R->base_seq;
        v->rel_ack_valid = true;
    }
    c->anomalies |= tcpedu_verdict_anomalies(v);
}

tcpedu_td_style tcpedu_conn_td_style(const tcpedu_conn *c)
{
    return (tcpedu_td_style)c->td_style;
}

tcpedu_outcome tcpedu_conn_outcome(const tcpedu_conn *c)
{
    const tcpedu_endpoint *a = &c->ep[0], *b = &c->ep[1];
    bool established = c->hs_complete || c->start_missing;

    if (c->nsegs == 0)
        return TCPEDU_OUT_NONE;
    if (c->refused)
        return TCPEDU_OUT_REFUSED;
    if (!established) {
        if (c->reset)
            return TCPEDU_OUT_RESET_IN_HANDSHAKE;
        if (a->synack_sent || b->synack_sent)
            return TCPEDU_OUT_HANDSHAKE_INCOMPLETE;
        return TCPEDU_OUT_SYN_UNANSWERED;
    }
    /* A RST after a complete FIN exchange changes nothing (rst-after-close);
     * before that, the connection ended by reset. */
    if (a->fin_sent && b->fin_sent && a->fin_acked && b->fin_acked)
        return TCPEDU_OUT_CLOSED;
    if (c->reset)
        return TCPEDU_OUT_RESET;
    if (a->fin_sent && b->fin_sent)
        return TCPEDU_OUT_CLOSING;
    if (a->fin_sent || b->fin_sent)
        return TCPEDU_OUT_HALF_CLOSED;
    return TCPEDU_OUT_OPEN;
}

unsigned tcpedu_conn_hs_total(const tcpedu_conn *c)
{
    return c->simultaneous_open ? 4u : 3u;
}

unsigned tcpedu_conn_td_total(const tcpedu_conn *c)
{
    switch (c->td_style) {
    case TCPEDU_TD_THREE:
        return 3;
    case TCPEDU_TD_FOUR:
    case TCPEDU_TD_SIMULTANEOUS:
        return 4;
    default:
        return 0;
    }
}
