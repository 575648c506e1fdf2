/**
 * @file tcpedu_observer.h
 * @brief The passive TCP observer: places each segment in its
 *        connection's lifecycle (RFC 9293).
 *
 * Plain C99, no GLib, no epan.  The observer allocates nothing, prints
 * nothing and keeps no globals: the caller owns every tcpedu_conn and every
 * tcpedu_verdict.  It is handed one segment at a time, in capture order, and
 * fills in a verdict: phase and step, the kind of segment, the RFC 9293
 * state of the sender and of the receiver before and after it, the rule that
 * fired and the anomalies it saw.
 *
 * A passive observer sees segments, not sockets.  Every state it reports is
 * inferred from what crossed the wire; where it had to *guess* (a state it
 * saw no evidence for, roles of a connection whose start is missing) the
 * verdict's @c inferred bits say so.
 *
 * When a state changes: exactly where RFC 9293's event processing (section
 * 3.10) puts it, and where its figures 6, 7, 12 and 13 draw it.
 *  - The sender changes state as it sends (section 3.10.1 OPEN, 3.10.4
 *    CLOSE, 3.10.5 ABORT): "Sender state before/after" are its states before
 *    and after sending this segment.
 *  - The receiver changes state as it processes the segment (section
 *    3.10.7): "Receiver state before/after" are its states before and after
 *    processing it (a SYN takes a listener LISTEN -> SYN-RECEIVED, a
 *    SYN-ACK takes the client SYN-SENT -> ESTABLISHED, a FIN in FIN-WAIT-2
 *    -> TIME-WAIT, a FIN+ACK in FIN-WAIT-1 -> TIME-WAIT at once).
 *  - What an endpoint sends in reply is sent from the state it entered on
 *    receipt (the SYN-ACK leaves a server that "stays SYN-RECEIVED").
 *  - Retransmissions, duplicates and segments the receiver drops change no
 *    state.
 * So each endpoint's states chain: its state after one segment is its state
 * before the next one it sends or receives.  Two exceptions, both marked in
 * the verdict: a segment that crossed one of the receiver's own (@c crossed:
 * the receiver processes it after sending that one, figures 7 and 13), and a
 * guess that a later segment revised (@c revises on the later segment).
 * The two tables in tcpedu_observer.c (send_table, recv_table) hold the
 * whole state machine; the handlers only classify the event.
 *
 * Verdict memory: the observer keeps pointers to a few earlier verdicts of
 * the same connection (to fill in @c answered_by, and to revise a guess once
 * a later segment proves it wrong, e.g. a refused SYN's receiver was CLOSED,
 * not LISTEN).  So every verdict passed to tcpedu_observe() must stay valid,
 * at the same address, for as long as its connection is in use.
 *
 * A caller keeps one verdict per segment for the whole capture, so the
 * verdict holds only what most segments have (40 bytes).  The members that
 * few segments have (tcpedu_rare: a crossed or revised frame, an expected
 * acknowledgment number that the segment did not carry) live in a store the
 * caller hands to tcpedu_conn_init(); read them with tcpedu_verdict_crossed(),
 * tcpedu_verdict_revises() and tcpedu_verdict_ack_expected(), and the
 * anomalies with tcpedu_verdict_anomalies().
 */
#ifndef TCPEDU_OBSERVER_H
#define TCPEDU_OBSERVER_H

#include <stdbool.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/** TCP header flag bits, in the layout of the 12-bit flags field. */
enum {
    TCPEDU_F_FIN = 0x001,
    TCPEDU_F_SYN = 0x002,
    TCPEDU_F_RST = 0x004,
    TCPEDU_F_PSH = 0x008,
    TCPEDU_F_ACK = 0x010,
    TCPEDU_F_URG = 0x020,
    TCPEDU_F_ECE = 0x040,
    TCPEDU_F_CWR = 0x080,
    TCPEDU_F_AE  = 0x100 /**< formerly NS (RFC 3540), now AccECN */
};

