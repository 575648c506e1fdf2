/*
 * test_states.c - the states RFC 9293 draws, line by line: figures 6
 * (handshake), 7 (simultaneous open), 12 (close) and 13 (simultaneous
 * close), and the cases the figures leave out.  Each row is
 *   frame: sender before > after | receiver before > after
 * as section 3.10 processes the segment: the sender changes as it sends,
 * the receiver as it processes.  Every scenario also checks the state chain
 * (invariants.h), with all revisions in and as a single pass showed it.
 * Side 0 is the client (port 40000), side 1 the server (port 80).
 */
#include "harness.h"
#include "invariants.h"


#define INF_RECEIVER (TCPEDU_INF_RECEIVER_BEFORE | TCPEDU_INF_RECEIVER_AFTER)
#define INF_SENDER (TCPEDU_INF_SENDER_BEFORE | TCPEDU_INF_SENDER_AFTER)

/* Sender and receiver states of one verdict, and when each entered its
 * "after" state (0 = before the capture). */
#define CHECK_ST(v, sb, sa, ssince, rb, ra, rsince) do { \
        const tcpedu_verdict *w_ = (v); \
        CHECK_STR(tcpedu_state_name(w_->sender_before), sb); \
        CHECK_STR(tcpedu_state_name(w_->sender_after), sa); \
        CHECK_EQ_U(w_->sender_since, ssince); \
        CHECK_STR(tcpedu_state_name(w_->receiver_before), rb); \
        CHECK_STR(tcpedu_state_name(w_->receiver_after), ra); \
        CHECK_EQ_U(w_->receiver_since, rsince); \
    } while (0)

static void check_chain(const sim *s)
{
    const tcpedu_verdict *p[128], *q[128];
    tcpedu_rare pr[128];
    char why[200] = "";
    unsigned i;
    for (i = 0; i < s->n; i++) {
        p[i] = &s->v[i];
        pr[i] = tcpedu_rare_of(&s->v[i], &s->rare[i]);
        q[i] = &s->snap[i];
    }
    if (tcpedu_chain_check(p, pr, s->n, true, why, sizeof why) != 0) {
        fprintf(stderr, "chain (-2): %s\n", why);
        tcpedu_failures++;
    }
    if (tcpedu_chain_check(q, s->snap_rare, s->n, false, why, sizeof why) != 0) {
        fprintf(stderr, "chain (single pass): %s\n", why);
        tcpedu_failures++;
    }
}


/* Handshake, 100 bytes each way: frames 1-5. */
static void established(sim *s)
{
    sim_handshake(s);
    seg(s, 0, "PA", CISN + 1, SISN + 1, 100);
    seg(s, 1, "PA", SISN + 1, CISN + 101, 100);
}

/* Figure 6, basic three-way handshake. */
TEST(rfc_figure6_handshake)
{
    sim s;
    sim_init(&s);
    established(&s);
    /* line 2: the SYN takes the listener LISTEN -> SYN-RECEIVED (3.10.7.2) */
    CHECK_ST(&s.v[0], "CLOSED", "SYN-SENT", 1, "LISTEN", "SYN-RECEIVED", 1);
    CHECK_EQ_U(s.snap[0].inferred & INF_RECEIVER, INF_RECEIVER); /* single pass: a guess */
    CHECK_EQ_U(s.v[0].inferred, 0);                                /* the SYN-ACK confirmed it */
    CHECK_EQ_U(sim_revises(&s, 0), 0);
    /* line 3: sent from SYN-RECEIVED; the client SYN-SENT -> ESTABLISHED on receipt */
    CHECK_ST(&s.v[1], "SYN-RECEIVED", "SYN-RECEIVED", 1, "SYN-SENT", "ESTABLISHED", 2);
    CHECK_EQ_U(s.v[1].inferred, 0);
    /* line 4: sent from ESTABLISHED; the server SYN-RECEIVED -> ESTABLISHED */
    CHECK_ST(&s.v[2], "ESTABLISHED", "ESTABLISHED", 2, "SYN-RECEIVED", "ESTABLISHED", 3);
    CHECK_STR(tcpedu_rule_name(s.v[2].rule), "handshake-ack");
    /* line 5: data */
    CHECK_ST(&s.v[3], "ESTABLISHED", "ESTABLISHED", 2, "ESTABLISHED", "ESTABLISHED", 3);
    CHECK_EQ_U(tcpedu_conn_hs_total(&s.c), 3);
    check_chain(&s);
}

