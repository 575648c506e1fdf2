/*
 * tcpedu_compat.h - every difference between the Wireshark versions tcpedu
 * builds against, and nothing else.
 *
 * Tested: 4.0 (Debian 12 bookworm), 4.4 (Debian 13 trixie), 4.6 (Debian sid);
 * scripts/test-in.sh runs the whole suite against each.  4.2 is covered on
 * paper only (no Debian suite ships it): the guards below say "4.2" where
 * the change came with 4.2.
 *
 * Rule: no other file tests WIRESHARK_VERSION_*.  (The Flow Graph's
 * structures, which change with every version, are in
 * tcpedu_seqan_compat.h, built on TCPEDU_WS_AT_LEAST.)  When a new version needs
 * a change, add a macro or inline function here and use it there.
 *
 * What changed for tcpedu, by version:
 *
 * 4.2 (API)
 *   - field_info.value became a pointer (TCPEDU_FI_FVALUE).
 *   - plugin_describe() appeared: without it `tshark -G plugins` and
 *     About > Plugins show the type as "unknown" (TCPEDU_PLUGIN_DESCRIBE).
 *   - expert_add_info() returns the item (tcpedu ignores the value).
 * 4.2 (behaviour users see; no code can change it)
 *   - The columns become _ws.col.* fields in packet-frame.c *before* the
 *     post-dissectors run, from a copy of the column text.  A
 *     post-dissector's col_prepend_fstr() still reaches the packet list and
 *     tshark's summary lines, but not _ws.col.info, so neither
 *     `-Y '_ws.col.info contains "Handshake"'` nor `-e _ws.col.info` nor a
 *     custom column on _ws.col.info shows the "[Handshake 1/3]" prefix.
 *     (Adding a second _ws.col.info item from the post-dissector would only
 *     give those a second, different value.)  tcpedu therefore adds the
 *     prefix as its own field, tcpedu.label, on every version.  (The
 *     column fields are registered fields named _ws.col.info etc. from
 *     4.2 on; 4.0 only knows the special names _ws.col.Info etc.)
 *   - `-T fields` prints booleans as True/False (4.0: 1/0); display
 *     filters accept both (`tcpedu.quoted == 1`, `== True`).
 * 4.4
 *   - Boolean preferences take bool * (tcpedu_pref_bool).
 *   - `-G protocols` has 6 columns (4.0: 3); `-G protocols`/`-G values`
 *     list _ws.dissector_bug ("Dissector bug").
 * 4.6
 *   - The stat-tap init callback returns bool (TCPEDU_STAT_INIT_*).
 *   - val_to_str() takes a scope (tcpedu uses val_to_str_const, stable);
 *     epan/value_string.h moved to wsutil/ (include epan/packet.h).
 *   - FT_RELATIVE_TIME values print in adaptive units ("14.291
 *     microseconds") in the tree; -T fields still prints seconds.
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
/* tvb_get_guint8 is deprecated from 4.4 on, in favour of tvb_get_uint8. */
#if TCPEDU_WS_AT_LEAST(4, 4)
#define TCPEDU_TVB_U8 tvb_get_uint8
#else
#define TCPEDU_TVB_U8 tvb_get_guint8
#endif

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

/* plugin_describe() (4.2+): tell the loader what kind of plugin this is.
 * Its flags are in wsutil/plugins.h; the value is defined here should a
 * development package lack that header. */
#if TCPEDU_WS_AT_LEAST(4, 2)
#define TCPEDU_PLUGIN_DESCRIBE 1
#if defined(__has_include)
#if __has_include(<wsutil/plugins.h>)
#include <wsutil/plugins.h>
#endif
#endif
#ifndef WS_PLUGIN_DESC_DISSECTOR
#define WS_PLUGIN_DESC_DISSECTOR (1UL << 0)
#endif
#else
#define TCPEDU_PLUGIN_DESCRIBE 0
#endif

/* FT_STRING fields take BASE_NONE in 4.0 (STR_UNICODE is 4.2+ only). */
#define TCPEDU_BASE_STRING BASE_NONE

/* The last protocol layer number field_info.total_layer_num can tell
 * apart: it is copied from packet_info.curr_layer_num, a guint8 that
 * wraps after 255 (4.0; later versions keep it 8-bit and stop dissection
 * well before, so the limit is harmless there). */
#define TCPEDU_LAYER_NUM_MAX 255

#endif /* TCPEDU_COMPAT_H */
