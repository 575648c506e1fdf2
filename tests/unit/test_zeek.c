/*
 * test_zeek.c - Zeek's conn_state and history (tcpedu_zeek.c), one
 * scenario per conn_state, with what Zeek's own baselines log for the same
 * segment sequence.  Side 0 is the client (port 40000), side 1 the server
 * (port 80, a likely server port).  Client ISN 1000, server ISN 5000.
 */
#include "harness.h"
#include "tcpedu_zeek.h"


typedef struct zsim {
    tcpedu_zeek z;
    uint32_t frame;
    uint16_t port[2];
    unsigned rows;         /* rows Zeek would have logged before the current one */
    char done[8][80];      /* "STATE history" of each finished row */
} zsim;

static void zsim_init(zsim *t)
{
    memset(t, 0, sizeof *t);
    tcpedu_zeek_init(&t->z);
    t->port[0] = 40000;
    t->port[1] = 80;
}

/* One segment: side, flags letters (harness.h), seq, ack, payload, window. */
static void zw(zsim *t, int side, const char *flags, uint32_t seq, uint32_t ack, uint32_t len,
               uint32_t win)
{
    tcpedu_segment s = make_segment(++t->frame, side, t->port, flags, seq, ack, len, win);
    if (tcpedu_zeek_is_reuse(&t->z, &s)) {
        if (t->rows < 8)
            snprintf(t->done[t->rows], sizeof t->done[0], "%s %s", tcpedu_zeek_conn_state(&t->z),
                     tcpedu_zeek_history(&t->z));
        t->rows++;
        tcpedu_zeek_init(&t->z);
    }
    tcpedu_zeek_observe(&t->z, &s);
}

static void z(zsim *t, int side, const char *flags, uint32_t seq, uint32_t ack, uint32_t len)
{
    zw(t, side, flags, seq, ack, len, 1000);
}

static void handshake(zsim *t)
{
    z(t, 0, "S", CISN, 0, 0);
    z(t, 1, "SA", SISN, CISN + 1, 0);
    z(t, 0, "A", CISN + 1, SISN + 1, 0);
}

#define CHECK_ZEEK(t, state, hist) do { \
        CHECK_STR(tcpedu_zeek_conn_state(&(t)->z), state); \
        CHECK_STR(tcpedu_zeek_history(&(t)->z), hist); \
    } while (0)

TEST(zeek_sf_normal_close)
{
    zsim t;
    zsim_init(&t);
    handshake(&t);
    z(&t, 0, "PA", CISN + 1, SISN + 1, 100);
    z(&t, 1, "PA", SISN + 1, CISN + 101, 200);
    z(&t, 0, "FA", CISN + 101, SISN + 201, 0);
    z(&t, 1, "FA", SISN + 201, CISN + 102, 0);
    z(&t, 0, "A", CISN + 102, SISN + 202, 0);
    CHECK_ZEEK(&t, "SF", "ShADdFf");
    CHECK_EQ_U(tcpedu_zeek_size(&t.z, true), 100);
    CHECK_EQ_U(tcpedu_zeek_size(&t.z, false), 200);
    CHECK_EQ_U(t.rows, 0);
}

TEST(zeek_sf_simultaneous_close)
{
    /* Zeek has no simultaneous-close state: crossing FINs are SF too */
    zsim t;
    zsim_init(&t);
    handshake(&t);
    z(&t, 0, "FA", CISN + 1, SISN + 1, 0);
    z(&t, 1, "FA", SISN + 1, CISN + 1, 0);
    z(&t, 0, "A", CISN + 2, SISN + 2, 0);
    z(&t, 1, "A", SISN + 2, CISN + 2, 0);
    CHECK_ZEEK(&t, "SF", "ShAFfa");
}

TEST(zeek_s0_syn_unanswered)
{
    zsim t;
    zsim_init(&t);
    z(&t, 0, "S", CISN, 0, 0);
    z(&t, 0, "S", CISN, 0, 0); /* retransmission: same seq, no new letter */
    z(&t, 0, "S", CISN, 0, 0);
    CHECK_ZEEK(&t, "S0", "S");
    CHECK_EQ_U(t.rows, 0);
}

