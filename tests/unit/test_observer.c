/*
 * test_observer.c - one scenario per TEST, each a segment sequence a real
 * stack sends (or a broken one), with the verdicts RFC 9293 calls for.
 * Side 0 is the client (port 40000), side 1 the server (port 80).
 * Client ISN 1000, server ISN 5000 unless a test says otherwise.
 */
#include "harness.h"


/* Handshake, 100 bytes up, 200 bytes down: frames 1-5; client next seq
 * 1101, server next seq 5201. */
static void established_with_data(sim *s)
{
    sim_handshake(s);
    seg(s, 0, "PA", CISN + 1, SISN + 1, 100);
    seg(s, 1, "PA", SISN + 1, CISN + 101, 200);
}

TEST(handshake_three_way)
{
    sim s;
    sim_init(&s);
    sim_handshake(&s);
    CHECK_V(&s.v[0], "handshake", 1, "syn", "CLOSED", "SYN-SENT", "LISTEN", "SYN-RECEIVED");
    CHECK_STR(tcpedu_rule_name(s.v[0].rule), "syn");
    CHECK_EQ_U(s.v[0].inferred, 0); /* revised: the SYN-ACK shows the server listened */
    CHECK_STR(tcpedu_dir_name(s.v[0].dir), "client-to-server");
    CHECK_EQ_U(s.v[0].rel_seq, 0);
    CHECK_EQ_U(s.v[0].answered_by, 2);

    CHECK_V(&s.v[1], "handshake", 2, "syn-ack", "SYN-RECEIVED", "SYN-RECEIVED", "SYN-SENT", "ESTABLISHED");
    CHECK_EQ_U(s.v[1].inferred, 0); /* the SYN-ACK proves the server listened */
    CHECK_STR(tcpedu_dir_name(s.v[1].dir), "server-to-client");
    CHECK_EQ_U(s.v[1].answers, 1);
    CHECK_EQ_U(s.v[1].answered_by, 3);
    CHECK_EQ_U(s.v[1].ack_check, TCPEDU_ACKCHK_OK);
    CHECK_EQ_U(sim_ack_expected(&s, 1), CISN + 1);
    CHECK_EQ_U(s.v[1].rel_ack, 1);

    CHECK_V(&s.v[2], "handshake", 3, "ack", "ESTABLISHED", "ESTABLISHED", "SYN-RECEIVED", "ESTABLISHED");
    CHECK_EQ_U(s.v[2].answers, 2);
    CHECK_EQ_U(sim_ack_expected(&s, 2), SISN + 1);
    CHECK_EQ_U(s.v[2].ack_check, TCPEDU_ACKCHK_OK);
    CHECK_EQ_U(s.v[2].rel_seq, 1);
    CHECK_EQ_U(s.v[2].rel_ack, 1);
    CHECK(s.c.hs_complete);
    CHECK_EQ_U(s.c.hs_frame[0], 1);
    CHECK_EQ_U(s.c.hs_frame[1], 2);
    CHECK_EQ_U(s.c.hs_frame[2], 3);
    CHECK_STR(tcpedu_outcome_name(tcpedu_conn_outcome(&s.c)), "open");
    CHECK_EQ_U(s.c.anomalies, 0);
}

TEST(data_transfer)
{
    sim s;
    sim_init(&s);
    established_with_data(&s);
    CHECK_V(&s.v[3], "data", 0, "data", "ESTABLISHED", "ESTABLISHED", "ESTABLISHED", "ESTABLISHED");
    CHECK_STR(tcpedu_rule_name(s.v[3].rule), "data");
    CHECK_V(&s.v[4], "data", 0, "data", "ESTABLISHED", "ESTABLISHED", "ESTABLISHED", "ESTABLISHED");
    CHECK_EQ_U(s.v[4].answers, 4);
    CHECK_EQ_U(s.v[4].rel_seq, 1);
    CHECK_EQ_U(s.v[4].rel_ack, 101);
    /* a duplicate of the request is a retransmission, not a phase change */
    seg(&s, 0, "PA", CISN + 1, SISN + 201, 100);
    CHECK_V(&s.v[5], "data", 0, "data", "ESTABLISHED", "ESTABLISHED", "ESTABLISHED", "ESTABLISHED");
    CHECK(s.v[5].retransmission);
    CHECK_STR(tcpedu_rule_name(s.v[5].rule), "data-retransmitted");
}

