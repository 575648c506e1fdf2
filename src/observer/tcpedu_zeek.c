/*
 * tcpedu_zeek.c - Zeek's conn_state and history, segment by segment.
 *
 * A transcription of the decisions of Zeek's TCP analyzer (see the file
 * comment of tcpedu_zeek.h for the sources), written as plain C over
 * tcpedu_segment.  Each function names the Zeek function it mirrors; what
 * Zeek does only for events, weirds, timers or reassembly is left out.
 */
#include "tcpedu_zeek.h"
#include "tcpedu_time.h"

#include <ctype.h>
#include <string.h>

/* Zeek's hist_seen bits (TCP_Endpoint::HIST_*); the responder's are
 * shifted left by 16. */
enum {
    HIST_SYN_PKT = 0x1,
    HIST_FIN_PKT = 0x2,
    HIST_RST_PKT = 0x4,
    HIST_FIN_RST_PKT = 0x8,
    HIST_DATA_PKT = 0x10,
    HIST_ACK_PKT = 0x20,
    HIST_MULTI_FLAG_PKT = 0x40
};

/* Zeek ignores SYN/RST sequence numbers that jump further than this. */
#define TOO_LARGE_SEQ_DELTA 1048576

static int32_t seq_delta(uint32_t a, uint32_t b)
{
    return (int32_t)(a - b);
}

static bool is_orig(const tcpedu_zeek *z, const tcpedu_zeek_ep *ep)
{
    return ep == &z->ep[z->orig_side];
}

/* ---- history (Connection::AddHistory / CheckHistory / ScaledHistoryEntry) */

static void add_history(tcpedu_zeek *z, char code)
{
    if (z->hlen < TCPEDU_ZEEK_HISTORY_MAX) {
        z->history[z->hlen++] = code;
        z->history[z->hlen] = '\0';
    }
}

/* TCP_Endpoint::AddHistory: lower case for the responder. */
static void ep_add_history(tcpedu_zeek *z, const tcpedu_zeek_ep *ep, char code)
{
    add_history(z, is_orig(z, ep) ? code : (char)tolower((unsigned char)code));
}

/* TCP_Endpoint::CheckHistory: log @p code the first time @p mask is seen
 * for this endpoint; true if it had been seen before. */
static bool ep_check_history(tcpedu_zeek *z, const tcpedu_zeek_ep *ep, uint32_t mask, char code)
{
    if (!is_orig(z, ep)) {
        mask <<= 16;
        code = (char)tolower((unsigned char)code);
    }
    if ((z->hist_seen & mask) == 0) {
        z->hist_seen |= mask;
        add_history(z, code);
        return false;
    }
    return true;
}

/* Connection::ScaledHistoryEntry: log at counts 1, 10, 100, ... */
static void ep_scaled_history(tcpedu_zeek *z, const tcpedu_zeek_ep *ep, char code,
                              uint32_t *counter, uint32_t *threshold)
{
    if (++*counter == *threshold) {
        ep_add_history(z, ep, code);
        if (*threshold <= UINT32_MAX / 10)
            *threshold *= 10;
    }
}

/* update_history() in TCPSessionAdapter.cc. */
static void update_history(tcpedu_zeek *z, tcpedu_zeek_ep *ep, uint16_t flags, int64_t rel_seq,
                           uint32_t len)
{
    int bits = !!(flags & TCPEDU_F_SYN) + !!(flags & TCPEDU_F_FIN) + !!(flags & TCPEDU_F_RST);

    if (bits > 1) {
        if ((flags & TCPEDU_F_FIN) && (flags & TCPEDU_F_RST))
            ep_check_history(z, ep, HIST_FIN_RST_PKT, 'I');
        else
            ep_check_history(z, ep, HIST_MULTI_FLAG_PKT, 'Q');
    } else if (bits == 1) {
        if (flags & TCPEDU_F_SYN) {
            char code = (flags & TCPEDU_F_ACK) ? 'H' : 'S';
            if (ep_check_history(z, ep, HIST_SYN_PKT, code) && rel_seq != ep->hist_last_syn)
                ep_add_history(z, ep, code);
            ep->hist_last_syn = rel_seq;
        }
        if (flags & TCPEDU_F_FIN) {
            /* a FIN's sequence number is the one after its data */
            if (ep_check_history(z, ep, HIST_FIN_PKT, 'F') &&
                rel_seq + (int64_t)len != ep->hist_last_fin)
                ep_add_history(z, ep, 'F');
            ep->hist_last_fin = rel_seq + (int64_t)len;
        }
        if (flags & TCPEDU_F_RST) {
            if (ep_check_history(z, ep, HIST_RST_PKT, 'R') && rel_seq != ep->hist_last_rst)
                ep_add_history(z, ep, 'R');
            ep->hist_last_rst = rel_seq;
        }
    } else if (len) {
        ep_check_history(z, ep, HIST_DATA_PKT, 'D');
    } else if (flags & TCPEDU_F_ACK) {
        ep_check_history(z, ep, HIST_ACK_PKT, 'A');
    }
}