TEST(zeek_s1_established)
{
    zsim t;
    zsim_init(&t);
    handshake(&t);
    z(&t, 0, "PA", CISN + 1, SISN + 1, 10);
    z(&t, 1, "A", SISN + 1, CISN + 11, 0);
    CHECK_ZEEK(&t, "S1", "ShADa");
}

TEST(zeek_rej_refused)
{
    zsim t;
    zsim_init(&t);
    z(&t, 0, "S", CISN, 0, 0);
    z(&t, 1, "RA", 0, CISN + 1, 0);
    CHECK_ZEEK(&t, "REJ", "Sr");
}

TEST(zeek_rej_retries_are_rows)
{
    /* pop3.pcap: each SYN retry after the RST is a new Zeek connection */
    zsim t;
    zsim_init(&t);
    z(&t, 0, "S", CISN, 0, 0);
    z(&t, 1, "RA", 0, CISN + 1, 0);
    z(&t, 0, "S", CISN, 0, 0);
    z(&t, 1, "RA", 0, CISN + 1, 0);
    CHECK_EQ_U(t.rows, 1);
    CHECK_STR(t.done[0], "REJ Sr");
    CHECK_ZEEK(&t, "REJ", "Sr");
}

TEST(zeek_s2_originator_fin_only)
{
    zsim t;
    zsim_init(&t);
    handshake(&t);
    z(&t, 0, "FA", CISN + 1, SISN + 1, 0);
    z(&t, 1, "A", SISN + 1, CISN + 2, 0);
    CHECK_ZEEK(&t, "S2", "ShAFa");
}

TEST(zeek_s3_responder_fin_only)
{
    zsim t;
    zsim_init(&t);
    handshake(&t);
    z(&t, 1, "FA", SISN + 1, CISN + 1, 0);
    z(&t, 0, "A", CISN + 1, SISN + 2, 0);
    CHECK_ZEEK(&t, "S3", "ShAf");
}

TEST(zeek_rsto_originator_abort)
{
    zsim t;
    zsim_init(&t);
    handshake(&t);
    z(&t, 0, "PA", CISN + 1, SISN + 1, 41);
    z(&t, 1, "PA", SISN + 1, CISN + 42, 43);
    z(&t, 0, "RA", CISN + 42, SISN + 44, 0);
    CHECK_ZEEK(&t, "RSTO", "ShADdR");
}

TEST(zeek_rstr_responder_abort)
{
    zsim t;
    zsim_init(&t);
    handshake(&t);
    z(&t, 0, "PA", CISN + 1, SISN + 1, 22);
    z(&t, 1, "A", SISN + 1, CISN + 23, 0);
    z(&t, 1, "RA", SISN + 1, CISN + 23, 0);
    CHECK_ZEEK(&t, "RSTR", "ShADar");
}

TEST(zeek_rstr_fin_then_rst)
{
    /* a FIN answered by RST: the RST wins (fin-rst, ftp-auth-tls) */
    zsim t;
    zsim_init(&t);
    handshake(&t);
    z(&t, 0, "FA", CISN + 1, SISN + 1, 0);
    z(&t, 1, "R", SISN + 1, 0, 0);
    CHECK_ZEEK(&t, "RSTR", "ShAFr");
}

TEST(zeek_sf_fin_then_rst_after_both_fins)
{
    /* once both sides closed, a RST changes nothing */
    zsim t;
    zsim_init(&t);
    handshake(&t);
    z(&t, 1, "FA", SISN + 1, CISN + 1, 0);
    z(&t, 0, "FA", CISN + 1, SISN + 2, 0);
    z(&t, 1, "R", SISN + 2, 0, 0);
    CHECK_ZEEK(&t, "SF", "ShAfFr");
}

TEST(zeek_rstos0_syn_then_rst)
{
    /* syn-then-rst.pcap: SR RSTOS0 */
    zsim t;
    zsim_init(&t);
    z(&t, 0, "S", CISN, 0, 0);
    z(&t, 0, "R", CISN + 1, 0, 0);
    CHECK_ZEEK(&t, "RSTOS0", "SR");
}

