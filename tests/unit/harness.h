/*
 * harness.h - a tiny test harness for the observer's unit tests.
 *
 * TEST(name) defines one scenario; CMake finds every TEST(...) line in the
 * test sources and registers it with ctest as observer.<name>, so each
 * scenario passes or fails on its own.  Segments are built with seg():
 * side 0 or 1, flags as a string of letters ("S", "SA", "A", "PA", "FA",
 * "R", "RA"; also "E" ECE, "C" CWR, "U" URG), seq, ack, payload length.
 */
#ifndef TCPEDU_TEST_HARNESS_H
#define TCPEDU_TEST_HARNESS_H

#include "tcpedu_observer.h"
#include "invariants.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct sim {
    tcpedu_conn c;
    tcpedu_verdict v[128];
    tcpedu_verdict snap[128]; /* each verdict as a single pass printed it */
    tcpedu_rare rare[128];    /* the verdicts' rare members (the store's records) */
    tcpedu_rare snap_rare[128]; /* ... as a single pass printed them */
    uint32_t ack[128];        /* each segment's acknowledgment number */
    tcpedu_array_rare store_at;
    tcpedu_rare_store store;
    unsigned n;
    int64_t t_ns;
    uint32_t win[2];
    uint16_t port[2];
} sim;

typedef void (*test_fn)(void);
void tcpedu_test_register(const char *name, test_fn fn);
extern int tcpedu_failures;