/* Figure 7, simultaneous open: the SYNs cross, then the SYN-ACKs. */
TEST(rfc_figure7_simultaneous_open)
{
    sim s;
    sim_init(&s);
    seg(&s, 0, "S", CISN, 0, 0);            /* line 2: A sends */
    seg(&s, 1, "S", SISN, 0, 0);            /* line 3: B sent before A's arrived */
    seg(&s, 0, "SA", CISN, SISN + 1, 0);    /* line 5 */
    seg(&s, 1, "SA", SISN, CISN + 1, 0);    /* line 6 */
    /* line 4: B processes A's SYN in SYN-SENT, after sending its own (frame 2) */
    CHECK_ST(&s.v[0], "CLOSED", "SYN-SENT", 1, "SYN-SENT", "SYN-RECEIVED", 1);
    CHECK_EQ_U(sim_crossed(&s, 0), 2);
    CHECK_EQ_U(s.v[0].inferred, 0);
    CHECK_EQ_U(s.snap_rare[0].crossed, 0); /* a single pass cannot know yet */
    CHECK_STR(tcpedu_state_name(s.snap[0].receiver_before), "LISTEN");
    /* line 3: B sends from CLOSED; A processes it in SYN-SENT */
    CHECK_ST(&s.v[1], "CLOSED", "SYN-SENT", 2, "SYN-SENT", "SYN-RECEIVED", 2);
    CHECK_EQ_U(sim_revises(&s, 1), 1);
    CHECK_EQ_U(s.v[1].inferred, 0);
    /* line 5/7: A's SYN-ACK from SYN-RECEIVED; B enters ESTABLISHED, after
     * sending its own SYN-ACK (frame 4): they cross too */
    CHECK_ST(&s.v[2], "SYN-RECEIVED", "SYN-RECEIVED", 2, "SYN-RECEIVED", "ESTABLISHED", 3);
    CHECK_EQ_U(sim_crossed(&s, 2), 4);
    /* line 6: B's SYN-ACK from SYN-RECEIVED; A enters ESTABLISHED */
    CHECK_ST(&s.v[3], "SYN-RECEIVED", "SYN-RECEIVED", 1, "SYN-RECEIVED", "ESTABLISHED", 4);
    CHECK_EQ_U(sim_revises(&s, 3), 3);
    CHECK_STR(tcpedu_state_name(s.c.ep[1].state), "ESTABLISHED");
    CHECK_EQ_U(tcpedu_conn_hs_total(&s.c), 4);
    CHECK(s.c.hs_complete);
    check_chain(&s);
}

/* Figure 12, normal close sequence (four segments). */
TEST(rfc_figure12_close)
{
    sim s;
    sim_init(&s);
    established(&s);
    seg(&s, 0, "FA", CISN + 101, SISN + 101, 0);   /* 6: line 2 */
    seg(&s, 1, "A", SISN + 101, CISN + 102, 0);    /* 7: line 3 */
    seg(&s, 1, "FA", SISN + 101, CISN + 102, 0);   /* 8: line 4 */
    seg(&s, 0, "A", CISN + 102, SISN + 102, 0);    /* 9: line 5 */
    CHECK_ST(&s.v[5], "ESTABLISHED", "FIN-WAIT-1", 6, "ESTABLISHED", "CLOSE-WAIT", 6);
    CHECK_ST(&s.v[6], "CLOSE-WAIT", "CLOSE-WAIT", 6, "FIN-WAIT-1", "FIN-WAIT-2", 7);
    /* 3.10.7.4 eighth check: FIN-WAIT-2 -> TIME-WAIT as the FIN arrives */
    CHECK_ST(&s.v[7], "CLOSE-WAIT", "LAST-ACK", 8, "FIN-WAIT-2", "TIME-WAIT", 8);
    /* the client has been in TIME-WAIT since the server's FIN (frame 8) */
    CHECK_ST(&s.v[8], "TIME-WAIT", "TIME-WAIT", 8, "LAST-ACK", "CLOSED", 9);
    CHECK_STR(tcpedu_rule_name(s.v[8].rule), "final-ack");
    check_chain(&s);
}