TEST(zeek_rstos0_syn_ack_rst)
{
    /* syn-then-ack-then-rst.pcap: the responder's bare ACK keeps it inactive */
    zsim t;
    zsim_init(&t);
    z(&t, 0, "S", CISN, 0, 0);
    z(&t, 1, "A", SISN, CISN + 1, 0);
    z(&t, 0, "R", CISN + 1, 0, 0);
    CHECK_ZEEK(&t, "RSTOS0", "SaR");
}

TEST(zeek_oth_syn_ack_fin_rst)
{
    /* syn-then-stuff-then-rst.pcap: SaFR is OTH (the F breaks RSTOS0) */
    zsim t;
    zsim_init(&t);
    z(&t, 0, "S", CISN, 0, 0);
    z(&t, 1, "A", SISN, CISN + 1, 0);
    z(&t, 0, "FA", CISN + 1, SISN, 0);
    z(&t, 0, "R", CISN + 2, 0, 0);
    CHECK_ZEEK(&t, "OTH", "SaFR");
}

TEST(zeek_rstrh_synack_then_rst)
{
    /* Teredo.pcap: the responder's SYN-ACK and RST, no SYN seen */
    zsim t;
    zsim_init(&t);
    z(&t, 1, "SA", SISN, CISN + 1, 0);
    z(&t, 1, "R", SISN + 1, 0, 0);
    CHECK_ZEEK(&t, "RSTRH", "^hr");
}

TEST(zeek_sh_syn_fin)
{
    /* mixed-vlan-mpls.pcap: SYN, data, FIN, no answer: SH */
    zsim t;
    zsim_init(&t);
    z(&t, 0, "S", CISN, 0, 0);
    z(&t, 0, "A", CISN + 1, SISN + 1, 0);
    z(&t, 0, "PA", CISN + 1, SISN + 1, 10);
    z(&t, 0, "FA", CISN + 11, SISN + 1, 0);
    CHECK_ZEEK(&t, "SH", "SADF");
}

TEST(zeek_shr_synack_fin)
{
    /* ssh.server-side-half-duplex.pcap: only the server's side: SHR */
    zsim t;
    zsim_init(&t);
    z(&t, 1, "SA", SISN, CISN + 1, 0);
    z(&t, 1, "A", SISN + 1, CISN + 1, 0);
    z(&t, 1, "PA", SISN + 1, CISN + 1, 20);
    z(&t, 1, "FA", SISN + 21, CISN + 1, 0);
    CHECK_ZEEK(&t, "SHR", "^hadf");
}

TEST(zeek_oth_midstream)
{
    /* no SYN from either side, client port first: not flipped */
    zsim t;
    zsim_init(&t);
    z(&t, 0, "PA", CISN, SISN, 10);
    z(&t, 1, "PA", SISN, CISN + 10, 10);
    z(&t, 0, "A", CISN + 10, SISN + 10, 0);
    CHECK_ZEEK(&t, "OTH", "DdA");
}

TEST(zeek_flip_midstream_from_server_port)
{
    /* the first segment comes from port 80 to a high port: Zeek flips */
    zsim t;
    zsim_init(&t);
    z(&t, 1, "PA", SISN, CISN, 10);
    z(&t, 0, "A", CISN, SISN + 10, 0);
    CHECK_ZEEK(&t, "OTH", "^dA");
}

TEST(zeek_sf_missing_syn)
{
    /* missing-syn.pcap: ^hADdFaf SF */
    zsim t;
    zsim_init(&t);
    z(&t, 1, "SA", SISN, CISN + 1, 0);
    z(&t, 0, "A", CISN + 1, SISN + 1, 0);
    z(&t, 0, "PA", CISN + 1, SISN + 1, 100);
    z(&t, 1, "PA", SISN + 1, CISN + 101, 200);
    z(&t, 0, "FA", CISN + 101, SISN + 201, 0);
    z(&t, 1, "A", SISN + 201, CISN + 102, 0);
    z(&t, 1, "FA", SISN + 201, CISN + 102, 0);
    z(&t, 0, "A", CISN + 102, SISN + 202, 0);
    CHECK_ZEEK(&t, "SF", "^hADdFaf");
}