/* Defines a scenario and registers it before main() runs. */
#define TEST(name) \
    static void test_##name(void); \
    __attribute__((constructor)) static void register_##name(void) \
    { tcpedu_test_register(#name, test_##name); } \
    static void test_##name(void)

#define CHECK(cond) do { \
        if (!(cond)) { \
            fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #cond); \
            tcpedu_failures++; \
        } \
    } while (0)

#define CHECK_EQ_U(a, b) do { \
        unsigned long long a_ = (unsigned long long)(a), b_ = (unsigned long long)(b); \
        if (a_ != b_) { \
            fprintf(stderr, "%s:%d: %s == %llu, expected %s == %llu\n", __FILE__, __LINE__, \
                    #a, a_, #b, b_); \
            tcpedu_failures++; \
        } \
    } while (0)

#define CHECK_STR(a, b) do { \
        const char *a_ = (a), *b_ = (b); \
        if (strcmp(a_, b_) != 0) { \
            fprintf(stderr, "%s:%d: %s is \"%s\", expected \"%s\"\n", __FILE__, __LINE__, \
                    #a, a_, b_); \
            tcpedu_failures++; \
        } \
    } while (0)

static inline void sim_init(sim *s)
{
    memset(s, 0, sizeof *s);
    tcpedu_array_rare_init(&s->store_at, &s->store, s->v, s->rare, sizeof s->v / sizeof s->v[0]);
    tcpedu_conn_init(&s->c, TCPEDU_NEW_NO, &s->store);
    s->win[0] = s->win[1] = 65535;
    s->port[0] = 40000;  /* side 0: the client in most scenarios */
    s->port[1] = 80;
}

static inline uint16_t parse_flags(const char *f)
{
    uint16_t r = 0;
    for (; *f; f++) {
        switch (*f) {
        case 'S': r |= TCPEDU_F_SYN; break;
        case 'A': r |= TCPEDU_F_ACK; break;
        case 'F': r |= TCPEDU_F_FIN; break;
        case 'R': r |= TCPEDU_F_RST; break;
        case 'P': r |= TCPEDU_F_PSH; break;
        case 'U': r |= TCPEDU_F_URG; break;
        case 'E': r |= TCPEDU_F_ECE; break;
        case 'C': r |= TCPEDU_F_CWR; break;
        case '-': break;
        default:
            fprintf(stderr, "bad flag letter %c\n", *f);
            abort();
        }
    }
    return r;
}

/* A segment from @p side of a connection between ports[0] and ports[1]. */
static inline tcpedu_segment make_segment(uint32_t frame, int side, const uint16_t ports[2],
                                          const char *flags, uint32_t seq, uint32_t ack,
                                          uint32_t len, uint32_t win)
{
    tcpedu_segment g;
    memset(&g, 0, sizeof g);
    g.frame = frame;
    g.side = (uint8_t)side;
    g.sport = ports[side];
    g.dport = ports[!side];
    g.flags = parse_flags(flags);
    g.seq = seq;
    g.ack = ack;
    g.len = len;
    g.win = win;
    g.hdr_len = 20;
    return g;
}

/* Keep verdict @p i as a single pass printed it, and its segment's ack. */
static inline void sim_keep(sim *s, unsigned i, uint32_t ack)
{
    s->snap[i] = s->v[i];
    s->snap_rare[i] = tcpedu_rare_of(&s->v[i], &s->rare[i]);
    s->ack[i] = ack;
}

/* Build and observe one segment; returns its verdict (frame = index + 1). */
static inline tcpedu_verdict *seg_opt(sim *s, int side, const char *flags, uint32_t seq,
                                      uint32_t ack, uint32_t len, const tcpedu_options *opt)
{
    tcpedu_segment g;
    tcpedu_verdict *v;
    if (s->n >= sizeof s->v / sizeof s->v[0])
        abort();
    g = make_segment(s->n + 1, side, s->port, flags, seq, ack, len, s->win[side]);
    s->t_ns += 10000000; /* 10 ms apart */
    g.t_ns = s->t_ns;
    if (opt)
        g.opt = *opt;
    v = &s->v[s->n++];
    tcpedu_observe(&s->c, &g, v);
    sim_keep(s, s->n - 1, ack);
    return v;
}

static inline tcpedu_verdict *seg(sim *s, int side, const char *flags, uint32_t seq, uint32_t ack,
                                  uint32_t len)
{
    return seg_opt(s, side, flags, seq, ack, len, NULL);
}

static inline int has_anomaly(const tcpedu_verdict *v, tcpedu_anomaly a)
{
    return (tcpedu_verdict_anomalies(v) & TCPEDU_ABIT(a)) != 0;
}

/* The rare members of verdict @p i (0-based) as they are now. */
static inline uint32_t sim_crossed(const sim *s, unsigned i)
{
    return tcpedu_verdict_crossed(&s->c, &s->v[i]);
}
static inline uint32_t sim_revises(const sim *s, unsigned i)
{
    return tcpedu_verdict_revises(&s->c, &s->v[i]);
}
static inline uint32_t sim_ack_expected(const sim *s, unsigned i)
{
    return tcpedu_verdict_ack_expected(&s->c, &s->v[i], s->ack[i]);
}

/* Check a verdict's step, kind, phase and the four states in one line. */
#define CHECK_V(v, ph, st, kd, sb, sa, rb, ra) do { \
        const tcpedu_verdict *v_ = (v); \
        CHECK_STR(tcpedu_phase_name(v_->phase), ph); \
        CHECK_EQ_U(v_->step, st); \
        CHECK_STR(tcpedu_kind_name(v_->kind), kd); \
        CHECK_STR(tcpedu_state_name(v_->sender_before), sb); \
        CHECK_STR(tcpedu_state_name(v_->sender_after), sa); \
        CHECK_STR(tcpedu_state_name(v_->receiver_before), rb); \
        CHECK_STR(tcpedu_state_name(v_->receiver_after), ra); \
    } while (0)

/* Client ISN 1000, server ISN 5000 unless a test says otherwise. */
enum { CISN = 1000, SISN = 5000 };

/* SYN, SYN-ACK, ACK: frames 1-3. */
static inline void sim_handshake(sim *s)
{
    seg(s, 0, "S", CISN, 0, 0);
    seg(s, 1, "SA", SISN, CISN + 1, 0);
    seg(s, 0, "A", CISN + 1, SISN + 1, 0);
}

#endif