/** RFC 9293 section 3.3.2 connection states (figure 5). */
typedef enum {
    TCPEDU_ST_UNKNOWN = 0,
    TCPEDU_ST_CLOSED,
    TCPEDU_ST_LISTEN,
    TCPEDU_ST_SYN_SENT,
    TCPEDU_ST_SYN_RECEIVED,
    TCPEDU_ST_ESTABLISHED,
    TCPEDU_ST_FIN_WAIT_1,
    TCPEDU_ST_FIN_WAIT_2,
    TCPEDU_ST_CLOSE_WAIT,
    TCPEDU_ST_CLOSING,
    TCPEDU_ST_LAST_ACK,
    TCPEDU_ST_TIME_WAIT,
    TCPEDU_ST_COUNT
} tcpedu_state;

/** Lifecycle phase of the connection when the segment was seen. */
typedef enum {
    TCPEDU_PH_NONE = 0,
    TCPEDU_PH_HANDSHAKE,
    TCPEDU_PH_DATA,
    TCPEDU_PH_TEARDOWN,
    TCPEDU_PH_RESET,
    TCPEDU_PH_COUNT
} tcpedu_phase;

/** What kind of segment it is. */
typedef enum {
    TCPEDU_SEG_NONE = 0,
    TCPEDU_SEG_SYN,
    TCPEDU_SEG_SYN_ACK,
    TCPEDU_SEG_ACK,          /**< no payload, no SYN/FIN/RST */
    TCPEDU_SEG_DATA,         /**< payload, no SYN/FIN/RST */
    TCPEDU_SEG_FIN,
    TCPEDU_SEG_RST,
    TCPEDU_SEG_KEEPALIVE,
    TCPEDU_SEG_ZERO_WINDOW_PROBE,
    TCPEDU_SEG_ODD,          /**< a flag combination TCP never sends */
    TCPEDU_SEG_COUNT
} tcpedu_kind;

/** Direction, from the roles (the client sent the first SYN). */
typedef enum {
    TCPEDU_DIR_UNKNOWN = 0,
    TCPEDU_DIR_C2S,
    TCPEDU_DIR_S2C,
    TCPEDU_DIR_COUNT
} tcpedu_dir;

/** How the client/server roles were decided. */
typedef enum {
    TCPEDU_ROLES_UNKNOWN = 0,
    TCPEDU_ROLES_FROM_SYN,     /**< the client sent the first SYN */
    TCPEDU_ROLES_FROM_SYNACK,  /**< SYN not captured; the SYN-ACK names the server */
    TCPEDU_ROLES_GUESSED,      /**< start missing; lower port taken as server */
    TCPEDU_ROLES_COUNT
} tcpedu_roles;

/** Result of the acknowledgment-number check on handshake and teardown steps. */
typedef enum {
    TCPEDU_ACKCHK_NONE = 0,    /**< nothing to check on this segment */
    TCPEDU_ACKCHK_OK,
    TCPEDU_ACKCHK_BAD,
    TCPEDU_ACKCHK_COUNT
} tcpedu_ackchk;

/** RST acceptability (RFC 9293 section 3.10.7, RFC 5961 section 3). */
typedef enum {
    TCPEDU_RSTCHK_NONE = 0,
    TCPEDU_RSTCHK_EXACT,        /**< seq == RCV.NXT: the connection is reset */
    TCPEDU_RSTCHK_SYN_SENT_OK,  /**< in SYN-SENT, the ACK acknowledges our SYN */
    TCPEDU_RSTCHK_UNCHECKED,    /**< receiver's window not seen: believed, inferred */
    TCPEDU_RSTCHK_IN_WINDOW,    /**< in window, not exact: challenge ACK (RFC 5961) */
    TCPEDU_RSTCHK_OUT_OF_WINDOW,
    TCPEDU_RSTCHK_SYN_SENT_BAD, /**< in SYN-SENT without an acceptable ACK */
    TCPEDU_RSTCHK_COUNT
} tcpedu_rstchk;

/** Teardown style of a connection. */
typedef enum {
    TCPEDU_TD_NONE = 0,        /**< no FIN or RST seen */
    TCPEDU_TD_FOUR,            /**< FIN, ACK, FIN, ACK */
    TCPEDU_TD_THREE,           /**< FIN, FIN+ACK, ACK */
    TCPEDU_TD_SIMULTANEOUS,    /**< the FINs crossed */
    TCPEDU_TD_RESET,           /**< RST instead of (or during) the FIN exchange */
    TCPEDU_TD_INCOMPLETE,      /**< FIN(s) seen, exchange not finished */
    TCPEDU_TD_COUNT
} tcpedu_td_style;