TEST(zeek_synack_before_syn_flips)
{
    /* handshake-reorder with a high server port (no flip at the start):
     * the SYN after its own SYN-ACK flips the roles: Hs^A... */
    zsim t;
    zsim_init(&t);
    t.port[1] = 40080;
    t.port[0] = 50000;
    z(&t, 1, "SA", SISN, CISN + 1, 0);
    z(&t, 0, "S", CISN, 0, 0);
    z(&t, 0, "A", CISN + 1, SISN + 1, 0);
    z(&t, 0, "PA", CISN + 1, SISN + 1, 10);
    z(&t, 1, "A", SISN + 1, CISN + 11, 0);
    z(&t, 1, "PA", SISN + 1, CISN + 11, 10);
    z(&t, 1, "FA", SISN + 11, CISN + 11, 0);
    z(&t, 0, "FA", CISN + 11, SISN + 12, 0);
    CHECK_EQ_U(t.rows, 0);
    CHECK_ZEEK(&t, "SF", "Hs^ADadfF");
}

TEST(zeek_retransmissions_scaled)
{
    /* t/T at the 1st and 10th retransmission, not in between */
    zsim t;
    unsigned i;
    zsim_init(&t);
    handshake(&t);
    z(&t, 0, "PA", CISN + 1, SISN + 1, 10);
    for (i = 0; i < 10; i++)
        z(&t, 0, "PA", CISN + 1, SISN + 1, 10);
    CHECK_ZEEK(&t, "S1", "ShADTT");
}

TEST(zeek_zero_window)
{
    zsim t;
    zsim_init(&t);
    handshake(&t);
    z(&t, 0, "PA", CISN + 1, SISN + 1, 10);
    zw(&t, 1, "A", SISN + 1, CISN + 11, 0, 0);
    CHECK_ZEEK(&t, "S1", "ShADaw");
}

TEST(zeek_gap_ack_of_unseen_data)
{
    /* miss_end_data.pcap shape: the responder's last data is not captured */
    zsim t;
    zsim_init(&t);
    handshake(&t);
    z(&t, 0, "PA", CISN + 1, SISN + 1, 10);
    z(&t, 1, "A", SISN + 1, CISN + 11, 0);
    z(&t, 1, "FA", SISN + 1, CISN + 11, 0);
    z(&t, 0, "A", CISN + 11, SISN + 500, 0);
    CHECK_ZEEK(&t, "S3", "ShADafg");
}

TEST(zeek_multi_flag_letters)
{
    zsim t;
    zsim_init(&t);
    handshake(&t);
    /* same seq as the SYN: no new connection (a new seq would be one) */
    z(&t, 0, "SF", CISN, 0, 0);
    z(&t, 0, "FR", CISN + 1, 0, 0);
    CHECK_EQ_U(t.rows, 0);
    CHECK_ZEEK(&t, "RSTO", "ShAQI");
}

TEST(zeek_simultaneous_open_is_reuse)
{
    /* Zeek's IsReuse: the peer's SYN carries a new seq, so a new row */
    zsim t;
    zsim_init(&t);
    z(&t, 0, "S", CISN, 0, 0);
    z(&t, 1, "S", SISN, 0, 0);
    CHECK_EQ_U(t.rows, 1);
    CHECK_STR(t.done[0], "S0 S");
}

TEST(zeek_names)
{
    CHECK_STR(tcpedu_zeek_state_name(TCPEDU_ZK_SYN_ACK_SENT), "SYN_ACK_SENT");
    CHECK_STR(tcpedu_zeek_state_name(99), "?");
    CHECK(tcpedu_zeek_likely_server_port(80));
    CHECK(!tcpedu_zeek_likely_server_port(40000));
}

