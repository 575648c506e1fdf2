/*
 * test_random.c - random segment sequences (fixed seed, so reproducible):
 * the observer must keep its invariants whatever arrives.  A stand-in for
 * the fuzz target until the fuzzing issue lands.
 */
#include "harness.h"
#include "invariants.h"

static uint32_t rng_state = 0x2545F491u;

static uint32_t rnd(void)
{
    /* xorshift32 */
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 17;
    rng_state ^= rng_state << 5;
    return rng_state;
}

static void check_verdict(const tcpedu_verdict *v, uint32_t frame)
{
    CHECK(v->frame == frame);
    CHECK(v->phase < TCPEDU_PH_COUNT);
    CHECK(v->kind < TCPEDU_SEG_COUNT && v->kind != TCPEDU_SEG_NONE);
    CHECK(v->rule < TCPEDU_X_COUNT);
    CHECK(v->step <= 4);
    CHECK(v->sender_before < TCPEDU_ST_COUNT && v->sender_after < TCPEDU_ST_COUNT);
    CHECK(v->receiver_before < TCPEDU_ST_COUNT && v->receiver_after < TCPEDU_ST_COUNT);
    CHECK(v->sender_after != TCPEDU_ST_UNKNOWN && v->receiver_after != TCPEDU_ST_UNKNOWN);
    CHECK(v->dir != TCPEDU_DIR_UNKNOWN);
    CHECK(v->answers < frame);
    CHECK(v->answered_by == 0 || v->answered_by > frame);
    CHECK((tcpedu_verdict_anomalies(v) >> TCPEDU_A_COUNT) == 0);
    CHECK(!(tcpedu_verdict_anomalies(v) & TCPEDU_ABIT(TCPEDU_A_SYN_UNANSWERED)));
}

/* The state chain of one finished connection: with every revision in (the
 * verdicts as they are now) and as a single pass showed them (copies taken
 * right after each segment). */
static void check_chain(tcpedu_verdict *verdicts, tcpedu_verdict *snapshots, const tcpedu_rare *rare,
                        const tcpedu_rare *snap_rare, unsigned used)
{
    static const tcpedu_verdict *p[4096], *q[4096];
    static tcpedu_rare pr[4096];
    char why[200];
    unsigned i;
    uint32_t bad;
    for (i = 0; i < used; i++) {
        p[i] = &verdicts[i];
        pr[i] = tcpedu_rare_of(&verdicts[i], &rare[i]);
        q[i] = &snapshots[i];
    }
    bad = tcpedu_chain_check(p, pr, used, true, why, sizeof why);
    if (bad) {
        for (i = 0; i < used; i++)
            if (verdicts[i].frame + 12 > bad && verdicts[i].frame <= bad + 2)
                fprintf(stderr, "  %u side %u %s kind %s %s>%s | %s>%s crossed %u revises %u snd %u rcv %x\n",
                        verdicts[i].frame, verdicts[i].side, tcpedu_rule_name(verdicts[i].rule),
                        tcpedu_kind_name(verdicts[i].kind),
                        tcpedu_state_name(verdicts[i].sender_before), tcpedu_state_name(verdicts[i].sender_after),
                        tcpedu_state_name(verdicts[i].receiver_before), tcpedu_state_name(verdicts[i].receiver_after),
                        pr[i].crossed, pr[i].revises, verdicts[i].snd_event, verdicts[i].rcv_events);
        fprintf(stderr, "chain (complete): %s\n", why);
        CHECK(bad == 0);
    }
    bad = tcpedu_chain_check(q, snap_rare, used, false, why, sizeof why);
    if (bad) {
        fprintf(stderr, "chain (single pass): %s\n", why);
        CHECK(bad == 0);
    }
}

TEST(random_segments_keep_invariants)
{
    static tcpedu_verdict verdicts[4096], snapshots[4096];
    static tcpedu_rare rare[4096], snap_rare[4096];
    tcpedu_array_rare at;
    tcpedu_rare_store store;
    static const uint16_t flag_pool[] = {
        TCPEDU_F_SYN, TCPEDU_F_SYN | TCPEDU_F_ACK, TCPEDU_F_ACK, TCPEDU_F_ACK | TCPEDU_F_PSH,
        TCPEDU_F_FIN | TCPEDU_F_ACK, TCPEDU_F_RST, TCPEDU_F_RST | TCPEDU_F_ACK, 0,
        TCPEDU_F_SYN | TCPEDU_F_FIN, TCPEDU_F_FIN, 0x1ff};
    unsigned round, i;
    int failures_before = tcpedu_failures;

    tcpedu_array_rare_init(&at, &store, verdicts, rare, 4096);

    for (round = 0; round < 200 && tcpedu_failures == failures_before; round++) {
        tcpedu_conn c;
        uint32_t base[2] = {rnd(), rnd()};
        unsigned n = 1 + rnd() % 4000, used = 0;
        tcpedu_conn_init(&c, TCPEDU_NEW_NO, &store);
        for (i = 0; i < n; i++) {
            tcpedu_segment s;
            memset(&s, 0, sizeof s);
            s.frame = i + 1;
            s.t_ns = (int64_t)i * 1000;
            s.side = (uint8_t)(rnd() & 1);
            s.sport = s.side ? 80 : 40000;
            s.dport = s.side ? 40000 : 80;
            s.flags = (rnd() % 4) ? flag_pool[rnd() % (sizeof flag_pool / sizeof flag_pool[0])]
                                  : (uint16_t)(rnd() & 0x1ff);
            /* mostly plausible numbers, sometimes anything */
            s.seq = (rnd() % 8) ? base[s.side] + rnd() % 3000 : rnd();
            s.ack = (rnd() % 8) ? base[!s.side] + rnd() % 3000 : rnd();
            s.len = (rnd() % 3) ? 0 : rnd() % 1500;
            s.win = (rnd() % 5) ? rnd() % 65536 : 0;
            s.opt.present = (uint8_t)(rnd() & 0x1f);
            s.opt.wscale = (uint8_t)(rnd() % 20);
            if (tcpedu_conn_is_new(&c, &s) != TCPEDU_NEW_NO) {
                check_chain(verdicts, snapshots, rare, snap_rare, used);
                tcpedu_conn_init(&c, TCPEDU_NEW_PORT_REUSE, &store);
                used = 0;
            }
            /* verdicts of one connection stay at fixed addresses */
            tcpedu_observe(&c, &s, &verdicts[used % 4096]);
            check_verdict(&verdicts[used % 4096], s.frame);
            snapshots[used % 4096] = verdicts[used % 4096];
            snap_rare[used % 4096] = tcpedu_rare_of(&verdicts[used % 4096], &rare[used % 4096]);
            used++;
            if (used == 4096) { /* keep the contract: start a new record */
                check_chain(verdicts, snapshots, rare, snap_rare, used);
                tcpedu_conn_init(&c, TCPEDU_NEW_NO, &store);
                used = 0;
            }
            CHECK(tcpedu_conn_outcome(&c) < TCPEDU_OUT_COUNT);
            CHECK(tcpedu_conn_td_style(&c) < TCPEDU_TD_COUNT);
            CHECK(c.td_steps <= 4 && c.hs_steps <= 4);
        }
        check_chain(verdicts, snapshots, rare, snap_rare, used);
    }
}