/* ---- endpoints ------------------------------------------------------- */

static void set_state(tcpedu_zeek_ep *ep, uint8_t st)
{
    if (st != ep->state) {
        ep->prev_state = ep->state;
        ep->state = st;
    }
}

static void init_seqs(tcpedu_zeek_ep *ep, uint32_t start, uint32_t last)
{
    ep->start_seq = start;
    ep->ack_seq = start;
    ep->last_seq = last;
}

/* init_endpoint() */
static void init_endpoint(tcpedu_zeek_ep *ep, uint16_t flags, uint32_t seq, uint32_t last)
{
    bool syn = (flags & TCPEDU_F_SYN) != 0;

    switch (ep->state) {
    case TCPEDU_ZK_INACTIVE:
        if (syn)
            init_seqs(ep, seq, last);
        else
            init_seqs(ep, seq - 1, seq); /* partial: as though a SYN had been seen */
        break;
    case TCPEDU_ZK_SYN_SENT:
    case TCPEDU_ZK_SYN_ACK_SENT:
    case TCPEDU_ZK_ESTABLISHED:
    case TCPEDU_ZK_PARTIAL:
        if (syn && (seq != ep->start_seq || ep->state == TCPEDU_ZK_ESTABLISHED ||
                    ep->state == TCPEDU_ZK_PARTIAL))
            init_seqs(ep, seq, last);
        break;
    case TCPEDU_ZK_RESET:
        if (syn && ep->prev_state == TCPEDU_ZK_INACTIVE)
            init_seqs(ep, seq, last);
        break;
    default:
        break;
    }
}

/* update_last_seq(): returns delta_last; counts retransmitted payload. */
static int32_t update_last_seq(tcpedu_zeek *z, tcpedu_zeek_ep *ep, uint32_t last, uint16_t flags,
                               uint32_t len)
{
    int32_t d = seq_delta(last, ep->last_seq);

    if ((flags & (TCPEDU_F_SYN | TCPEDU_F_RST)) &&
        (d > TOO_LARGE_SEQ_DELTA || d < -TOO_LARGE_SEQ_DELTA))
        ; /* untrusted jump */
    else if ((flags & TCPEDU_F_FIN) && ep->last_seq == ep->start_seq + 1)
        ep->last_seq = last;
    else if (ep->state == TCPEDU_ZK_RESET)
        ; /* nothing after a RST is trusted */
    else if (d > 0)
        ep->last_seq = last;
    else if (len > 0)
        ep_scaled_history(z, ep, 'T', &ep->rxmt_cnt, &ep->rxmt_thresh);
    return d;
}

/* ---- the state machine (TCPSessionAdapter::Update*State) ------------- */

static void flip_roles(tcpedu_zeek *z)
{
    z->orig_side = (int8_t)!z->orig_side;
    add_history(z, '^');
}

