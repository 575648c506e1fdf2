/*
 * tcpedu_time.h - capture times as signed 64-bit nanoseconds, without
 * undefined behaviour.
 *
 * int64 nanoseconds reach from 1677-09-21 to 2262-04-11.  A capture can
 * hold any 64-bit (pcapng) or 32-bit (pcap) seconds value, so a broken
 * clock or a crafted file gives times outside that range.  They saturate
 * at TCPEDU_T_MIN / TCPEDU_T_MAX instead of overflowing (signed overflow
 * is undefined in C, and made every later time computation garbage), and
 * a duration is only computed between two times that were both exact.
 *
 * Plain C99, header only: the observer, the Zeek model and the glue use it.
 */
#ifndef TCPEDU_TIME_H
#define TCPEDU_TIME_H

#include <stdbool.h>
#include <stdint.h>

#define TCPEDU_T_MAX INT64_MAX
#define TCPEDU_T_MIN INT64_MIN
#define TCPEDU_NS_PER_S INT64_C(1000000000)

/** Is @p t a saturated (unusable) time? */
static inline bool tcpedu_time_saturated(int64_t t)
{
    return t == TCPEDU_T_MAX || t == TCPEDU_T_MIN;
}

/**
 * @brief secs * 1e9 + nsecs, saturated.  @p nsecs is expected in
 * [0, 1e9) but any value is handled.  Returns false (and a saturated time)
 * when the exact value does not fit, or lands on a saturation value.
 */
static inline bool tcpedu_time_from(int64_t secs, int64_t nsecs, int64_t *out)
{
    const int64_t lim = TCPEDU_T_MAX / TCPEDU_NS_PER_S; /* 9223372036 s */
    int64_t t;

    secs += nsecs / TCPEDU_NS_PER_S; /* nsecs in (-1e9, 1e9) from here on */
    nsecs %= TCPEDU_NS_PER_S;
    if (secs > lim || secs < -lim) {
        *out = secs > 0 ? TCPEDU_T_MAX : TCPEDU_T_MIN;
        return false;
    }
    t = secs * TCPEDU_NS_PER_S; /* |t| <= 9223372036000000000 */
    if ((nsecs > 0 && t > TCPEDU_T_MAX - nsecs) || (nsecs < 0 && t < TCPEDU_T_MIN - nsecs)) {
        *out = nsecs > 0 ? TCPEDU_T_MAX : TCPEDU_T_MIN;
        return false;
    }
    *out = t + nsecs;
    return !tcpedu_time_saturated(*out);
}

/** @brief @p t + @p d (d >= 0), saturated at TCPEDU_T_MAX. */
static inline int64_t tcpedu_time_add(int64_t t, int64_t d)
{
    return t > TCPEDU_T_MAX - d ? TCPEDU_T_MAX : t + d;
}

/**
 * @brief @p to - @p from into @p out; false when either time is saturated
 * or the difference does not fit (then there is no duration to show).
 */
static inline bool tcpedu_time_diff(int64_t from, int64_t to, int64_t *out)
{
    if (tcpedu_time_saturated(from) || tcpedu_time_saturated(to))
        return false;
    if ((from < 0 && to > TCPEDU_T_MAX + from) || (from > 0 && to < TCPEDU_T_MIN + from))
        return false;
    *out = to - from;
    return true;
}

#endif /* TCPEDU_TIME_H */