TEST(teardown_four_segment_client_first)
{
    sim s;
    sim_init(&s);
    established_with_data(&s);
    seg(&s, 0, "FA", 1101, 5201, 0);
    seg(&s, 1, "A", 5201, 1102, 0);
    seg(&s, 1, "FA", 5201, 1102, 0);
    seg(&s, 0, "A", 1102, 5202, 0);
    CHECK_V(&s.v[5], "teardown", 1, "fin", "ESTABLISHED", "FIN-WAIT-1", "ESTABLISHED", "CLOSE-WAIT");
    CHECK_STR(tcpedu_rule_name(s.v[5].rule), "fin-active-close");
    CHECK_EQ_U(s.v[5].answered_by, 7);
    CHECK_V(&s.v[6], "teardown", 2, "ack", "CLOSE-WAIT", "CLOSE-WAIT", "FIN-WAIT-1", "FIN-WAIT-2");
    CHECK_STR(tcpedu_rule_name(s.v[6].rule), "ack-of-first-fin");
    CHECK_EQ_U(s.v[6].answers, 6);
    CHECK_EQ_U(sim_ack_expected(&s, 6), 1102);
    CHECK_EQ_U(s.v[6].ack_check, TCPEDU_ACKCHK_OK);
    CHECK_V(&s.v[7], "teardown", 3, "fin", "CLOSE-WAIT", "LAST-ACK", "FIN-WAIT-2", "TIME-WAIT");
    CHECK_STR(tcpedu_rule_name(s.v[7].rule), "fin-passive-close");
    CHECK_V(&s.v[8], "teardown", 4, "ack", "TIME-WAIT", "TIME-WAIT", "LAST-ACK", "CLOSED");
    CHECK_STR(tcpedu_rule_name(s.v[8].rule), "final-ack");
    CHECK_EQ_U(s.v[8].answers, 8);
    CHECK_EQ_U(sim_ack_expected(&s, 8), 5202);
    CHECK_STR(tcpedu_td_style_name(tcpedu_conn_td_style(&s.c)), "four-segment");
    CHECK_STR(tcpedu_outcome_name(tcpedu_conn_outcome(&s.c)), "closed");
    CHECK_EQ_U(s.c.first_closer, 0);
    CHECK_EQ_U(tcpedu_conn_td_total(&s.c), 4);
    CHECK_EQ_U(s.c.td_frame[0], 6);
    CHECK_EQ_U(s.c.td_frame[3], 9);
}

TEST(teardown_three_segment)
{
    sim s;
    sim_init(&s);
    established_with_data(&s);
    seg(&s, 0, "FA", 1101, 5201, 0);
    seg(&s, 1, "FA", 5201, 1102, 0);
    seg(&s, 0, "A", 1102, 5202, 0);
    CHECK_V(&s.v[5], "teardown", 1, "fin", "ESTABLISHED", "FIN-WAIT-1", "ESTABLISHED", "CLOSE-WAIT");
    CHECK_V(&s.v[6], "teardown", 2, "fin", "CLOSE-WAIT", "LAST-ACK", "FIN-WAIT-1", "TIME-WAIT");
    CHECK_STR(tcpedu_rule_name(s.v[6].rule), "fin-ack-combined");
    CHECK_EQ_U(sim_ack_expected(&s, 6), 1102);
    CHECK_EQ_U(s.v[6].ack_check, TCPEDU_ACKCHK_OK);
    CHECK_EQ_U(s.v[6].answers, 6);
    CHECK_V(&s.v[7], "teardown", 3, "ack", "TIME-WAIT", "TIME-WAIT", "LAST-ACK", "CLOSED");
    CHECK_STR(tcpedu_rule_name(s.v[7].rule), "final-ack");
    CHECK_STR(tcpedu_td_style_name(tcpedu_conn_td_style(&s.c)), "three-segment");
    CHECK_EQ_U(tcpedu_conn_td_total(&s.c), 3);
    CHECK_STR(tcpedu_outcome_name(tcpedu_conn_outcome(&s.c)), "closed");
}

TEST(teardown_server_closes_first)
{
    sim s;
    sim_init(&s);
    established_with_data(&s);
    seg(&s, 1, "FA", 5201, 1101, 0);
    seg(&s, 0, "A", 1101, 5202, 0);
    seg(&s, 0, "FA", 1101, 5202, 0);
    seg(&s, 1, "A", 5202, 1102, 0);
    CHECK_V(&s.v[5], "teardown", 1, "fin", "ESTABLISHED", "FIN-WAIT-1", "ESTABLISHED", "CLOSE-WAIT");
    CHECK_STR(tcpedu_dir_name(s.v[5].dir), "server-to-client");
    CHECK_V(&s.v[6], "teardown", 2, "ack", "CLOSE-WAIT", "CLOSE-WAIT", "FIN-WAIT-1", "FIN-WAIT-2");
    CHECK_V(&s.v[7], "teardown", 3, "fin", "CLOSE-WAIT", "LAST-ACK", "FIN-WAIT-2", "TIME-WAIT");
    CHECK_V(&s.v[8], "teardown", 4, "ack", "TIME-WAIT", "TIME-WAIT", "LAST-ACK", "CLOSED");
    CHECK_EQ_U(s.c.first_closer, 1);
    CHECK_STR(tcpedu_td_style_name(tcpedu_conn_td_style(&s.c)), "four-segment");
}

TEST(teardown_simultaneous)
{
    sim s;
    sim_init(&s);
    established_with_data(&s);
    seg(&s, 0, "FA", 1101, 5201, 0);
    seg(&s, 1, "FA", 5201, 1101, 0); /* does not acknowledge the client's FIN */
    seg(&s, 0, "A", 1102, 5202, 0);
    seg(&s, 1, "A", 5202, 1102, 0);
    /* revised: the server had sent its own FIN when this one arrived */
    CHECK_V(&s.v[5], "teardown", 1, "fin", "ESTABLISHED", "FIN-WAIT-1", "FIN-WAIT-1", "CLOSING");
    CHECK(has_anomaly(&s.v[5], TCPEDU_A_SIMULTANEOUS_CLOSE));
    CHECK_V(&s.v[6], "teardown", 2, "fin", "ESTABLISHED", "FIN-WAIT-1", "FIN-WAIT-1", "CLOSING");
    CHECK_STR(tcpedu_rule_name(s.v[6].rule), "fin-simultaneous");
    CHECK(has_anomaly(&s.v[6], TCPEDU_A_SIMULTANEOUS_CLOSE));
    CHECK_V(&s.v[7], "teardown", 3, "ack", "CLOSING", "CLOSING", "CLOSING", "TIME-WAIT");
    CHECK_STR(tcpedu_rule_name(s.v[7].rule), "ack-of-crossing-fin");
    CHECK_STR(tcpedu_rule_name(s.v[8].rule), "ack-of-crossing-fin");
    CHECK_V(&s.v[8], "teardown", 4, "ack", "TIME-WAIT", "TIME-WAIT", "CLOSING", "TIME-WAIT");
    CHECK_STR(tcpedu_td_style_name(tcpedu_conn_td_style(&s.c)), "simultaneous");
    CHECK_STR(tcpedu_outcome_name(tcpedu_conn_outcome(&s.c)), "closed");
}

