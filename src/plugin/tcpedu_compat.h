/*
 * tcpedu_compat.h - every difference between the Wireshark versions tcpedu
 * builds against (4.0 now; 4.4 and 4.6 next), and nothing else.
 *
 * Rule: no other file tests WIRESHARK_VERSION_*.  When a new version needs
 * a change, add a macro or inline function here and use it there.
 */
#ifndef TCPEDU_COMPAT_H
#define TCPEDU_COMPAT_H

#include <ws_version.h>
#include <epan/packet.h>

#define TCPEDU_WS_AT_LEAST(maj, min) \
    (WIRESHARK_VERSION_MAJOR > (maj) || \
     (WIRESHARK_VERSION_MAJOR == (maj) && WIRESHARK_VERSION_MINOR >= (min)))

/* field_info.value: embedded fvalue_t in 4.0, a pointer from 4.2 on. */
#if TCPEDU_WS_AT_LEAST(4, 2)
#define TCPEDU_FI_FVALUE(fi) ((fi)->value)
#else
#define TCPEDU_FI_FVALUE(fi) (&(fi)->value)
#endif

/* Boolean preferences take bool * from 4.4 on, gboolean * before. */
#if TCPEDU_WS_AT_LEAST(4, 4)
typedef bool tcpedu_pref_bool;
#else
typedef gboolean tcpedu_pref_bool;
#endif

/* The stat-tap init callback returns bool from 4.6 on. */
#if TCPEDU_WS_AT_LEAST(4, 6)
#define TCPEDU_STAT_INIT_RET bool
#define TCPEDU_STAT_INIT_OK  true
#else
#define TCPEDU_STAT_INIT_RET void
#define TCPEDU_STAT_INIT_OK
#endif
/* ... and how it gives up on a bad -z argument: return false from 4.6 on,
 * exit before (what Wireshark's own 4.0 taps do). */
#if TCPEDU_WS_AT_LEAST(4, 6)
#define TCPEDU_STAT_INIT_FAIL return false
#else
#define TCPEDU_STAT_INIT_FAIL exit(1)
#endif

/* FT_STRING fields take BASE_NONE in 4.0 (STR_UNICODE is 4.2+ only). */
#define TCPEDU_BASE_STRING BASE_NONE

/* The last protocol layer number field_info.total_layer_num can tell
 * apart: it is copied from packet_info.curr_layer_num, a guint8 that
 * wraps after 255 (4.0; later versions keep it 8-bit and stop dissection
 * well before, so the limit is harmless there). */
#define TCPEDU_LAYER_NUM_MAX 255

#endif /* TCPEDU_COMPAT_H */