/* Figure 13, simultaneous close: the FINs cross. */
TEST(rfc_figure13_simultaneous_close)
{
    sim s;
    sim_init(&s);
    established(&s);
    seg(&s, 0, "FA", CISN + 101, SISN + 101, 0);   /* 6: A's FIN */
    seg(&s, 1, "FA", SISN + 101, CISN + 101, 0);   /* 7: B's FIN, sent before A's arrived */
    seg(&s, 0, "A", CISN + 102, SISN + 102, 0);    /* 8 */
    seg(&s, 1, "A", SISN + 102, CISN + 102, 0);    /* 9 */
    /* B processes A's FIN in FIN-WAIT-1 (-> CLOSING) after sending frame 7 */
    CHECK_ST(&s.v[5], "ESTABLISHED", "FIN-WAIT-1", 6, "FIN-WAIT-1", "CLOSING", 6);
    CHECK_EQ_U(sim_crossed(&s, 5), 7);
    CHECK_STR(tcpedu_state_name(s.snap[5].receiver_after), "CLOSE-WAIT"); /* single pass */
    CHECK_ST(&s.v[6], "ESTABLISHED", "FIN-WAIT-1", 7, "FIN-WAIT-1", "CLOSING", 7);
    CHECK_EQ_U(sim_revises(&s, 6), 6);
    CHECK_ST(&s.v[7], "CLOSING", "CLOSING", 7, "CLOSING", "TIME-WAIT", 8);
    CHECK_ST(&s.v[8], "TIME-WAIT", "TIME-WAIT", 8, "CLOSING", "TIME-WAIT", 9);
    check_chain(&s);
}

/* Three segments: the FIN+ACK arrives in FIN-WAIT-1 and acknowledges the
 * first FIN: "if our FIN has been ACKed (perhaps in this segment), then
 * enter TIME-WAIT" - the client never shows FIN-WAIT-2. */
TEST(three_segment_close_never_shows_fin_wait_2)
{
    sim s;
    unsigned i;
    sim_init(&s);
    established(&s);
    seg(&s, 0, "FA", CISN + 101, SISN + 101, 0);
    seg(&s, 1, "FA", SISN + 101, CISN + 102, 0);
    seg(&s, 0, "A", CISN + 102, SISN + 102, 0);
    CHECK_ST(&s.v[5], "ESTABLISHED", "FIN-WAIT-1", 6, "ESTABLISHED", "CLOSE-WAIT", 6);
    CHECK_ST(&s.v[6], "CLOSE-WAIT", "LAST-ACK", 7, "FIN-WAIT-1", "TIME-WAIT", 7);
    CHECK_ST(&s.v[7], "TIME-WAIT", "TIME-WAIT", 7, "LAST-ACK", "CLOSED", 8);
    for (i = 0; i < s.n; i++)
        CHECK(s.v[i].sender_after != TCPEDU_ST_FIN_WAIT_2 && s.v[i].receiver_after != TCPEDU_ST_FIN_WAIT_2);
    CHECK_EQ_U(tcpedu_conn_td_total(&s.c), 3);
    check_chain(&s);
}

/* Refused: the guess "LISTEN -> SYN-RECEIVED" is revised to CLOSED. */
TEST(refused_revises_the_listen_guess)
{
    sim s;
    sim_init(&s);
    seg(&s, 0, "S", CISN, 0, 0);
    seg(&s, 1, "RA", 0, CISN + 1, 0);
    CHECK_ST(&s.snap[0], "CLOSED", "SYN-SENT", 1, "LISTEN", "SYN-RECEIVED", 1);
    CHECK_EQ_U(s.snap[0].inferred & INF_RECEIVER, INF_RECEIVER);
    /* 3.10.7.1: a SYN to a CLOSED port changes nothing and is answered by RST */
    CHECK_ST(&s.v[0], "CLOSED", "SYN-SENT", 1, "CLOSED", "CLOSED", 0);
    CHECK_EQ_U(s.v[0].inferred, 0);
    CHECK_ST(&s.v[1], "CLOSED", "CLOSED", 0, "SYN-SENT", "CLOSED", 2);
    CHECK_EQ_U(sim_revises(&s, 1), 1);
    check_chain(&s);
}

/* Abort by either side: RST from ESTABLISHED (3.10.5), receiver CLOSED. */
TEST(abort_by_server)
{
    sim s;
    sim_init(&s);
    established(&s);
    seg(&s, 1, "RA", SISN + 101, CISN + 101, 0);
    CHECK_ST(&s.v[5], "ESTABLISHED", "CLOSED", 6, "ESTABLISHED", "CLOSED", 6);
    CHECK_STR(tcpedu_rule_name(s.v[5].rule), "rst-abort");
    /* after the RST nothing changes any more */
    seg(&s, 0, "PA", CISN + 101, SISN + 101, 10);
    CHECK_ST(&s.v[6], "CLOSED", "CLOSED", 6, "CLOSED", "CLOSED", 6);
    CHECK(s.v[6].no_change);
    check_chain(&s);
}

/* Half-close: the passive side sends data in CLOSE-WAIT; the active side
 * stays in FIN-WAIT-2 and acknowledges it. */