TEST(teardown_half_close_with_data)
{
    sim s;
    sim_init(&s);
    established_with_data(&s);
    seg(&s, 0, "FA", 1101, 5201, 0);     /* 6: client shutdown(SHUT_WR) */
    seg(&s, 1, "A", 5201, 1102, 0);      /* 7 */
    seg(&s, 1, "PA", 5201, 1102, 50);    /* 8: server still sends */
    seg(&s, 0, "A", 1102, 5251, 0);      /* 9 */
    seg(&s, 1, "FA", 5251, 1102, 0);     /* 10 */
    seg(&s, 0, "A", 1102, 5252, 0);      /* 11 */
    CHECK_V(&s.v[7], "teardown", 0, "data", "CLOSE-WAIT", "CLOSE-WAIT", "FIN-WAIT-2", "FIN-WAIT-2");
    CHECK_STR(tcpedu_rule_name(s.v[7].rule), "half-close-data");
    CHECK(has_anomaly(&s.v[7], TCPEDU_A_HALF_CLOSE_DATA));
    CHECK_V(&s.v[8], "teardown", 0, "ack", "FIN-WAIT-2", "FIN-WAIT-2", "CLOSE-WAIT", "CLOSE-WAIT");
    CHECK_V(&s.v[9], "teardown", 3, "fin", "CLOSE-WAIT", "LAST-ACK", "FIN-WAIT-2", "TIME-WAIT");
    CHECK_V(&s.v[10], "teardown", 4, "ack", "TIME-WAIT", "TIME-WAIT", "LAST-ACK", "CLOSED");
    CHECK(s.c.halfclose_data);
    CHECK_STR(tcpedu_td_style_name(tcpedu_conn_td_style(&s.c)), "four-segment");
}

TEST(teardown_fin_retransmitted)
{
    sim s;
    sim_init(&s);
    established_with_data(&s);
    seg(&s, 0, "FA", 1101, 5201, 0);
    seg(&s, 0, "FA", 1101, 5201, 0);
    seg(&s, 1, "A", 5201, 1102, 0);
    CHECK_V(&s.v[6], "teardown", 1, "fin", "FIN-WAIT-1", "FIN-WAIT-1", "CLOSE-WAIT", "CLOSE-WAIT");
    CHECK(s.v[6].retransmission);
    CHECK(has_anomaly(&s.v[6], TCPEDU_A_FIN_RETRANSMITTED));
    CHECK_STR(tcpedu_rule_name(s.v[6].rule), "fin-retransmitted");
    CHECK_V(&s.v[7], "teardown", 2, "ack", "CLOSE-WAIT", "CLOSE-WAIT", "FIN-WAIT-1", "FIN-WAIT-2");
    CHECK_EQ_U(s.v[7].answers, 7);
    CHECK_EQ_U(s.c.td_steps, 2);
}

TEST(teardown_fin_answered_by_rst)
{
    sim s;
    sim_init(&s);
    established_with_data(&s);
    seg(&s, 0, "FA", 1101, 5201, 0);
    seg(&s, 1, "R", 5201, 0, 0);
    CHECK_V(&s.v[6], "reset", 0, "rst", "CLOSE-WAIT", "CLOSED", "FIN-WAIT-1", "CLOSED");
    CHECK_STR(tcpedu_rule_name(s.v[6].rule), "rst-during-teardown");
    CHECK_EQ_U(s.v[6].rst_check, TCPEDU_RSTCHK_EXACT);
    CHECK(has_anomaly(&s.v[6], TCPEDU_A_FIN_ANSWERED_BY_RST));
    CHECK_STR(tcpedu_td_style_name(tcpedu_conn_td_style(&s.c)), "reset");
    CHECK_STR(tcpedu_outcome_name(tcpedu_conn_outcome(&s.c)), "reset");
    CHECK_EQ_U(s.c.reset_by, 1);
}

TEST(refused)
{
    sim s;
    sim_init(&s);
    seg(&s, 0, "S", CISN, 0, 0);
    seg(&s, 1, "RA", 0, CISN + 1, 0);
    /* revised: nobody listened */
    CHECK_V(&s.v[0], "handshake", 1, "syn", "CLOSED", "SYN-SENT", "CLOSED", "CLOSED");
    CHECK_EQ_U(s.v[0].inferred, 0);
    CHECK_EQ_U(s.v[0].answered_by, 2);
    CHECK_V(&s.v[1], "reset", 0, "rst", "CLOSED", "CLOSED", "SYN-SENT", "CLOSED");
    CHECK_STR(tcpedu_rule_name(s.v[1].rule), "rst-refused");
    CHECK_EQ_U(s.v[1].inferred, 0);
    CHECK_EQ_U(s.v[1].rst_check, TCPEDU_RSTCHK_SYN_SENT_OK);
    CHECK_EQ_U(s.v[1].answers, 1);
    CHECK(has_anomaly(&s.v[1], TCPEDU_A_REFUSED));
    CHECK_STR(tcpedu_outcome_name(tcpedu_conn_outcome(&s.c)), "refused");
}

