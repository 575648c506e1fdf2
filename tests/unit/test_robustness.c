/*
 * test_robustness.c - edge cases found by fuzzing (issue 10): several TCP
 * headers of one connection in one frame, times at the ends of the range.
 */
#include "harness.h"
#include "tcpedu_time.h"

/* Observe one segment with an explicit frame number (several segments may
 * share one frame: a capture point that sees a packet before and after a
 * tunnel). */
static tcpedu_verdict *seg_in(sim *s, uint32_t frame, int side, const char *flags, uint32_t seq,
                              uint32_t ack, uint32_t len)
{
    tcpedu_segment g = make_segment(frame, side, s->port, flags, seq, ack, len, s->win[side]);
    tcpedu_verdict *v = &s->v[s->n++];
    g.t_ns = (int64_t)frame * 1000000;
    tcpedu_observe(&s->c, &g, v);
    sim_keep(s, s->n - 1, ack);
    return v;
}

TEST(same_frame_never_answers_itself)
{
    sim s;
    tcpedu_verdict *syn, *synack, *data, *ack, *later;

    sim_init(&s);
    /* SYN and SYN-ACK in frame 1 */
    syn = seg_in(&s, 1, 0, "S", 1000, 0, 0);
    synack = seg_in(&s, 1, 1, "SA", 5000, 1001, 0);
    CHECK_EQ_U(synack->answers, 0);
    CHECK_EQ_U(syn->answered_by, 0);
    seg_in(&s, 2, 0, "A", 1001, 5001, 0);
    /* data and its ACK in frame 3: the ACK must not answer frame 3 */
    data = seg_in(&s, 3, 0, "PA", 1001, 5001, 10);
    ack = seg_in(&s, 3, 1, "A", 5001, 1011, 0);
    CHECK_EQ_U(ack->answers, 0);
    CHECK_EQ_U(data->answered_by, 0);
    /* the next frame's ACK of the same data answers it */
    later = seg_in(&s, 4, 1, "A", 5001, 1011, 0);
    CHECK_EQ_U(later->answers, 3);
    CHECK_EQ_U(data->answered_by, 4);
    /* a RST in the same frame as the FIN it acknowledges */
    data = seg_in(&s, 5, 0, "FA", 1011, 5001, 0);
    ack = seg_in(&s, 5, 1, "RA", 5001, 1012, 0);
    CHECK_EQ_U(ack->answers, 0);
    CHECK_EQ_U(data->answered_by, 0);
}

TEST(time_helpers_saturate)
{
    int64_t t = 0, d = 0;

    CHECK(tcpedu_time_from(1717405200, 5, &t));
    CHECK(t == INT64_C(1717405200000000005));
    /* 2262-04-11T23:47:16.854775807Z is the last exact nanosecond */
    CHECK(tcpedu_time_from(INT64_C(9223372036), 854775806, &t));
    CHECK(!tcpedu_time_from(INT64_C(9223372036), 854775807, &t) && t == INT64_MAX);
    CHECK(!tcpedu_time_from(INT64_C(9223372036), 854775808, &t) && t == INT64_MAX);
    CHECK(!tcpedu_time_from(INT64_C(9223372037), 0, &t) && t == INT64_MAX);
    CHECK(!tcpedu_time_from(INT64_MAX, 999999999, &t) && t == INT64_MAX);
    CHECK(!tcpedu_time_from(INT64_MIN, 0, &t) && t == INT64_MIN);
    CHECK(!tcpedu_time_from(INT64_C(-9223372037), 0, &t) && t == INT64_MIN);
    CHECK(tcpedu_time_from(-1, 5, &t) && t == -999999995);
    CHECK(tcpedu_time_add(INT64_MAX - 3, 5) == INT64_MAX);
    CHECK(tcpedu_time_add(7, 5) == 12);
    CHECK(tcpedu_time_diff(5, 12, &d) && d == 7);
    CHECK(!tcpedu_time_diff(INT64_MIN + 1, INT64_MAX - 1, &d));
    CHECK(!tcpedu_time_diff(INT64_MAX - 1, INT64_MIN + 1, &d));
    CHECK(!tcpedu_time_diff(0, INT64_MAX, &d));
    CHECK(tcpedu_time_diff(-5, INT64_MAX - 5, &d) && d == INT64_MAX);
}