TEST(half_close_with_data_states)
{
    sim s;
    sim_init(&s);
    established(&s);
    seg(&s, 0, "FA", CISN + 101, SISN + 101, 0);     /* 6 */
    seg(&s, 1, "A", SISN + 101, CISN + 102, 0);      /* 7 */
    seg(&s, 1, "PA", SISN + 101, CISN + 102, 300);   /* 8 */
    seg(&s, 0, "A", CISN + 102, SISN + 401, 0);      /* 9 */
    seg(&s, 1, "FA", SISN + 401, CISN + 102, 0);     /* 10 */
    seg(&s, 0, "A", CISN + 102, SISN + 402, 0);      /* 11 */
    CHECK_ST(&s.v[7], "CLOSE-WAIT", "CLOSE-WAIT", 6, "FIN-WAIT-2", "FIN-WAIT-2", 7);
    CHECK_ST(&s.v[8], "FIN-WAIT-2", "FIN-WAIT-2", 7, "CLOSE-WAIT", "CLOSE-WAIT", 6);
    CHECK_ST(&s.v[9], "CLOSE-WAIT", "LAST-ACK", 10, "FIN-WAIT-2", "TIME-WAIT", 10);
    CHECK_ST(&s.v[10], "TIME-WAIT", "TIME-WAIT", 10, "LAST-ACK", "CLOSED", 11);
    check_chain(&s);
}

/* A retransmitted FIN changes no state: the receiver processed the first. */
TEST(fin_retransmitted_changes_nothing)
{
    sim s;
    sim_init(&s);
    established(&s);
    seg(&s, 0, "FA", CISN + 101, SISN + 101, 0);
    seg(&s, 0, "FA", CISN + 101, SISN + 101, 0);
    seg(&s, 1, "FA", SISN + 101, CISN + 102, 0);
    seg(&s, 0, "A", CISN + 102, SISN + 102, 0);
    CHECK_ST(&s.v[6], "FIN-WAIT-1", "FIN-WAIT-1", 6, "CLOSE-WAIT", "CLOSE-WAIT", 6);
    CHECK(s.v[6].retransmission);
    CHECK(s.v[6].no_change);
    CHECK_ST(&s.v[7], "CLOSE-WAIT", "LAST-ACK", 8, "FIN-WAIT-1", "TIME-WAIT", 8);
    check_chain(&s);
}

/* Captured at the server: its SYN-ACK leaves 0.1 ms after the SYN, the ACK
 * arrives one round trip later.  Timing changes nothing: the same states. */
TEST(capture_at_server_same_states)
{
    sim s;
    tcpedu_segment g;
    static const char *fl[] = {"S", "SA", "A", "PA"};
    static const uint32_t seq[] = {CISN, SISN, CISN + 1, CISN + 1}, ack[] = {0, CISN + 1, SISN + 1, SISN + 1};
    static const int side[] = {0, 1, 0, 0};
    static const int64_t t[] = {0, 100000, 30100000, 30200000};
    unsigned i;
    sim_init(&s);
    for (i = 0; i < 4; i++) {
        g = make_segment(i + 1, side[i], s.port, fl[i], seq[i], ack[i], i == 3 ? 50 : 0, 65535);
        g.t_ns = t[i];
        tcpedu_observe(&s.c, &g, &s.v[i]);
        sim_keep(&s, i, g.ack);
        s.n++;
    }
    CHECK_ST(&s.v[0], "CLOSED", "SYN-SENT", 1, "LISTEN", "SYN-RECEIVED", 1);
    CHECK_ST(&s.v[1], "SYN-RECEIVED", "SYN-RECEIVED", 1, "SYN-SENT", "ESTABLISHED", 2);
    CHECK_ST(&s.v[2], "ESTABLISHED", "ESTABLISHED", 2, "SYN-RECEIVED", "ESTABLISHED", 3);
    CHECK_ST(&s.v[3], "ESTABLISHED", "ESTABLISHED", 2, "ESTABLISHED", "ESTABLISHED", 3);
    check_chain(&s);
}

/* A SYN-ACK from the client with its own ISN after the handshake completed
 * is late or forged: an anomaly, not a simultaneous-open step, and it
 * changes no state (3.10.7.4 fourth check, RFC 5961 section 4). */