static bool update_inactive(tcpedu_zeek *z, tcpedu_zeek_ep *ep, tcpedu_zeek_ep *peer,
                            const tcpedu_segment *s, bool orig)
{
    bool do_close = false;

    if (s->flags & TCPEDU_F_SYN) {
        if (orig) {
            set_state(ep, (s->flags & TCPEDU_F_ACK) ? TCPEDU_ZK_SYN_ACK_SENT : TCPEDU_ZK_SYN_SENT);
            if (!z->attempt_at)
                z->attempt_at = tcpedu_time_add(s->t_ns, TCPEDU_ZEEK_ATTEMPT_DELAY_NS);
        } else {
            if (!(s->flags & TCPEDU_F_ACK) && peer->state == TCPEDU_ZK_SYN_ACK_SENT &&
                s->seq == ep->start_seq) {
                /* SYN/SYN-ACK reversal: the SYN-ACK was captured first */
                flip_roles(z);
                set_state(peer, TCPEDU_ZK_ESTABLISHED);
            }
            if (peer->state == TCPEDU_ZK_SYN_SENT)
                set_state(peer, TCPEDU_ZK_ESTABLISHED);
            set_state(ep, TCPEDU_ZK_ESTABLISHED);
        }
    }
    if (s->flags & TCPEDU_F_FIN) {
        set_state(ep, TCPEDU_ZK_CLOSED);
        do_close = true;
    }
    if (s->flags & TCPEDU_F_RST) {
        set_state(ep, TCPEDU_ZK_RESET);
        do_close = true;
    }
    if (ep->state == TCPEDU_ZK_INACTIVE) {
        const tcpedu_zeek_ep *o = &z->ep[z->orig_side];
        if (!orig && s->len == 0 && o->state == TCPEDU_ZK_SYN_SENT)
            ; /* an ACK of the SYN before the SYN-ACK: not a partial connection */
        else if ((s->flags & TCPEDU_F_ACK) && peer->state == TCPEDU_ZK_ESTABLISHED)
            set_state(ep, TCPEDU_ZK_ESTABLISHED); /* SYN missed, SYN-ACK seen */
        else
            set_state(ep, TCPEDU_ZK_PARTIAL);
    }
    return do_close;
}

static bool update_syn_sent(tcpedu_zeek_ep *ep, const tcpedu_segment *s)
{
    bool do_close = false;

    if (s->flags & TCPEDU_F_FIN) {
        set_state(ep, TCPEDU_ZK_CLOSED);
        do_close = true;
    }
    if (s->flags & TCPEDU_F_RST) {
        set_state(ep, TCPEDU_ZK_RESET);
        do_close = true;
    }
    return do_close;
}

static bool update_established(tcpedu_zeek_ep *ep, tcpedu_zeek_ep *peer, const tcpedu_segment *s)
{
    bool do_close = false;

    if ((s->flags & TCPEDU_F_SYN) && ep->state == TCPEDU_ZK_PARTIAL &&
        peer->state == TCPEDU_ZK_INACTIVE && !(s->flags & TCPEDU_F_ACK))
        set_state(ep, TCPEDU_ZK_SYN_SENT);
    if ((s->flags & TCPEDU_F_FIN) && !(s->flags & TCPEDU_F_RST)) {
        set_state(ep, TCPEDU_ZK_CLOSED);
        /* the peer's FIN then RST was a normal termination after all */
        if (peer->state == TCPEDU_ZK_RESET && peer->prev_state == TCPEDU_ZK_CLOSED)
            set_state(peer, TCPEDU_ZK_CLOSED);
        do_close = true;
    }
    if (s->flags & TCPEDU_F_RST) {
        set_state(ep, TCPEDU_ZK_RESET);
        do_close = true;
    }
    return do_close;
}

static bool update_closed(tcpedu_zeek_ep *ep, const tcpedu_zeek_ep *peer, const tcpedu_segment *s)
{
    /* after a FIN exchange from both sides a RST changes nothing */
    if ((s->flags & TCPEDU_F_RST) && peer->state != TCPEDU_ZK_CLOSED) {
        set_state(ep, TCPEDU_ZK_RESET);
        return !ep->did_close;
    }
    return false;
}

/* ---- public ---------------------------------------------------------- */

void tcpedu_zeek_init(tcpedu_zeek *z)
{
    int i;
    memset(z, 0, sizeof *z);
    z->orig_side = -1;
    for (i = 0; i < 2; i++) {
        z->ep[i].rxmt_thresh = z->ep[i].win0_thresh = z->ep[i].gap_thresh = 1;
    }
}