/** Outcome of a connection so far. */
typedef enum {
    TCPEDU_OUT_NONE = 0,
    TCPEDU_OUT_SYN_UNANSWERED,
    TCPEDU_OUT_REFUSED,
    TCPEDU_OUT_HANDSHAKE_INCOMPLETE,
    TCPEDU_OUT_RESET_IN_HANDSHAKE,
    TCPEDU_OUT_OPEN,           /**< established, not closed when the capture ends */
    TCPEDU_OUT_HALF_CLOSED,    /**< one side's FIN seen */
    TCPEDU_OUT_CLOSING,        /**< both FINs seen, not both acknowledged */
    TCPEDU_OUT_CLOSED,         /**< both FINs seen and acknowledged */
    TCPEDU_OUT_RESET,          /**< reset after establishment */
    TCPEDU_OUT_COUNT
} tcpedu_outcome;

/** Why a segment starts a new connection on a known 4-tuple. */
typedef enum {
    TCPEDU_NEW_NO = 0,
    TCPEDU_NEW_PORT_REUSE,     /**< SYN with a new ISN after the previous connection ended */
    TCPEDU_NEW_RETRY,          /**< SYN again after a RST ended the previous attempt */
} tcpedu_new;

/** Anomaly ids: TCPEDU_A_<ID> is a bit number in tcpedu_verdict.anomalies. */
typedef enum {
#define X(id, name, sev, group) TCPEDU_A_##id,
#include "tcpedu_anomalies.h"
#undef X
    TCPEDU_A_COUNT
} tcpedu_anomaly;

/** Anomaly severities (mapped to expert-info severities by the glue). */
typedef enum { TCPEDU_SEV_CHAT, TCPEDU_SEV_NOTE, TCPEDU_SEV_WARN } tcpedu_severity;
/** Anomaly groups (mapped to expert-info groups by the glue). */
typedef enum { TCPEDU_GRP_SEQ, TCPEDU_GRP_PROTO, TCPEDU_GRP_MALFORMED } tcpedu_group;

/** Rule ids: the explanation that applies to a segment. */
typedef enum {
#define X(id, name) TCPEDU_X_##id,
#include "tcpedu_rules.h"
#undef X
    TCPEDU_X_COUNT
} tcpedu_rule;

/** Bit for anomaly @p a in a 64-bit set. */
#define TCPEDU_ABIT(a) (UINT64_C(1) << (a))

/** TCP options of a segment, as far as the observer needs them. */
enum {
    TCPEDU_OPT_MSS       = 0x01,
    TCPEDU_OPT_WSCALE    = 0x02,
    TCPEDU_OPT_SACK_PERM = 0x04,
    TCPEDU_OPT_TS        = 0x08,
    TCPEDU_OPT_TFO       = 0x10  /**< Fast Open option (cookie or cookie request) */
};
typedef struct tcpedu_options {
    uint8_t  present;        /**< TCPEDU_OPT_* bits */
    uint8_t  wscale;         /**< window scale shift count as sent */
    uint8_t  tfo_cookie_len; /**< 0 = cookie request */
    uint16_t mss;
    uint32_t tsval, tsecr;
} tcpedu_options;

/** One TCP segment as the observer sees it. */
typedef struct tcpedu_segment {
    uint32_t frame;     /**< caller's frame number (non-zero) */
    int64_t  t_ns;      /**< capture time, nanoseconds */
    uint8_t  side;      /**< which endpoint sent it: 0 or 1, stable per connection */
    uint16_t sport, dport;
    uint16_t flags;     /**< TCPEDU_F_* */
    uint32_t seq, ack;  /**< raw (absolute) numbers */
    uint32_t len;       /**< payload bytes */
    uint32_t win;       /**< window field as sent (unscaled) */
    uint8_t  hdr_len;   /**< TCP header length, bytes */
    tcpedu_options opt;
} tcpedu_segment;

