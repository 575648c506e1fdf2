/*
 * tcpedu_rules.h - the one list of rules the observer can fire.
 *
 * A rule names what a segment *does* in its connection's lifecycle; it is
 * the key of the explanation catalogue (src/catalogue) and the value of the
 * tcpedu.rule field.  Row: X(ID, "stable-name").
 * No include guard on purpose: include it only through tcpedu_observer.h.
 */
X(NONE,                 "none")
/* Handshake, RFC 9293 section 3.5 figures 6 and 7 */
X(HS_SYN,               "syn")
X(HS_SYN_RETRANS,       "syn-retransmitted")
X(HS_SYN_FASTOPEN,      "syn-fastopen")
X(HS_SYNACK,            "syn-ack")
X(HS_SYNACK_RETRANS,    "syn-ack-retransmitted")
X(HS_SYNACK_NO_SYN,     "syn-ack-syn-not-captured")
X(HS_ACK,               "handshake-ack")
X(HS_ACK_DATA,          "handshake-ack-with-data")
X(HS_SIMUL_SYN,         "simultaneous-open-syn")
X(HS_SIMUL_SYNACK,      "simultaneous-open-syn-ack")
X(HS_SYN_REORDERED,     "syn-after-syn-ack")
/* Data transfer */
X(DATA,                 "data")
X(DATA_RETRANS,         "data-retransmitted")
X(ACK,                  "ack")
X(KEEPALIVE,            "keep-alive")
X(ZERO_WINDOW_PROBE,    "zero-window-probe")
X(MIDSTREAM,            "first-seen-mid-connection")
/* Teardown, RFC 9293 section 3.6 figures 12 and 13 */
X(TD_FIN_ACTIVE,        "fin-active-close")
X(TD_ACK_OF_FIN,        "ack-of-first-fin")
X(TD_HALF_CLOSE_DATA,   "half-close-data")
X(TD_FIN_PASSIVE,       "fin-passive-close")
X(TD_FIN_COMBINED,      "fin-ack-combined")
X(TD_FIN_CROSSING,      "fin-simultaneous")
X(TD_FINAL_ACK,         "final-ack")
X(TD_ACK_CROSSING,      "ack-of-crossing-fin")
X(TD_FIN_RETRANS,       "fin-retransmitted")
X(TD_LATE,              "after-close")
/* Reset, RFC 9293 section 3.10.7 */
X(RST_REFUSED,          "rst-refused")
X(RST_HANDSHAKE,        "rst-during-handshake")
X(RST_ABORT,            "rst-abort")
X(RST_AFTER_FIN,        "rst-during-teardown")
X(RST_AFTER_CLOSE,      "rst-after-close")
X(RST_BAD_SYNACK,       "rst-answers-bad-syn-ack")
X(RST_NOT_ACCEPTED,     "rst-not-acceptable")
X(AFTER_RESET,          "after-reset")
/* Segments the observer does not accept */
X(NOT_ACCEPTED,         "not-accepted")