TEST(refused_retry_is_new_connection)
{
    sim s;
    tcpedu_segment again;
    sim_init(&s);
    seg(&s, 0, "S", CISN, 0, 0);
    seg(&s, 1, "RA", 0, CISN + 1, 0);
    memset(&again, 0, sizeof again);
    again.side = 0;
    again.flags = TCPEDU_F_SYN;
    again.seq = CISN;
    CHECK_EQ_U(tcpedu_conn_is_new(&s.c, &again), TCPEDU_NEW_RETRY);
    again.seq = CISN + 77777;
    CHECK_EQ_U(tcpedu_conn_is_new(&s.c, &again), TCPEDU_NEW_PORT_REUSE);
}

TEST(rst_to_syn_without_ack_not_acceptable)
{
    sim s;
    sim_init(&s);
    seg(&s, 0, "S", CISN, 0, 0);
    /* 3.10.7.3: in SYN-SENT a RST without an acceptable ACK is dropped */
    seg(&s, 1, "R", 0, 0, 0);
    seg(&s, 1, "RA", 0, CISN + 5, 0);
    CHECK_STR(tcpedu_rule_name(s.v[1].rule), "rst-not-acceptable");
    CHECK_EQ_U(s.v[1].rst_check, TCPEDU_RSTCHK_SYN_SENT_BAD);
    CHECK(has_anomaly(&s.v[1], TCPEDU_A_RST_NOT_ACCEPTABLE));
    CHECK_V(&s.v[1], "handshake", 0, "rst", "SYN-RECEIVED", "SYN-RECEIVED", "SYN-SENT", "SYN-SENT");
    CHECK_EQ_U(s.v[2].rst_check, TCPEDU_RSTCHK_SYN_SENT_BAD);
    CHECK(!s.c.reset);
}

TEST(syn_unanswered)
{
    sim s;
    sim_init(&s);
    seg(&s, 0, "S", CISN, 0, 0);
    CHECK_EQ_U(s.v[0].inferred, TCPEDU_INF_RECEIVER_BEFORE | TCPEDU_INF_RECEIVER_AFTER);
    seg(&s, 0, "S", CISN, 0, 0);
    seg(&s, 0, "S", CISN, 0, 0);
    CHECK_V(&s.v[1], "handshake", 1, "syn", "SYN-SENT", "SYN-SENT", "SYN-RECEIVED", "SYN-RECEIVED");
    CHECK(s.v[1].retransmission);
    CHECK(has_anomaly(&s.v[1], TCPEDU_A_SYN_RETRANSMITTED));
    CHECK(has_anomaly(&s.v[2], TCPEDU_A_SYN_RETRANSMITTED));
    CHECK(!has_anomaly(&s.v[0], TCPEDU_A_SYN_RETRANSMITTED));
    CHECK_STR(tcpedu_outcome_name(tcpedu_conn_outcome(&s.c)), "syn-unanswered");
    CHECK_EQ_U(s.c.hs_frame[0], 3);
}

TEST(syn_retransmitted_then_answered)
{
    sim s;
    sim_init(&s);
    seg(&s, 0, "S", CISN, 0, 0);
    seg(&s, 0, "S", CISN, 0, 0);
    seg(&s, 1, "SA", SISN, CISN + 1, 0);
    seg(&s, 0, "A", CISN + 1, SISN + 1, 0);
    CHECK_EQ_U(s.v[2].answers, 2); /* the SYN-ACK answers the copy that got through */
    CHECK_EQ_U(s.c.hs_frame[0], 2);
    CHECK_V(&s.v[3], "handshake", 3, "ack", "ESTABLISHED", "ESTABLISHED", "SYN-RECEIVED", "ESTABLISHED");
}

TEST(synack_retransmitted)
{
    sim s;
    sim_init(&s);
    seg(&s, 0, "S", CISN, 0, 0);
    seg(&s, 1, "SA", SISN, CISN + 1, 0);
    seg(&s, 1, "SA", SISN, CISN + 1, 0);
    seg(&s, 0, "A", CISN + 1, SISN + 1, 0);
    CHECK_V(&s.v[2], "handshake", 2, "syn-ack", "SYN-RECEIVED", "SYN-RECEIVED", "ESTABLISHED", "ESTABLISHED");
    CHECK(s.v[2].retransmission);
    CHECK(has_anomaly(&s.v[2], TCPEDU_A_SYNACK_RETRANSMITTED));
    CHECK_EQ_U(s.v[3].answers, 3);
    CHECK_EQ_U(s.v[3].step, 3);
    CHECK(s.c.hs_complete);
}