TEST(synack_after_handshake_is_an_anomaly)
{
    sim s;
    sim_init(&s);
    sim_handshake(&s);
    seg(&s, 0, "SA", CISN, SISN + 1, 0);
    CHECK(has_anomaly(&s.v[3], TCPEDU_A_SYNACK_AFTER_HANDSHAKE));
    CHECK(!has_anomaly(&s.v[3], TCPEDU_A_SIMULTANEOUS_OPEN));
    CHECK_STR(tcpedu_rule_name(s.v[3].rule), "not-accepted");
    CHECK_EQ_U(s.v[3].step, 0);
    CHECK(s.v[3].no_change);
    CHECK_ST(&s.v[3], "ESTABLISHED", "ESTABLISHED", 2, "ESTABLISHED", "ESTABLISHED", 3);
    CHECK(!s.c.simultaneous_open);
    CHECK_EQ_U(tcpedu_conn_hs_total(&s.c), 3);
    CHECK_EQ_U(s.c.hs_steps, 3);
    /* the connection goes on */
    seg(&s, 0, "PA", CISN + 1, SISN + 1, 10);
    CHECK_STR(tcpedu_rule_name(s.v[4].rule), "data");
    check_chain(&s);
}

/* Split handshake: SYN; a bare ACK from the server; the server's own SYN;
 * the client's SYN-ACK (its own ISN again); the server's ACK.  RFC 9293
 * reaches ESTABLISHED on both ends. */
TEST(split_handshake_with_bare_ack)
{
    sim s;
    sim_init(&s);
    seg(&s, 0, "S", CISN, 0, 0);                /* 1 */
    seg(&s, 1, "A", SISN, CISN + 1, 0);         /* 2 */
    seg(&s, 1, "S", SISN, 0, 0);                /* 3 */
    seg(&s, 0, "SA", CISN, SISN + 1, 0);        /* 4 */
    seg(&s, 1, "A", SISN + 1, CISN + 1, 0);     /* 5 */
    seg(&s, 0, "RA", CISN + 1, SISN + 1, 0);    /* 6 */
    /* the server never processed the SYN as a listener: shown CLOSED, inferred */
    CHECK_ST(&s.v[0], "CLOSED", "SYN-SENT", 1, "CLOSED", "CLOSED", 0);
    CHECK_EQ_U(s.v[0].inferred, INF_RECEIVER);
    /* 3.10.7.3: a bare ACK in SYN-SENT is dropped */
    CHECK_ST(&s.v[1], "CLOSED", "CLOSED", 0, "SYN-SENT", "SYN-SENT", 1);
    CHECK_ST(&s.v[2], "CLOSED", "SYN-SENT", 3, "SYN-SENT", "SYN-RECEIVED", 3);
    CHECK_EQ_U(sim_revises(&s, 2), 1);
    CHECK_ST(&s.v[3], "SYN-RECEIVED", "SYN-RECEIVED", 3, "SYN-SENT", "ESTABLISHED", 4);
    CHECK_ST(&s.v[4], "ESTABLISHED", "ESTABLISHED", 4, "SYN-RECEIVED", "ESTABLISHED", 5);
    CHECK_EQ_U(s.v[4].step, 4);
    CHECK(s.c.hs_complete);
    CHECK_EQ_U(tcpedu_conn_hs_total(&s.c), 4);
    /* the final RST is exact and accepted */
    CHECK_STR(tcpedu_rule_name(s.v[5].rule), "rst-abort");
    CHECK_EQ_U(s.v[5].rst_check, TCPEDU_RSTCHK_EXACT);
    CHECK_ST(&s.v[5], "ESTABLISHED", "CLOSED", 6, "ESTABLISHED", "CLOSED", 6);
    check_chain(&s);
}

/* The variant without the bare ACK: the SYNs cross as in figure 7. */
TEST(split_handshake_without_bare_ack)
{
    sim s;
    sim_init(&s);
    seg(&s, 0, "S", CISN, 0, 0);                /* 1 */
    seg(&s, 1, "S", SISN, 0, 0);                /* 2 */
    seg(&s, 0, "SA", CISN, SISN + 1, 0);        /* 3 */
    seg(&s, 1, "A", SISN + 1, CISN + 1, 0);     /* 4 */
    CHECK_ST(&s.v[0], "CLOSED", "SYN-SENT", 1, "SYN-SENT", "SYN-RECEIVED", 1);
    CHECK_EQ_U(sim_crossed(&s, 0), 2);
    CHECK_ST(&s.v[1], "CLOSED", "SYN-SENT", 2, "SYN-SENT", "SYN-RECEIVED", 2);
    CHECK_ST(&s.v[2], "SYN-RECEIVED", "SYN-RECEIVED", 2, "SYN-RECEIVED", "ESTABLISHED", 3);
    CHECK_ST(&s.v[3], "ESTABLISHED", "ESTABLISHED", 3, "SYN-RECEIVED", "ESTABLISHED", 4);
    CHECK_EQ_U(s.v[3].step, 4);
    CHECK(s.c.hs_complete);
    check_chain(&s);
}
