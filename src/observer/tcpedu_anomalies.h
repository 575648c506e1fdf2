/*
 * tcpedu_anomalies.h - the one list of things the observer can call out.
 *
 * Each row: X(ID, "stable_name", SEVERITY, GROUP)
 *   ID        becomes TCPEDU_A_<ID> (bit number) and ei_tcpedu_<name>.
 *   name      stable short name, phase first (Suricata style); it is the
 *             expert-info filter suffix: tcpedu.<name>.
 *   SEVERITY  CHAT, NOTE or WARN: the lowest that fits (README.dissector).
 *   GROUP     SEQ (sequence/lifecycle), PROTO (protocol violation),
 *             MALFORMED.
 *
 * Nothing here is an error: protocol oddities are events (Suricata).
 * No include guard on purpose: include it only through tcpedu_observer.h.
 */
/* Handshake (RFC 9293 section 3.5) */
X(SYN_RETRANSMITTED,      "3whs_syn_retransmitted",      NOTE, SEQ)
X(SYNACK_RETRANSMITTED,   "3whs_synack_retransmitted",   NOTE, SEQ)
X(SYN_UNANSWERED,         "3whs_syn_unanswered",         WARN, SEQ)
X(REFUSED,                "3whs_refused",                WARN, SEQ)
X(SYNACK_BAD_ACK,         "3whs_synack_with_wrong_ack",  WARN, SEQ)
X(ACK_BAD_ACK,            "3whs_ack_with_wrong_ack",     WARN, SEQ)
X(SYN_NOT_CAPTURED,       "3whs_syn_not_captured",       NOTE, SEQ)
X(SYN_AFTER_SYNACK,       "3whs_syn_after_synack",       NOTE, SEQ)
X(SIMULTANEOUS_OPEN,      "3whs_simultaneous_open",      NOTE, SEQ)
X(SYN_WITH_DATA,          "3whs_syn_with_data",          NOTE, SEQ)
X(TFO_DATA_NOT_ACKED,     "3whs_fastopen_data_not_acked",NOTE, SEQ)
X(SYN_ISN_CHANGED,        "3whs_syn_isn_changed",        WARN, SEQ)
X(HANDSHAKE_NOT_CAPTURED, "handshake_not_captured",      NOTE, SEQ)
X(SYN_IN_SYNCHRONIZED,    "syn_in_synchronized_state",   WARN, PROTO)
X(SYNACK_AFTER_HANDSHAKE, "syn_ack_after_handshake",     WARN, PROTO)
X(PORT_REUSE,             "port_reuse",                  NOTE, SEQ)
X(SYN_AFTER_RESET,        "syn_after_reset",             NOTE, SEQ)
/* Teardown (RFC 9293 section 3.6) */
X(FIN_RETRANSMITTED,      "fin_retransmitted",           NOTE, SEQ)
X(FIN_SEQ_CHANGED,        "fin_seq_changed",             WARN, PROTO)
X(SIMULTANEOUS_CLOSE,     "simultaneous_close",          NOTE, SEQ)
X(HALF_CLOSE_DATA,        "half_close_data",             CHAT, SEQ)
X(DATA_AFTER_FIN,         "data_after_fin",              WARN, PROTO)
X(FIN_BEFORE_ESTABLISHED, "fin_before_established",      WARN, PROTO)
X(FIN_ANSWERED_BY_RST,    "fin_answered_by_rst",         WARN, SEQ)
X(SEGMENT_AFTER_CLOSE,    "segment_after_close",         NOTE, SEQ)
/* Reset (RFC 9293 section 3.10.7, RFC 5961) */
X(RST_ABORT,              "rst_abort",                   WARN, SEQ)
X(RST_NOT_ACCEPTABLE,     "rst_not_acceptable",          WARN, SEQ)
X(SEGMENT_AFTER_RESET,    "segment_after_reset",         NOTE, SEQ)
/* Flags and acknowledgments */
X(ACK_FLAG_MISSING,       "ack_flag_missing",            WARN, PROTO)
X(ACK_OF_UNSENT_DATA,     "ack_of_unsent_data",          WARN, SEQ)
X(FLAGS_SYN_FIN,          "flags_syn_fin",               WARN, PROTO)
X(FLAGS_SYN_RST,          "flags_syn_rst",               WARN, PROTO)
X(FLAGS_NONE,             "flags_none",                  WARN, PROTO)