TEST(simultaneous_open)
{
    sim s;
    sim_init(&s);
    s.port[1] = 40001;
    seg(&s, 0, "S", CISN, 0, 0);
    seg(&s, 1, "S", SISN, 0, 0);
    seg(&s, 0, "SA", CISN, SISN + 1, 0);
    seg(&s, 1, "SA", SISN, CISN + 1, 0);
    CHECK_V(&s.v[0], "handshake", 1, "syn", "CLOSED", "SYN-SENT", "SYN-SENT", "SYN-RECEIVED");
    CHECK_V(&s.v[1], "handshake", 2, "syn", "CLOSED", "SYN-SENT", "SYN-SENT", "SYN-RECEIVED");
    CHECK(has_anomaly(&s.v[1], TCPEDU_A_SIMULTANEOUS_OPEN));
    CHECK_EQ_U(s.v[1].inferred, 0);
    CHECK_STR(tcpedu_rule_name(s.v[1].rule), "simultaneous-open-syn");
    CHECK_V(&s.v[2], "handshake", 3, "syn-ack", "SYN-RECEIVED", "SYN-RECEIVED", "SYN-RECEIVED", "ESTABLISHED");
    CHECK_V(&s.v[3], "handshake", 4, "syn-ack", "SYN-RECEIVED", "SYN-RECEIVED", "SYN-RECEIVED", "ESTABLISHED");
    CHECK_EQ_U(s.v[3].answers, 3);
    CHECK(s.c.hs_complete);
    CHECK_EQ_U(tcpedu_conn_hs_total(&s.c), 4);
    CHECK_EQ_U(s.c.ep[1].state, TCPEDU_ST_ESTABLISHED);
    seg(&s, 0, "PA", CISN + 1, SISN + 1, 10);
    CHECK_V(&s.v[4], "data", 0, "data", "ESTABLISHED", "ESTABLISHED", "ESTABLISHED", "ESTABLISHED");
}

TEST(fastopen_accepted)
{
    sim s;
    tcpedu_options o;
    sim_init(&s);
    memset(&o, 0, sizeof o);
    o.present = TCPEDU_OPT_TFO;
    o.tfo_cookie_len = 8;
    seg_opt(&s, 0, "S", CISN, 0, 20, &o);
    seg(&s, 1, "SA", SISN, CISN + 21, 0);
    seg(&s, 0, "A", CISN + 21, SISN + 1, 0);
    CHECK_STR(tcpedu_rule_name(s.v[0].rule), "syn-fastopen");
    CHECK(has_anomaly(&s.v[0], TCPEDU_A_SYN_WITH_DATA));
    CHECK_EQ_U(sim_ack_expected(&s, 1), CISN + 21);
    CHECK_EQ_U(s.v[1].ack_check, TCPEDU_ACKCHK_OK);
    CHECK(s.c.tfo_accepted);
    CHECK_EQ_U(s.v[1].answers, 1);
    CHECK_EQ_U(s.v[2].step, 3);
    CHECK_EQ_U(s.v[2].rel_seq, 21);
}

TEST(fastopen_data_ignored)
{
    sim s;
    tcpedu_options o;
    sim_init(&s);
    memset(&o, 0, sizeof o);
    o.present = TCPEDU_OPT_TFO;
    o.tfo_cookie_len = 8;
    seg_opt(&s, 0, "S", CISN, 0, 20, &o);
    seg(&s, 1, "SA", SISN, CISN + 1, 0);
    seg(&s, 0, "A", CISN + 1, SISN + 1, 0);
    seg(&s, 0, "PA", CISN + 1, SISN + 1, 20);
    CHECK_EQ_U(sim_ack_expected(&s, 1), CISN + 1);
    CHECK_EQ_U(s.v[1].ack_check, TCPEDU_ACKCHK_OK);
    CHECK(has_anomaly(&s.v[1], TCPEDU_A_TFO_DATA_NOT_ACKED));
    CHECK_EQ_U(s.v[1].answers, 1);
    CHECK_EQ_U(s.v[0].answered_by, 2);
    CHECK(!s.c.tfo_accepted);
    CHECK_EQ_U(s.v[2].step, 3);
    CHECK(s.v[3].retransmission); /* the SYN's data sent again */
}

TEST(handshake_ack_carries_data)
{
    sim s;
    sim_init(&s);
    seg(&s, 0, "S", CISN, 0, 0);
    seg(&s, 1, "SA", SISN, CISN + 1, 0);
    seg(&s, 0, "PA", CISN + 1, SISN + 1, 30);
    CHECK_V(&s.v[2], "handshake", 3, "data", "ESTABLISHED", "ESTABLISHED", "SYN-RECEIVED", "ESTABLISHED");
    CHECK_STR(tcpedu_rule_name(s.v[2].rule), "handshake-ack-with-data");
    seg(&s, 1, "PA", SISN + 1, CISN + 31, 10);
    CHECK_EQ_U(s.v[3].answers, 3);
    CHECK(!s.v[3].retransmission);
}

TEST(synack_with_wrong_ack_answered_by_rst)
{
    sim s;
    sim_init(&s);
    seg(&s, 0, "S", CISN, 0, 0);
    seg(&s, 1, "SA", SISN, CISN + 2, 0);
    seg(&s, 0, "R", CISN + 2, 0, 0);
    seg(&s, 0, "S", CISN, 0, 0);
    seg(&s, 1, "SA", SISN + 1000, CISN + 1, 0);
    seg(&s, 0, "A", CISN + 1, SISN + 1001, 0);
    CHECK_EQ_U(s.v[1].ack_check, TCPEDU_ACKCHK_BAD);
    CHECK_EQ_U(sim_ack_expected(&s, 1), CISN + 1);
    /* only the failed check keeps its expected number apart (tcpedu_rare) */
    CHECK(s.v[1].rare);
    CHECK_EQ_U(s.rare[1].ack_expected, CISN + 1);
    CHECK(!s.v[4].rare);
    CHECK_EQ_U(sim_ack_expected(&s, 4), CISN + 1);
    CHECK(has_anomaly(&s.v[1], TCPEDU_A_SYNACK_BAD_ACK));
    CHECK_EQ_U(s.v[1].answers, 0);
    CHECK_STR(tcpedu_rule_name(s.v[2].rule), "rst-answers-bad-syn-ack");
    CHECK_V(&s.v[2], "handshake", 0, "rst", "SYN-SENT", "SYN-SENT", "SYN-RECEIVED", "LISTEN");
    CHECK(s.v[3].retransmission);
    CHECK_V(&s.v[3], "handshake", 1, "syn", "SYN-SENT", "SYN-SENT", "LISTEN", "SYN-RECEIVED");
    CHECK_V(&s.v[4], "handshake", 2, "syn-ack", "SYN-RECEIVED", "SYN-RECEIVED", "SYN-SENT", "ESTABLISHED");
    CHECK_EQ_U(s.v[4].ack_check, TCPEDU_ACKCHK_OK);
    CHECK_V(&s.v[5], "handshake", 3, "ack", "ESTABLISHED", "ESTABLISHED", "SYN-RECEIVED", "ESTABLISHED");
    CHECK(s.c.hs_complete);
}