/** Bits of tcpedu_verdict.inferred: which of the four states are guesses. */
enum {
    TCPEDU_INF_SENDER_BEFORE   = 0x01,
    TCPEDU_INF_SENDER_AFTER    = 0x02,
    TCPEDU_INF_RECEIVER_BEFORE = 0x04,
    TCPEDU_INF_RECEIVER_AFTER  = 0x08,
    TCPEDU_INF_ROLES           = 0x10 /**< client/server roles are guessed */
};

/** The observer's verdict on one segment (40 bytes; see the file comment). */
typedef struct tcpedu_verdict {
    uint32_t frame;
    uint32_t answers;       /**< frame of the peer segment this one acknowledges first, 0 = none */
    uint32_t answered_by;   /**< frame that acknowledges this one, 0 = not (yet) seen */
    uint32_t sender_since;  /**< frame where the sender entered sender_after, 0 = before the capture */
    uint32_t receiver_since;/**< frame where the receiver entered receiver_after, 0 = before the capture */
    uint32_t rel_seq;       /**< seq relative to the sender's ISN (or first seq seen) */
    uint32_t rel_ack;       /**< ack relative to the receiver's ISN (or first seq seen) */
    /** The anomalies, packed: TCPEDU_A_SYN_UNANSWERED is never on a verdict
     *  (only a connection's end tells it), so 32 bits hold the others.  Read
     *  with tcpedu_verdict_anomalies(). */
    uint32_t an_packed;
    /* The small members are bit-fields: the caller keeps one verdict per
     * segment for the whole capture (tcpedu_observer.c checks that every
     * value fits). */
    unsigned rule : 8;            /**< tcpedu_rule */
    unsigned side : 1;
    unsigned dir : 2;             /**< tcpedu_dir */
    unsigned phase : 3;           /**< tcpedu_phase */
    unsigned step : 3;            /**< step within a handshake or teardown, 1-based; 0 = none */
    unsigned kind : 4;            /**< tcpedu_kind */
    unsigned inferred : 5;        /**< TCPEDU_INF_* */
    unsigned ack_check : 2;       /**< tcpedu_ackchk */
    unsigned rst_check : 3;       /**< tcpedu_rstchk */
    unsigned sender_before : 4;   /**< tcpedu_state */
    unsigned sender_after : 4;
    unsigned receiver_before : 4; /**< tcpedu_state */
    unsigned receiver_after : 4;
    unsigned retransmission : 1;
    unsigned rel_ack_valid : 1;   /**< rel_ack means something (ACK set, receiver's base known) */
    unsigned no_change : 1;       /**< the receiver drops or already has this segment: no state changes */
    unsigned snd_event : 3;       /**< what sending it did, as given to the send table (observer-internal) */
    unsigned rcv_events : 8;      /**< what receiving it did, bits of the receive table's events (observer-internal) */
    unsigned rare : 1;            /**< the connection's tcpedu_rare_store holds members of this verdict */
} tcpedu_verdict;

/** The packed anomaly bits below TCPEDU_A_SYN_UNANSWERED (see tcpedu_verdict.an_packed). */
#define TCPEDU_AN_LOW ((UINT64_C(1) << TCPEDU_A_SYN_UNANSWERED) - 1)

/** @brief The anomalies of @p v as a TCPEDU_ABIT() set. */
static inline uint64_t tcpedu_verdict_anomalies(const tcpedu_verdict *v)
{
    uint64_t p = v->an_packed;
    return (p & TCPEDU_AN_LOW) | ((p & ~TCPEDU_AN_LOW) << 1);
}

/** The members of a verdict that few segments have, kept apart from it by
 *  the caller (see tcpedu_rare_store). */
typedef struct tcpedu_rare {
    uint32_t ack_expected; /**< raw ack value the step should carry, when ack_check is BAD (when
                                it is OK, it is the segment's own ack) */
    uint32_t crossed;      /**< frame of the receiver's own segment this one crossed: the receiver
                                processes this one after sending that one; 0 = none */
    uint32_t revises;      /**< earliest earlier frame whose states this segment revised, 0 = none */
} tcpedu_rare;

