/**
 * @file tcpedu_zeek.h
 * @brief Zeek's view of a connection: conn.log @c conn_state and @c history.
 *
 * Plain C99, no GLib, no epan, like the observer.  The caller owns one
 * tcpedu_zeek per tcpedu connection and feeds it every segment of that
 * connection in capture order (the same tcpedu_segment the observer saw).
 * It re-implements, segment by segment, what Zeek's TCP analyzer does
 * (zeek/zeek, src/packet_analysis/protocol/tcp/TCPSessionAdapter.cc,
 * TCP_Endpoint.cc, Conn.cc; conn_state() in
 * scripts/base/protocols/conn/main.zeek): Zeek's own endpoint states
 * (INACTIVE, SYN_SENT, SYN_ACK_SENT, PARTIAL, ESTABLISHED, CLOSED, RESET),
 * its history letters and its role flips.  It does NOT use tcpedu's RFC 9293
 * states: the point is to reproduce Zeek, including where Zeek's view is
 * coarser (it has no simultaneous-close or TIME-WAIT state).
 *
 * History letters (upper case = originator, lower case = responder):
 * s SYN without ACK, h SYN+ACK, a pure ACK, d payload, f FIN, r RST,
 * q SYN or FIN together with SYN/RST ("multi-flag"), i FIN+RST,
 * t retransmitted payload, w zero window, g content gap, ^ roles flipped.
 * s h a d f r q i are logged once per direction (s, h, f and r again when
 * their sequence number changes); t, w and g are logged at the 1st, 10th,
 * 100th ... occurrence.  c (bad checksum) is never logged: Wireshark's
 * checksum check is off by default and Zeek's own baselines run with -C.
 *
 * Roles: Zeek's originator is the sender of the connection's first segment,
 * except that Zeek flips (logs '^') when that segment is not a SYN and comes
 * from a likely server port (tcpedu_zeek_likely_server_port) to an unlikely
 * one (or, both likely and not a SYN-ACK, to a higher one); when a
 * connection that began with a SYN-ACK goes on with an ACK or data (Zeek
 * pull request 2191: the history "H" becomes "^h"); and when a SYN-ACK was
 * captured before the SYN it answers ("Hs^").
 *
 * Approximations (docs/ZEEK-AGREEMENT.md): the gap letter g is derived from
 * acknowledgments of bytes never seen (Zeek's reassembler also reports
 * payload cut by the snap length, which a segment does not carry); the set
 * of likely server ports is a fixed list (Zeek's depends on the scripts
 * loaded); Zeek's inactivity timeouts (which split idle connections) are not
 * modelled.
 */
#ifndef TCPEDU_ZEEK_H
#define TCPEDU_ZEEK_H

#include <stdbool.h>
#include <stdint.h>

#include "tcpedu_observer.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Zeek's TCP endpoint states (TCP_ENDPOINT_*, conn.log's endpoint$state). */
typedef enum {
    TCPEDU_ZK_INACTIVE = 0,
    TCPEDU_ZK_SYN_SENT,
    TCPEDU_ZK_SYN_ACK_SENT,
    TCPEDU_ZK_PARTIAL,
    TCPEDU_ZK_ESTABLISHED,
    TCPEDU_ZK_CLOSED,
    TCPEDU_ZK_RESET
} tcpedu_zeek_state;

/** Longest history kept (Zeek keeps all; real histories are short). */
#define TCPEDU_ZEEK_HISTORY_MAX 63

/** One endpoint as Zeek's TCP_Endpoint tracks it. */
typedef struct tcpedu_zeek_ep {
    uint8_t  state, prev_state;   /**< tcpedu_zeek_state */
    bool     did_close;           /**< Zeek reported this side's close */
    uint32_t start_seq;           /**< ISN, or first seq - 1 (partial) */
    uint32_t last_seq;            /**< highest seq + segment length sent */
    uint32_t ack_seq;             /**< highest ack received from the peer */
    uint32_t fin_cnt, rst_cnt;
    int64_t  hist_last_syn, hist_last_fin, hist_last_rst;
    uint32_t rxmt_cnt, rxmt_thresh;
    uint32_t win0_cnt, win0_thresh;
    uint32_t gap_cnt, gap_thresh;
    uint32_t gap_upto;            /**< acknowledged-but-unseen bytes reported up to here */
    bool     gap_valid;
} tcpedu_zeek_ep;

/** Zeek's record of one connection. */
typedef struct tcpedu_zeek {
    tcpedu_zeek_ep ep[2];   /**< indexed by tcpedu_segment.side */
    int8_t   orig_side;     /**< side that is Zeek's originator; -1 before any segment */
    uint32_t hist_seen;     /**< Zeek's hist_seen bits (orig low 16, resp high 16) */
    uint16_t hlen;
    char     history[TCPEDU_ZEEK_HISTORY_MAX + 1];
    uint32_t nsegs;
    int64_t  last_t;        /**< Zeek's Conn()->LastTime(), ns */
    int64_t  attempt_at;    /**< AttemptTimer: when an unanswered SYN is given up (0 = none) */
    int64_t  delete_at;     /**< close timer: when a closed connection is removed (0 = none) */
} tcpedu_zeek;

/** Zeek's tcp_attempt_delay and tcp_close_delay (both 5 s by default), ns. */
#define TCPEDU_ZEEK_ATTEMPT_DELAY_NS INT64_C(5000000000)
#define TCPEDU_ZEEK_CLOSE_DELAY_NS   INT64_C(5000000000)

/** @brief Start a record (no segment seen). */
void tcpedu_zeek_init(tcpedu_zeek *z);

/**
 * @brief Would Zeek start a new connection (a new conn.log row) at @p s?
 *
 * Zeek's IsReuse(): a SYN (or, while the originator is silent, a SYN-ACK)
 * after either side closed or reset, or one with a new sequence number; or
 * Zeek's timers removed the connection before @p s arrived: 5 s after an
 * unanswered SYN (AttemptTimer, tcp_attempt_delay) or 5 s after a completed
 * close or reset (tcp_close_delay).  The caller then keeps @p z's result as
 * a finished row and starts a fresh record for @p s.
 */
bool tcpedu_zeek_is_reuse(const tcpedu_zeek *z, const tcpedu_segment *s);

/** @brief Feed one segment of the connection, in capture order. */
void tcpedu_zeek_observe(tcpedu_zeek *z, const tcpedu_segment *s);

/** @brief conn.log conn_state: S0 S1 SF REJ S2 S3 RSTO RSTR RSTOS0 RSTRH SH SHR OTH. */
const char *tcpedu_zeek_conn_state(const tcpedu_zeek *z);

/** @brief conn.log history (NUL-terminated, inside @p z). */
const char *tcpedu_zeek_history(const tcpedu_zeek *z);

/** @brief Zeek's payload size of the originator (@p orig) or responder (endpoint$size). */
uint64_t tcpedu_zeek_size(const tcpedu_zeek *z, bool orig);

/** @brief Is @p port in tcpedu's copy of Zeek's likely_server_ports (TCP)? */
bool tcpedu_zeek_likely_server_port(uint16_t port);

/** @brief Name of a tcpedu_zeek_state ("SYN_SENT" ...). */
const char *tcpedu_zeek_state_name(unsigned st);

#ifdef __cplusplus
}
#endif
#endif /* TCPEDU_ZEEK_H */