bool tcpedu_zeek_likely_server_port(uint16_t port)
{
    /* The TCP ports Zeek's default analyzers register (and so put in
     * likely_server_ports) when all base scripts are loaded. */
    static const uint16_t ports[] = {
        21, 22, 23, 25, 53, 80, 81, 88, 110, 111, 135, 139, 143, 389, 443, 445, 502, 513,
        543, 544, 563, 585, 587, 614, 631, 636, 989, 990, 992, 993, 995, 1080, 1433, 1883,
        2049, 2811, 3128, 3268, 3306, 3389, 5222, 5223, 5269, 6379, 6666, 6667, 6668, 6669,
        8000, 8080, 8888, 20000};
    size_t i;
    for (i = 0; i < sizeof ports / sizeof ports[0]; i++)
        if (ports[i] == port)
            return true;
    return false;
}

bool tcpedu_zeek_is_reuse(const tcpedu_zeek *z, const tcpedu_segment *s)
{
    const tcpedu_zeek_ep *o, *r, *conn_orig;

    if (z->orig_side < 0)
        return false;
    o = &z->ep[z->orig_side];
    r = &z->ep[!z->orig_side];
    /* Zeek's timers removed the connection before this segment */
    if (z->delete_at && s->t_ns >= z->delete_at)
        return true;
    if (z->attempt_at && s->t_ns >= z->attempt_at &&
        (o->state == TCPEDU_ZK_SYN_SENT || o->state == TCPEDU_ZK_SYN_ACK_SENT) &&
        r->state == TCPEDU_ZK_INACTIVE)
        return true;
    if (!(s->flags & TCPEDU_F_SYN))
        return false;
    conn_orig = o;
    if (s->flags & TCPEDU_F_ACK) {
        if (o->state != TCPEDU_ZK_INACTIVE)
            return false; /* not a half connection */
        conn_orig = r;
    }
    if (!o->did_close && !r->did_close) {
        if (s->seq == conn_orig->start_seq)
            return false;
        if (!(s->flags & TCPEDU_F_ACK) && conn_orig->state == TCPEDU_ZK_SYN_ACK_SENT &&
            r->state == TCPEDU_ZK_INACTIVE && s->seq == r->start_seq)
            return false; /* SYN and SYN-ACK captured in reverse order */
    }
    return true;
}