/** Where a connection's verdicts keep their rare members: the caller's. */
typedef struct tcpedu_rare_store {
    /** The rare members of @p v.  With @p make, a zeroed record is made if
     *  @p v has none yet (never NULL then); without, NULL if it has none.
     *  The observer asks only for verdicts of the connection it observes. */
    tcpedu_rare *(*get)(void *ctx, const tcpedu_verdict *v, bool make);
    void *ctx;
} tcpedu_rare_store;

/** What the observer knows of one endpoint (Zeek's TCP_Endpoint). */
typedef struct tcpedu_endpoint {
    uint8_t  state;          /**< tcpedu_state */
    uint8_t  syn_step, synack_step, fin_step;
    uint8_t  syn_flags_ecn;  /**< ECN setup on our SYN: 2 = ECE+CWR, 1 = ECE alone, 0 = none */
    /* flags as bit-fields: one record per connection for the whole capture */
    bool     inferred : 1;       /**< state is a guess, not evidenced */
    bool     syn_sent : 1;       /**< sent a SYN (or SYN-ACK); isn valid */
    bool     synack_sent : 1;
    bool     fin_sent : 1;       /**< fin_seq valid */
    bool     rst_sent : 1;
    bool     syn_acked : 1;      /**< the peer acknowledged our SYN */
    bool     fin_acked : 1;      /**< the peer acknowledged our FIN */
    bool     got_peer_syn : 1;   /**< our state reflects receipt of the peer's SYN */
    bool     got_peer_fin : 1;   /**< our state reflects receipt of the peer's FIN */
    bool     seq_known : 1;      /**< base_seq and next_seq valid */
    bool     win_seen : 1;
    bool     isn_from_peer : 1;  /**< isn inferred from the peer's ack (our SYN not captured) */
    bool     ack_seen : 1;       /**< last_ack valid */
    uint32_t since;          /**< frame where it entered @c state, 0 = before the capture */
    uint32_t isn;
    uint32_t base_seq;       /**< for relative numbers: ISN, or first seq seen */
    uint32_t next_seq;       /**< highest seq + length (+SYN +FIN) seen */
    uint32_t fin_seq;        /**< the sequence number our FIN occupies */
    uint32_t syn_len;        /**< payload carried on our SYN (Fast Open) */
    uint32_t last_win;       /**< last window field sent (unscaled) */
    uint32_t last_ack;       /**< last acknowledgment number sent (our RCV.NXT) */
    uint32_t syn_frame, fin_frame, rst_frame;
    uint32_t last_sent;      /**< frame of the latest segment this side sent, 0 = none */
    uint32_t pkts;
    uint32_t pending_end;
    tcpedu_options syn_opt;  /**< options of our SYN or SYN-ACK */
    uint64_t bytes;          /**< payload bytes */
    tcpedu_verdict *pending; /**< latest of our segments not yet acknowledged */
    tcpedu_verdict *syn_v, *fin_v;
} tcpedu_endpoint;

/** What the observer knows of one connection (Suricata's TcpSession). */
typedef struct tcpedu_conn {
    tcpedu_endpoint ep[2];     /**< indexed by tcpedu_segment.side */
    int8_t   client;           /**< side of the client, -1 = not known */
    uint8_t  roles;            /**< tcpedu_roles */
    uint8_t  reuse;            /**< tcpedu_new: why this connection exists */
    bool     start_missing;    /**< first segment seen was not the client's SYN */
    bool     simultaneous_open;
    bool     hs_complete;
    bool     refused;
    bool     reset;
    bool     tfo_accepted;
    bool     halfclose_data;
    uint8_t  hs_steps;         /**< handshake steps seen (first occurrences) */
    uint8_t  td_steps;         /**< teardown steps seen */
    uint8_t  td_style;         /**< tcpedu_td_style, as far as seen */
    int8_t   first_closer;     /**< side that sent the first FIN, -1 = none */
    int8_t   reset_by;         /**< side that sent the accepted RST, -1 = none */
    uint32_t hs_frame[4];      /**< frames of the handshake steps (0 = not seen) */
    int64_t  hs_t[4];
    uint32_t td_frame[4];      /**< frames of the teardown steps */
    int64_t  td_t[4];
    uint32_t reset_frame;
    uint32_t nsegs;
    uint32_t first_frame, last_frame;
    int64_t  t_first, t_last;
    uint64_t anomalies;        /**< union of the verdicts' anomalies */
    tcpedu_verdict *hist[16];  /**< the latest verdicts, for revisions (ring, index nhist % 16) */
    uint32_t nhist;
    const tcpedu_rare_store *rare; /**< where the verdicts' rare members are kept */
} tcpedu_conn;