TEST(rst_abort_established)
{
    sim s;
    sim_init(&s);
    established_with_data(&s);
    seg(&s, 0, "RA", 1101, 5201, 0);
    CHECK_V(&s.v[5], "reset", 0, "rst", "ESTABLISHED", "CLOSED", "ESTABLISHED", "CLOSED");
    CHECK_STR(tcpedu_rule_name(s.v[5].rule), "rst-abort");
    CHECK(has_anomaly(&s.v[5], TCPEDU_A_RST_ABORT));
    CHECK_EQ_U(s.v[5].rst_check, TCPEDU_RSTCHK_EXACT);
    CHECK_STR(tcpedu_td_style_name(tcpedu_conn_td_style(&s.c)), "reset");
    CHECK_STR(tcpedu_outcome_name(tcpedu_conn_outcome(&s.c)), "reset");
    seg(&s, 1, "PA", 5201, 1101, 10);
    CHECK_STR(tcpedu_rule_name(s.v[6].rule), "after-reset");
    CHECK(has_anomaly(&s.v[6], TCPEDU_A_SEGMENT_AFTER_RESET));
    CHECK_STR(tcpedu_phase_name(s.v[6].phase), "reset");
}

TEST(rst_out_of_window_not_believed)
{
    sim s;
    sim_init(&s);
    established_with_data(&s);
    seg(&s, 1, "R", 5201 + 10000000, 0, 0);
    CHECK_V(&s.v[5], "data", 0, "rst", "ESTABLISHED", "ESTABLISHED", "ESTABLISHED", "ESTABLISHED");
    CHECK_EQ_U(s.v[5].rst_check, TCPEDU_RSTCHK_OUT_OF_WINDOW);
    CHECK(has_anomaly(&s.v[5], TCPEDU_A_RST_NOT_ACCEPTABLE));
    CHECK(!s.c.reset);
    seg(&s, 0, "FA", 1101, 5201, 0);
    CHECK_V(&s.v[6], "teardown", 1, "fin", "ESTABLISHED", "FIN-WAIT-1", "ESTABLISHED", "CLOSE-WAIT");
}

TEST(rst_in_window_not_exact_gets_challenge)
{
    sim s;
    sim_init(&s);
    established_with_data(&s);
    seg(&s, 1, "R", 5201 + 100, 0, 0);
    CHECK_EQ_U(s.v[5].rst_check, TCPEDU_RSTCHK_IN_WINDOW);
    CHECK_STR(tcpedu_rule_name(s.v[5].rule), "rst-not-acceptable");
    CHECK(!s.c.reset);
    seg(&s, 1, "R", 5201, 0, 0);
    CHECK_EQ_U(s.v[6].rst_check, TCPEDU_RSTCHK_EXACT);
    CHECK(s.c.reset);
    CHECK_EQ_U(s.c.reset_frame, 7);
}

TEST(rst_during_handshake_returns_server_to_listen)
{
    sim s;
    sim_init(&s);
    seg(&s, 0, "S", CISN, 0, 0);
    seg(&s, 1, "SA", SISN, CISN + 1, 0);
    seg(&s, 0, "R", CISN + 1, 0, 0);
    CHECK_V(&s.v[2], "reset", 0, "rst", "ESTABLISHED", "CLOSED", "SYN-RECEIVED", "LISTEN");
    CHECK_STR(tcpedu_rule_name(s.v[2].rule), "rst-during-handshake");
    CHECK_STR(tcpedu_outcome_name(tcpedu_conn_outcome(&s.c)), "reset-in-handshake");
}

TEST(rst_after_close)
{
    sim s;
    sim_init(&s);
    established_with_data(&s);
    seg(&s, 0, "FA", 1101, 5201, 0);
    seg(&s, 1, "A", 5201, 1102, 0);
    seg(&s, 1, "FA", 5201, 1102, 0);
    seg(&s, 0, "A", 1102, 5202, 0);
    seg(&s, 0, "PA", 1102, 5202, 10);  /* late data to a closed server */
    seg(&s, 1, "R", 5202, 0, 0);
    CHECK(has_anomaly(&s.v[9], TCPEDU_A_SEGMENT_AFTER_CLOSE));
    CHECK(has_anomaly(&s.v[9], TCPEDU_A_DATA_AFTER_FIN));
    CHECK_STR(tcpedu_rule_name(s.v[9].rule), "after-close");
    CHECK_STR(tcpedu_rule_name(s.v[10].rule), "rst-after-close");
    CHECK_STR(tcpedu_phase_name(s.v[10].phase), "teardown");
    CHECK_STR(tcpedu_outcome_name(tcpedu_conn_outcome(&s.c)), "closed");
}