void tcpedu_zeek_observe(tcpedu_zeek *z, const tcpedu_segment *s)
{
    tcpedu_zeek_ep *ep, *peer;
    uint16_t f = s->flags;
    uint32_t seg_len = s->len, one_past;
    int64_t rel_seq;
    bool orig, do_close = false;

    if (z->orig_side < 0) {
        /* TCPAnalyzer::WantConnection: which side is the originator */
        bool flip = false;
        z->orig_side = (int8_t)s->side;
        if (!(f & TCPEDU_F_SYN) || (f & TCPEDU_F_ACK)) {
            /* Not a SYN: guess the responder from the ports.  A SYN-ACK
             * from a likely server port flips even when the other port is
             * likely too (Zeek issue #2191, baseline core.tcp.flip-without-syn). */
            if (tcpedu_zeek_likely_server_port(s->sport))
                flip = !tcpedu_zeek_likely_server_port(s->dport) ||
                       (!(f & TCPEDU_F_SYN) && s->sport < s->dport);
        }
        if (flip)
            flip_roles(z);
    } else if (!(f & (TCPEDU_F_SYN | TCPEDU_F_RST)) && ((f & TCPEDU_F_ACK) || s->len) &&
               z->hlen > 0 && strspn(z->history, "H") == z->hlen) {
        /* Began with a SYN-ACK and goes on with an ACK or data: not a stealth
         * scan, so the SYN-ACK's sender is the responder (Zeek PR 2191).
         * The history is rewritten as if the flip had come first. */
        uint32_t o = z->hist_seen & 0xffffu, r = z->hist_seen >> 16;
        memmove(z->history + 1, z->history, z->hlen + 1u);
        z->history[0] = '^';
        z->hlen++;
        for (int i = 1; i < z->hlen; i++)
            z->history[i] = 'h';
        z->hist_seen = (o << 16) | r;
        z->orig_side = (int8_t)!z->orig_side;
    }
    if (z->ep[0].did_close == false || z->ep[1].did_close == false)
        z->last_t = s->t_ns; /* Conn()->SetLastTime() until both sides closed */
    z->nsegs++;
    ep = &z->ep[s->side];
    peer = &z->ep[!s->side];
    orig = is_orig(z, ep);

    if (f & TCPEDU_F_SYN)
        seg_len++;
    if (f & TCPEDU_F_FIN)
        seg_len++;
    if (f & TCPEDU_F_RST)
        seg_len -= s->len; /* a RST's payload is not part of the stream */
    one_past = s->seq + seg_len;

    init_endpoint(ep, f, s->seq, one_past);
    rel_seq = seq_delta(s->seq, ep->start_seq);
    update_history(z, ep, f, rel_seq, s->len);

    /* update_window(): zero windows, unless the RST or peer's FIN makes them moot */
    if (s->win == 0 && !(f & TCPEDU_F_RST) && peer->state != TCPEDU_ZK_CLOSED &&
        ep->state != TCPEDU_ZK_RESET)
        ep_scaled_history(z, ep, 'W', &ep->win0_cnt, &ep->win0_thresh);

    if (f & TCPEDU_F_FIN)
        ep->fin_cnt++;
    if (f & TCPEDU_F_RST)
        ep->rst_cnt++;

    if (f & TCPEDU_F_ACK) {
        if (peer->state == TCPEDU_ZK_INACTIVE) {
            /* init_peer(): number the silent peer as though its SYN was seen */
            init_seqs(peer, s->ack - 1, s->ack - 1);
        } else if (!(f & TCPEDU_F_RST)) {
            int32_t d = seq_delta(s->ack, peer->ack_seq);
            if (!(s->ack == 0 && d > TOO_LARGE_SEQ_DELTA) && d > 0)
                peer->ack_seq = s->ack;
        }
    }

    (void)update_last_seq(z, ep, one_past, f, s->len);

    switch (ep->state) {
    case TCPEDU_ZK_INACTIVE:
        do_close = update_inactive(z, ep, peer, s, orig);
        break;
    case TCPEDU_ZK_SYN_SENT:
    case TCPEDU_ZK_SYN_ACK_SENT:
        do_close = update_syn_sent(ep, s);
        break;
    case TCPEDU_ZK_ESTABLISHED:
    case TCPEDU_ZK_PARTIAL:
        do_close = update_established(ep, peer, s);
        break;
    case TCPEDU_ZK_CLOSED:
        do_close = update_closed(ep, peer, s);
        break;
    default:
        break;
    }

    /* Content gap (approximation of TCP_Reassembler::Undelivered): the ack
     * covers bytes of the peer that were never seen.  Not for RSTs (Zeek
     * does not trust their acks), nor for partial connections
     * (report_gaps_for_partial is off). */
    if ((f & TCPEDU_F_ACK) && !(f & TCPEDU_F_RST) && peer->state != TCPEDU_ZK_PARTIAL &&
        ep->state != TCPEDU_ZK_PARTIAL && peer->state != TCPEDU_ZK_INACTIVE) {
        uint32_t seen = peer->last_seq;
        if (peer->gap_valid && seq_delta(peer->gap_upto, seen) > 0)
            seen = peer->gap_upto;
        if (seq_delta(s->ack, seen) > 0 && seq_delta(s->ack, seen) < TOO_LARGE_SEQ_DELTA) {
            ep_scaled_history(z, peer, 'G', &peer->gap_cnt, &peer->gap_thresh);
            peer->gap_upto = s->ack;
            peer->gap_valid = true;
        }
    }

    if (do_close && !ep->did_close) {
        /* ConnectionClosed(), without reassembly deferral: once the close
         * is complete Zeek removes the connection tcp_close_delay later */
        ep->did_close = true;
        if ((ep->state == TCPEDU_ZK_RESET || peer->did_close || peer->state == TCPEDU_ZK_INACTIVE) &&
            !z->delete_at)
            z->delete_at = tcpedu_time_add(z->last_t, TCPEDU_ZEEK_CLOSE_DELAY_NS);
    }
}

