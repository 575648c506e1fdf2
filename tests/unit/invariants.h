/*
 * invariants.h - properties every sequence of observer verdicts must have,
 * whatever the input.  Plain C99 on the observer's verdicts only, so the
 * randomized test and a fuzz target can share it.
 *
 * The state chain (README "When a state changes"): each endpoint's state
 * after one segment equals its state before the next segment it sends or
 * receives.  Two marks in the verdict say where capture order is not the
 * endpoint's own order or where a guess was revised:
 *  - crossed = F: the receiver processed this segment after sending its
 *    own frame F (they crossed), so its receipt is placed after F;
 *  - revises = F: this segment revised what earlier frames showed.
 * Both are rare members of a verdict (tcpedu_rare), kept apart from it.
 * With every revision applied (tshark -2, the GUI, or the verdicts once the
 * connection is over) the chain must hold without exception.  As a single
 * pass prints them (each verdict as it was when observed) the chain may
 * break only at a revising segment and at the revised endpoint's next
 * event after it.
 */
#ifndef TCPEDU_INVARIANTS_H
#define TCPEDU_INVARIANTS_H

#include "tcpedu_observer.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A tcpedu_rare_store for verdicts kept in one array: the record of v[i]
 * is r[i] (the unit tests and the fuzz target). */
typedef struct {
    const tcpedu_verdict *v;
    tcpedu_rare *r;
    size_t n;
} tcpedu_array_rare;

static inline tcpedu_rare *tcpedu_array_rare_get(void *ctx, const tcpedu_verdict *v, bool make)
{
    tcpedu_array_rare *a = (tcpedu_array_rare *)ctx;
    size_t i = (size_t)(v - a->v);
    if (v < a->v || i >= a->n)
        abort(); /* the observer asked about a verdict of another connection */
    if (make)
        memset(&a->r[i], 0, sizeof a->r[i]);
    return &a->r[i];
}

/* Make @p st a store of @p n records @p r for the verdicts @p v[0..n-1]. */
static inline void tcpedu_array_rare_init(tcpedu_array_rare *a, tcpedu_rare_store *st,
                                          const tcpedu_verdict *v, tcpedu_rare *r, size_t n)
{
    a->v = v;
    a->r = r;
    a->n = n;
    st->get = tcpedu_array_rare_get;
    st->ctx = a;
}

/* The rare members of @p v as @p r holds them; zeros if it has none. */
static inline tcpedu_rare tcpedu_rare_of(const tcpedu_verdict *v, const tcpedu_rare *r)
{
    tcpedu_rare z;
    if (v->rare && r)
        return *r;
    memset(&z, 0, sizeof z);
    return z;
}

/**
 * @brief Check the state chain of one connection.
 * @param v        the connection's verdicts, in capture order
 * @param r        their rare members (tcpedu_rare_of), in the same order
 * @param n        how many
 * @param complete true: every revision is in (-2); false: single pass
 * @param why      if not NULL, a sentence about the first break
 * @param whylen   size of @p why
 * @return 0 if the chain holds, else the frame where it breaks.
 */
static inline uint32_t tcpedu_chain_check(const tcpedu_verdict *const *v, const tcpedu_rare *r,
                                          size_t n, bool complete, char *why, size_t whylen)
{
    int x;
    for (x = 0; x < 2; x++) {
        size_t i, j;
        bool have = false, grace = false;
        uint8_t prev_after = 0;
        uint32_t prev_frame = 0;
        for (i = 0; i < n; i++) {
            /* Events of endpoint x at this position: its send, followed by
             * the receipts that crossed it; or a receipt in capture order. */
            const tcpedu_verdict *ev[1 + 64];
            const tcpedu_rare *er[1 + 64];
            bool as_sender[1 + 64];
            size_t ne = 0, k;
            if (v[i]->side == x) {
                ev[ne] = v[i];
                er[ne] = &r[i];
                as_sender[ne++] = true;
                if (complete)
                    for (j = 0; j < i && ne < 65; j++)
                        if (v[j]->side != x && r[j].crossed == v[i]->frame) {
                            ev[ne] = v[j];
                            er[ne] = &r[j];
                            as_sender[ne++] = false;
                        }
            } else if (!complete || r[i].crossed == 0) {
                ev[ne] = v[i];
                er[ne] = &r[i];
                as_sender[ne++] = false;
            } else {
                /* placed after the send it crossed; that send must follow */
                for (j = i + 1; j < n; j++)
                    if (v[j]->side == x && v[j]->frame == r[i].crossed)
                        break;
                if (j == n) {
                    if (why)
                        snprintf(why, whylen, "frame %u: crossed frame %u is not a later segment of its receiver",
                                 (unsigned)v[i]->frame, (unsigned)r[i].crossed);
                    return v[i]->frame;
                }
                continue;
            }
            for (k = 0; k < ne; k++) {
                uint8_t before = as_sender[k] ? ev[k]->sender_before : ev[k]->receiver_before;
                uint8_t after = as_sender[k] ? ev[k]->sender_after : ev[k]->receiver_after;
                bool excused = !complete && (er[k]->revises != 0 || grace);
                if (have && before != prev_after && !excused) {
                    if (why)
                        snprintf(why, whylen,
                                 "side %d: frame %u leaves it in %s, frame %u finds it in %s (as %s)", x,
                                 (unsigned)prev_frame, tcpedu_state_name(prev_after),
                                 (unsigned)ev[k]->frame, tcpedu_state_name(before),
                                 as_sender[k] ? "sender" : "receiver");
                    return ev[k]->frame;
                }
                grace = !complete && er[k]->revises != 0;
                have = true;
                prev_after = after;
                prev_frame = ev[k]->frame;
            }
        }
    }
    return 0;
}

#endif /* TCPEDU_INVARIANTS_H */