TEST(keepalive_and_zero_window_probe)
{
    sim s;
    sim_init(&s);
    established_with_data(&s);
    seg(&s, 0, "A", 1100, 5201, 0);      /* seq = next - 1 */
    seg(&s, 1, "A", 5201, 1101, 0);
    CHECK_V(&s.v[5], "data", 0, "keep-alive", "ESTABLISHED", "ESTABLISHED", "ESTABLISHED", "ESTABLISHED");
    CHECK(!s.v[5].retransmission);
    CHECK_STR(tcpedu_kind_name(s.v[6].kind), "ack");
    s.win[1] = 0;
    seg(&s, 1, "A", 5201, 1101, 0);      /* server window now 0 */
    seg(&s, 0, "A", 1100, 5201, 0);
    CHECK_STR(tcpedu_kind_name(s.v[8].kind), "zero-window-probe");
    seg(&s, 0, "A", 1101, 5201, 1);
    CHECK_STR(tcpedu_kind_name(s.v[9].kind), "zero-window-probe");
    CHECK_STR(tcpedu_phase_name(s.v[9].phase), "data");
}

TEST(midstream_start)
{
    sim s;
    sim_init(&s);
    seg(&s, 0, "PA", 7000, 9000, 100);
    seg(&s, 1, "PA", 9000, 7100, 50);
    seg(&s, 1, "FA", 9050, 7100, 0);
    seg(&s, 0, "A", 7100, 9051, 0);
    seg(&s, 0, "FA", 7100, 9051, 0);
    seg(&s, 1, "A", 9051, 7101, 0);
    CHECK_V(&s.v[0], "data", 0, "data", "ESTABLISHED", "ESTABLISHED", "ESTABLISHED", "ESTABLISHED");
    CHECK_STR(tcpedu_rule_name(s.v[0].rule), "first-seen-mid-connection");
    CHECK(has_anomaly(&s.v[0], TCPEDU_A_HANDSHAKE_NOT_CAPTURED));
    CHECK_EQ_U(s.v[0].inferred, 0x1f);
    CHECK_STR(tcpedu_roles_name(s.c.roles), "guessed-from-ports");
    CHECK_STR(tcpedu_dir_name(s.v[0].dir), "client-to-server");
    CHECK_EQ_U(s.v[0].rel_seq, 0);
    CHECK_EQ_U(s.v[1].rel_ack, 100);
    CHECK_V(&s.v[2], "teardown", 1, "fin", "ESTABLISHED", "FIN-WAIT-1", "ESTABLISHED", "CLOSE-WAIT");
    CHECK_STR(tcpedu_dir_name(s.v[2].dir), "server-to-client");
    CHECK_V(&s.v[5], "teardown", 4, "ack", "TIME-WAIT", "TIME-WAIT", "LAST-ACK", "CLOSED");
    CHECK(s.v[5].inferred & TCPEDU_INF_ROLES);
    CHECK_STR(tcpedu_outcome_name(tcpedu_conn_outcome(&s.c)), "closed");
}

TEST(midstream_roles_from_lower_port)
{
    sim s;
    sim_init(&s);
    /* the first segment seen comes from the server (port 80) */
    seg(&s, 1, "PA", 9000, 7000, 50);
    CHECK_STR(tcpedu_dir_name(s.v[0].dir), "server-to-client");
    CHECK_EQ_U(s.c.client, 0);
}

TEST(synack_first_syn_not_captured)
{
    sim s;
    sim_init(&s);
    seg(&s, 1, "SA", SISN, CISN + 1, 0);
    seg(&s, 0, "A", CISN + 1, SISN + 1, 0);
    CHECK_V(&s.v[0], "handshake", 2, "syn-ack", "SYN-RECEIVED", "SYN-RECEIVED", "SYN-SENT", "ESTABLISHED");
    CHECK_STR(tcpedu_rule_name(s.v[0].rule), "syn-ack-syn-not-captured");
    CHECK(has_anomaly(&s.v[0], TCPEDU_A_SYN_NOT_CAPTURED));
    CHECK_EQ_U(s.v[0].inferred & TCPEDU_INF_SENDER_BEFORE, TCPEDU_INF_SENDER_BEFORE);
    CHECK_STR(tcpedu_roles_name(s.c.roles), "from-syn-ack");
    CHECK_V(&s.v[1], "handshake", 3, "ack", "ESTABLISHED", "ESTABLISHED", "SYN-RECEIVED", "ESTABLISHED");
    CHECK_EQ_U(s.v[1].rel_seq, 1);
    CHECK(s.c.hs_complete);
}

TEST(syn_after_synack_reordered)
{
    sim s;
    sim_init(&s);
    seg(&s, 1, "SA", SISN, CISN + 1, 0);
    seg(&s, 0, "S", CISN, 0, 0);
    seg(&s, 0, "A", CISN + 1, SISN + 1, 0);
    CHECK_STR(tcpedu_rule_name(s.v[1].rule), "syn-after-syn-ack");
    CHECK(has_anomaly(&s.v[1], TCPEDU_A_SYN_AFTER_SYNACK));
    CHECK_EQ_U(s.v[1].step, 1);
    CHECK_EQ_U(s.v[2].step, 3);
    CHECK(s.c.hs_complete);
}