/* TCP_Endpoint::NoDataAcked */
static bool no_data_acked(const tcpedu_zeek_ep *ep)
{
    return ep->ack_seq == ep->start_seq || ep->ack_seq == ep->start_seq + 1;
}

/* TCP_Endpoint::Size */
static uint64_t ep_size(const tcpedu_zeek_ep *ep, const tcpedu_zeek_ep *peer)
{
    int64_t size;

    if (ep->prev_state == TCPEDU_ZK_SYN_SENT && ep->state == TCPEDU_ZK_RESET &&
        peer->state == TCPEDU_ZK_INACTIVE && !no_data_acked(ep))
        return 0;
    if (seq_delta(ep->last_seq, ep->ack_seq) > 0)
        size = seq_delta(ep->last_seq, ep->start_seq);
    else
        size = seq_delta(ep->ack_seq, ep->start_seq);
    if (size < 0)
        size = (int64_t)(uint32_t)size;
    if (size != 0)
        size--; /* the SYN octet */
    if (ep->fin_cnt > 0 && size != 0)
        size--; /* the FIN octet */
    return (uint64_t)size;
}

uint64_t tcpedu_zeek_size(const tcpedu_zeek *z, bool orig)
{
    int o = z->orig_side < 0 ? 0 : z->orig_side;
    int side = orig ? o : !o;
    return ep_size(&z->ep[side], &z->ep[!side]);
}

/* The RSTOS0 pattern of conn_state(): "^?S", then no H A F G I Q before an R. */
static bool history_is_rstos0(const char *h)
{
    if (*h == '^')
        h++;
    if (*h++ != 'S')
        return false;
    for (; *h; h++) {
        if (*h == 'R')
            return true;
        if (strchr("HAFGIQ", *h))
            return false;
    }
    return false;
}

const char *tcpedu_zeek_conn_state(const tcpedu_zeek *z)
{
    int o = z->orig_side < 0 ? 0 : z->orig_side;
    uint8_t os = z->ep[o].state, rs = z->ep[!o].state;
    bool o_inactive = os == TCPEDU_ZK_INACTIVE || os == TCPEDU_ZK_PARTIAL;
    bool r_inactive = rs == TCPEDU_ZK_INACTIVE || rs == TCPEDU_ZK_PARTIAL;

    if (rs == TCPEDU_ZK_RESET) {
        if (os == TCPEDU_ZK_SYN_SENT || os == TCPEDU_ZK_SYN_ACK_SENT ||
            (os == TCPEDU_ZK_RESET && tcpedu_zeek_size(z, true) == 0 &&
             tcpedu_zeek_size(z, false) == 0))
            return "REJ";
        return o_inactive ? "RSTRH" : "RSTR";
    }
    if (os == TCPEDU_ZK_RESET) {
        if (r_inactive)
            return history_is_rstos0(z->history) ? "RSTOS0" : "OTH";
        return "RSTO";
    }
    if (rs == TCPEDU_ZK_CLOSED && os == TCPEDU_ZK_CLOSED)
        return "SF";
    if (os == TCPEDU_ZK_CLOSED)
        return r_inactive ? "SH" : "S2";
    if (rs == TCPEDU_ZK_CLOSED)
        return o_inactive ? "SHR" : "S3";
    if (os == TCPEDU_ZK_SYN_SENT && rs == TCPEDU_ZK_INACTIVE)
        return "S0";
    if (os == TCPEDU_ZK_ESTABLISHED && rs == TCPEDU_ZK_ESTABLISHED)
        return "S1";
    return "OTH";
}

const char *tcpedu_zeek_history(const tcpedu_zeek *z)
{
    return z->history;
}

const char *tcpedu_zeek_state_name(unsigned st)
{
    static const char *const names[] = {"INACTIVE", "SYN_SENT", "SYN_ACK_SENT", "PARTIAL",
                                        "ESTABLISHED", "CLOSED", "RESET"};
    return st < sizeof names / sizeof names[0] ? names[st] : "?";
}