/**
 * @brief Start a connection record.
 * @param c     the record (owned by the caller)
 * @param why   TCPEDU_NEW_NO for the first connection on a 4-tuple, else the
 *              value tcpedu_conn_is_new() returned for its first segment.
 * @param rare  where its verdicts' rare members go (see tcpedu_rare_store);
 *              must outlive the record
 */
void tcpedu_conn_init(tcpedu_conn *c, tcpedu_new why, const tcpedu_rare_store *rare);

/** @brief Frame of the receiver's own segment that @p v crossed, 0 = none
 *  (@p c: the connection of @p v). */
uint32_t tcpedu_verdict_crossed(const tcpedu_conn *c, const tcpedu_verdict *v);
/** @brief Earliest earlier frame whose states @p v revised, 0 = none. */
uint32_t tcpedu_verdict_revises(const tcpedu_conn *c, const tcpedu_verdict *v);
/** @brief Raw ack value the step should carry (meaningful when ack_check is
 *  not NONE); @p ack is the segment's own acknowledgment number. */
uint32_t tcpedu_verdict_ack_expected(const tcpedu_conn *c, const tcpedu_verdict *v, uint32_t ack);

/**
 * @brief Does @p s start a new connection on the 4-tuple of @p c?
 *
 * True for a SYN (without ACK) that arrives after @p c ended (closed,
 * reset, refused), or that carries a new ISN while @p c never got past the
 * handshake.  The caller then keeps @p c as it is and observes @p s on a
 * fresh record initialised with the returned reason.
 */
tcpedu_new tcpedu_conn_is_new(const tcpedu_conn *c, const tcpedu_segment *s);

/**
 * @brief Observe one segment.
 * @param c  connection record; updated
 * @param s  the segment
 * @param v  verdict, filled in; must stay valid while @p c is in use (see
 *           the file comment) because later segments fill in its
 *           @c answered_by and may revise a guessed receiver state.
 */
void tcpedu_observe(tcpedu_conn *c, const tcpedu_segment *s, tcpedu_verdict *v);

/** @brief Outcome of @p c so far. */
tcpedu_outcome tcpedu_conn_outcome(const tcpedu_conn *c);

/** @brief Teardown style of @p c so far. */
tcpedu_td_style tcpedu_conn_td_style(const tcpedu_conn *c);

/** @brief Handshake or teardown step count for the style seen so far (3 or 4; 0 = unknown). */
unsigned tcpedu_conn_hs_total(const tcpedu_conn *c);
/** @copydoc tcpedu_conn_hs_total */
unsigned tcpedu_conn_td_total(const tcpedu_conn *c);

/** @name Stable names (value strings, report columns)
 *  Each returns a static string; out-of-range values give "?". */
/**@{*/
const char *tcpedu_state_name(unsigned st);
const char *tcpedu_phase_name(unsigned ph);
const char *tcpedu_kind_name(unsigned k);
const char *tcpedu_dir_name(unsigned d);
const char *tcpedu_roles_name(unsigned r);
const char *tcpedu_ackchk_name(unsigned a);
const char *tcpedu_rstchk_name(unsigned r);
const char *tcpedu_td_style_name(unsigned t);
const char *tcpedu_outcome_name(unsigned o);
const char *tcpedu_rule_name(unsigned r);
const char *tcpedu_anomaly_name(unsigned a);
tcpedu_severity tcpedu_anomaly_severity(unsigned a);
tcpedu_group tcpedu_anomaly_group(unsigned a);
/**@}*/

#ifdef __cplusplus
}
#endif
#endif /* TCPEDU_OBSERVER_H */