TEST(port_reuse_after_close)
{
    sim s;
    tcpedu_segment syn;
    sim_init(&s);
    established_with_data(&s);
    seg(&s, 0, "FA", 1101, 5201, 0);
    seg(&s, 1, "FA", 5201, 1102, 0);
    seg(&s, 0, "A", 1102, 5202, 0);
    memset(&syn, 0, sizeof syn);
    syn.side = 0;
    syn.flags = TCPEDU_F_SYN;
    syn.seq = 900000;
    CHECK_EQ_U(tcpedu_conn_is_new(&s.c, &syn), TCPEDU_NEW_PORT_REUSE);
    syn.flags = TCPEDU_F_SYN | TCPEDU_F_ACK;
    CHECK_EQ_U(tcpedu_conn_is_new(&s.c, &syn), TCPEDU_NEW_NO);

    /* the caller starts a fresh record */
    sim_init(&s);
    tcpedu_conn_init(&s.c, TCPEDU_NEW_PORT_REUSE, &s.store);
    seg(&s, 0, "S", 900000, 0, 0);
    CHECK(has_anomaly(&s.v[0], TCPEDU_A_PORT_REUSE));
    CHECK_EQ_U(s.v[0].step, 1);
}

TEST(syn_retransmission_is_not_new)
{
    sim s;
    tcpedu_segment syn;
    sim_init(&s);
    seg(&s, 0, "S", CISN, 0, 0);
    memset(&syn, 0, sizeof syn);
    syn.side = 0;
    syn.flags = TCPEDU_F_SYN;
    syn.seq = CISN;
    CHECK_EQ_U(tcpedu_conn_is_new(&s.c, &syn), TCPEDU_NEW_NO);
    syn.seq = CISN + 5;  /* a new attempt from the same port */
    CHECK_EQ_U(tcpedu_conn_is_new(&s.c, &syn), TCPEDU_NEW_PORT_REUSE);
}

TEST(odd_flags)
{
    sim s;
    sim_init(&s);
    established_with_data(&s);
    seg(&s, 0, "SF", 1101, 0, 0);
    seg(&s, 0, "-", 1101, 0, 0);
    seg(&s, 0, "FPU", 1101, 0, 0);
    CHECK(has_anomaly(&s.v[5], TCPEDU_A_FLAGS_SYN_FIN));
    CHECK(has_anomaly(&s.v[5], TCPEDU_A_SYN_IN_SYNCHRONIZED));
    CHECK_STR(tcpedu_kind_name(s.v[5].kind), "invalid-flags");
    CHECK(has_anomaly(&s.v[6], TCPEDU_A_FLAGS_NONE));
    CHECK_STR(tcpedu_kind_name(s.v[6].kind), "invalid-flags");
    CHECK(has_anomaly(&s.v[7], TCPEDU_A_ACK_FLAG_MISSING));
    CHECK_STR(tcpedu_rule_name(s.v[7].rule), "not-accepted");
    /* none of them changed a state */
    CHECK_EQ_U(s.c.ep[0].state, TCPEDU_ST_ESTABLISHED);
    CHECK_EQ_U(s.c.ep[1].state, TCPEDU_ST_ESTABLISHED);
    CHECK(!s.c.reset);
    /* an exact SYN+RST would pass RFC 9293's RST check, but no TCP sends
     * it: not believed */
    seg(&s, 0, "SR", 1101, 0, 0);
    CHECK(has_anomaly(&s.v[8], TCPEDU_A_FLAGS_SYN_RST));
    CHECK_STR(tcpedu_kind_name(s.v[8].kind), "invalid-flags");
    CHECK_STR(tcpedu_rule_name(s.v[8].rule), "not-accepted");
    CHECK(!s.c.reset);
}

TEST(data_after_own_fin)
{
    sim s;
    sim_init(&s);
    established_with_data(&s);
    seg(&s, 0, "FA", 1101, 5201, 0);
    seg(&s, 0, "PA", 1102, 5201, 10);
    CHECK(has_anomaly(&s.v[6], TCPEDU_A_DATA_AFTER_FIN));
}

TEST(names_are_total)
{
    unsigned i;
    for (i = 0; i < TCPEDU_ST_COUNT; i++)
        CHECK(strcmp(tcpedu_state_name(i), "?") != 0);
    for (i = 0; i < TCPEDU_X_COUNT; i++)
        CHECK(strcmp(tcpedu_rule_name(i), "?") != 0);
    for (i = 0; i < TCPEDU_A_COUNT; i++)
        CHECK(strcmp(tcpedu_anomaly_name(i), "?") != 0);
    CHECK(TCPEDU_A_COUNT <= 64);
    CHECK_STR(tcpedu_state_name(TCPEDU_ST_COUNT), "?");
    CHECK_STR(tcpedu_state_name(TCPEDU_ST_TIME_WAIT), "TIME-WAIT");
}

TEST(outcome_reset_after_both_fins_not_acknowledged)
{
    sim s;
    sim_init(&s);
    established_with_data(&s);
    seg(&s, 0, "FA", 1101, 5201, 0);
    seg(&s, 1, "FA", 5201, 1101, 0);     /* crossing FINs, never acknowledged */
    CHECK_STR(tcpedu_outcome_name(tcpedu_conn_outcome(&s.c)), "closing");
    seg(&s, 1, "R", 5202, 0, 0);
    CHECK_STR(tcpedu_outcome_name(tcpedu_conn_outcome(&s.c)), "reset");
}

TEST(outcome_fin_before_handshake_is_not_half_closed)
{
    sim s;
    sim_init(&s);
    seg(&s, 0, "S", CISN, 0, 20);
    seg(&s, 0, "FA", CISN + 21, 0, 0);
    CHECK(has_anomaly(&s.v[1], TCPEDU_A_FIN_BEFORE_ESTABLISHED));
    CHECK_STR(tcpedu_outcome_name(tcpedu_conn_outcome(&s.c)), "syn-unanswered");
}