TEST(zeek_synack_then_ack_flips_late)
{
    /* ctu-64702-888.pcap: no likely server port, the SYN-ACK (twice) and
     * then the client's ACK: Zeek flips then and logs ^h (PR 2191) */
    zsim t;
    zsim_init(&t);
    t.port[1] = 888;
    t.port[0] = 64702;
    z(&t, 1, "SA", SISN, CISN + 1, 0);
    z(&t, 1, "SA", SISN, CISN + 1, 0);
    z(&t, 0, "A", CISN + 1, SISN + 1, 0);
    CHECK_STR(tcpedu_zeek_history(&t.z), "^hA");
    CHECK_EQ_U(t.z.orig_side, 0);
}

TEST(zeek_timers_split_rows)
{
    /* ssh.client-side-half-duplex.pcap: an unanswered SYN is given up after
     * 5 s (AttemptTimer); what follows is a new, partial connection */
    zsim t;
    tcpedu_segment s;
    zsim_init(&t);
    z(&t, 0, "S", CISN, 0, 0);
    memset(&s, 0, sizeof s);
    s.side = 0;
    s.sport = 40000;
    s.dport = 80;
    s.flags = TCPEDU_F_ACK;
    s.seq = CISN + 1;
    s.ack = SISN + 1;
    s.win = 1000;
    s.t_ns = INT64_C(4000000000);
    CHECK(!tcpedu_zeek_is_reuse(&t.z, &s));
    s.t_ns = INT64_C(5000000000);
    CHECK(tcpedu_zeek_is_reuse(&t.z, &s));
    /* a reset connection is removed 5 s after its last segment */
    zsim_init(&t);
    handshake(&t);
    z(&t, 0, "R", CISN + 1, 0, 0);
    s.t_ns = INT64_C(4999999999);
    CHECK(!tcpedu_zeek_is_reuse(&t.z, &s));
    s.t_ns = INT64_C(5000000000);
    CHECK(tcpedu_zeek_is_reuse(&t.z, &s));
}

/* One segment at time @p t_ns, fed to the model unless Zeek would split. */
static bool zt(zsim *t, int side, const char *flags, uint32_t seq, uint32_t ack, int64_t t_ns)
{
    tcpedu_segment s = make_segment(++t->frame, side, t->port, flags, seq, ack, 0, 1000);
    s.t_ns = t_ns;
    if (tcpedu_zeek_is_reuse(&t->z, &s))
        return true;
    tcpedu_zeek_observe(&t->z, &s);
    return false;
}

TEST(zeek_timers_near_the_end_of_time)
{
    /* Times 1 s before the last representable nanosecond (2262-04-11):
     * the attempt and close timers (t + 5 s) must saturate, not overflow
     * (signed overflow is undefined; wrapped, the timer fired at once and
     * split a retransmitted SYN 1 ns later into a new row). */
    const int64_t late = INT64_MAX - INT64_C(1000000000);
    zsim t;

    zsim_init(&t);
    CHECK(!zt(&t, 0, "S", CISN, 0, late));
    CHECK(!zt(&t, 0, "S", CISN, 0, late + 1));
    CHECK_ZEEK(&t, "S0", "S");
    /* a saturated time is the latest time: the timer has run out by then */
    CHECK(zt(&t, 0, "A", CISN + 1, SISN + 1, INT64_MAX));

    zsim_init(&t);
    CHECK(!zt(&t, 0, "S", CISN, 0, late));
    CHECK(!zt(&t, 1, "SA", SISN, CISN + 1, late + 1));
    CHECK(!zt(&t, 0, "A", CISN + 1, SISN + 1, late + 2));
    CHECK(!zt(&t, 0, "R", CISN + 1, 0, late + 3));
    CHECK(!zt(&t, 0, "R", CISN + 1, 0, late + 4)); /* still the same row */
    CHECK_ZEEK(&t, "RSTO", "ShAR");

    /* and at the other end of the range */
    zsim_init(&t);
    CHECK(!zt(&t, 0, "S", CISN, 0, INT64_MIN + 1));
    CHECK(!zt(&t, 0, "S", CISN, 0, INT64_MIN + 2));
    CHECK(zt(&t, 0, "A", CISN + 1, SISN + 1, INT64_MIN + INT64_C(5000000001)));
}
