/*
 * tcpedu_seqan_compat.h - the part of Wireshark's sequence analysis (Flow
 * Graph) API that tcpedu-flow.c uses, declared per version.  Included by
 * tcpedu-flow.c only.
 *
 * epan/sequence_analysis.h is not installed by any development package
 * (checked: libwireshark-dev 4.0.17 in bookworm, 4.4.19 in trixie, 4.6.9 in
 * sid), and its structures change between versions, so tcpedu declares
 * what it touches itself.  Everything here was checked twice per version:
 * against the version's source, and against the offsets the version's own
 * libwireshark uses (objdump of sequence_analysis_create_sai_with_addresses,
 * _use_color_filter, _use_col_info_as_label_comment, _list_free and the
 * item free function it passes to g_queue_free_full, _dump_to_file,
 * _free_nodes; x86-64).
 *
 *   4.0  source: Debian's wireshark_4.0.17.orig.tar.bz2 (upstream tag
 *        v4.0.17), epan/sequence_analysis.[ch]; binary: libwireshark.so.16
 *        of libwireshark16 4.0.17-0+deb12u3.  Item: 144 bytes, gboolean
 *        flags, info_type/info_ptr at 128/136.
 *   4.4  source: upstream epan/sequence_analysis.h as stored at commit
 *        311ca847a7b22e48b0bc38701791dc3f6602e271 (bool flags, enum
 *        info_type, info.occurrence[]); binary: libwireshark.so.18 of
 *        libwireshark18 4.4.19-0+deb13u1 (Debian's source package could not
 *        be downloaded here).  Item: 136 bytes; info.num_nodes at 1032,
 *        after occurrence[40].
 *   4.6  binary: libwireshark.so.19 of libwireshark19 4.6.9-1+b1 (no 4.6
 *        source was reachable here).  Item: 144 bytes: the 4.4 layout plus
 *        one pointer at 136 that the item free function calls on info_ptr
 *        when both are set (a free function for info_ptr); everything at
 *        offsets 0..135 is as in 4.4.
 *
 * What tcpedu does with them, and why that is safe on each version:
 *   - the item is allocated by Wireshark itself
 *     (sequence_analysis_create_sai_with_addresses: g_new0 of the
 *     version's own size, addresses copied with copy_address, time_str
 *     g_strdup'ed), so a size mistake here cannot under-allocate;
 *   - tcpedu writes frame_number, the addresses (free_address +
 *     copy_address, both inline in the installed epan/address.h: g_malloc
 *     and g_free through wmem_*(NULL, ...)), the ports, frame_label and
 *     comment (g_strdup'ed), conv_num, display and line_style; it never
 *     sets info_type, info_ptr (nor 4.6's free function), so they stay 0;
 *   - the Flow Graph frees each item with its own free function on every
 *     version: g_free(frame_label), g_free(time_str), g_free(comment),
 *     free_address(src_addr), free_address(dst_addr), info_ptr (4.0/4.4:
 *     g_free if set; 4.6: its free function if both are set), g_free(item).
 *     So every string tcpedu puts in an item must come from g_malloc, and
 *     tcpedu frees none of them.
 *   - it reads nothing of seq_analysis_info_t but `items` (offset 16 on all
 *     three: after const char *name, the gboolean/bool any_addr and int
 *     nconv), where it appends the item.
 *
 * Versions not listed (4.2, and 4.8 and later) are left out at compile
 * time (TCPEDU_SEQAN == 0): their layout was not checked against a binary.
 * Adding one: check the offsets as above, add its branch, run
 * tests/e2e/test_flow.py against it.
 *
 * Exported by each checked libwireshark (nm -D --defined-only): the whole
 * sequence_analysis_* family, among them register_seq_analysis,
 * sequence_analysis_create_sai_with_addresses and
 * sequence_analysis_use_color_filter, the three tcpedu calls.  The tap
 * callback type tap_packet_cb comes from the installed epan/tap.h: on all
 * three it is tap_packet_status (*)(void *, packet_info *, epan_dissect_t *,
 * const void *, tap_flags_t).
 */
#ifndef TCPEDU_SEQAN_COMPAT_H
#define TCPEDU_SEQAN_COMPAT_H

#include "tcpedu_compat.h"

#include <epan/address.h>
#include <epan/tap.h>

#define TCPEDU_WS_IS(maj, min) (TCPEDU_WS_AT_LEAST(maj, min) && !TCPEDU_WS_AT_LEAST(maj, (min) + 1))
#if TCPEDU_WS_IS(4, 0) || TCPEDU_WS_IS(4, 4) || TCPEDU_WS_IS(4, 6)
#define TCPEDU_SEQAN 1
#else
#define TCPEDU_SEQAN 0
#endif

#if TCPEDU_SEQAN

/* The type of the two flags of an item and of the info's any_addr:
 * gboolean (int) in 4.0, bool from 4.4 on. */
#if TCPEDU_WS_AT_LEAST(4, 4)
typedef bool tcpedu_seqan_bool;
#else
typedef gboolean tcpedu_seqan_bool;
#endif

/* seq_analysis_item_t: one arrow. */
typedef struct {
    guint32 frame_number;              /* the frame the arrow selects when clicked */
    address src_addr;
    guint16 port_src;
    address dst_addr;
    guint16 port_dst;
    char *frame_label;                 /* over the arrow */
    char *time_str;
    char *comment;                     /* right of the graph */
    guint16 conv_num;                  /* colours the arrow; tcp.stream as in TCP's own flow */
    unsigned fg_color;
    unsigned bg_color;
    tcpedu_seqan_bool has_color_filter;
    tcpedu_seqan_bool display;
    unsigned src_node;
    unsigned dst_node;
    guint16 line_style;
    unsigned info_type;                /* 4.0 guint32, 4.4+ an enum: both 4 bytes */
    void *info_ptr;
#if TCPEDU_WS_AT_LEAST(4, 6)
    void (*info_ptr_free)(void *);     /* called on info_ptr when both are set */
#endif
} tcpedu_seqan_item;

/* seq_analysis_info_t, up to the member tcpedu uses (items). */
typedef struct {
    const char *name;
    tcpedu_seqan_bool any_addr;
    int nconv;
    GQueue *items;
} tcpedu_seqan_info;

/* The offsets the versions' libwireshark use (see above; measured on
 * x86-64, the same on every LP64/LLP64 platform). */
#if GLIB_SIZEOF_VOID_P == 8
G_STATIC_ASSERT(G_STRUCT_OFFSET(tcpedu_seqan_item, port_src) == 32);
G_STATIC_ASSERT(G_STRUCT_OFFSET(tcpedu_seqan_item, port_dst) == 64);
G_STATIC_ASSERT(G_STRUCT_OFFSET(tcpedu_seqan_item, frame_label) == 72);
G_STATIC_ASSERT(G_STRUCT_OFFSET(tcpedu_seqan_item, comment) == 88);
G_STATIC_ASSERT(G_STRUCT_OFFSET(tcpedu_seqan_item, conv_num) == 96);
G_STATIC_ASSERT(G_STRUCT_OFFSET(tcpedu_seqan_info, items) == 16);
#if TCPEDU_WS_AT_LEAST(4, 4)
G_STATIC_ASSERT(G_STRUCT_OFFSET(tcpedu_seqan_item, display) == 109);
G_STATIC_ASSERT(G_STRUCT_OFFSET(tcpedu_seqan_item, line_style) == 120);
G_STATIC_ASSERT(G_STRUCT_OFFSET(tcpedu_seqan_item, info_ptr) == 128);
#else
G_STATIC_ASSERT(G_STRUCT_OFFSET(tcpedu_seqan_item, display) == 112);
G_STATIC_ASSERT(G_STRUCT_OFFSET(tcpedu_seqan_item, line_style) == 124);
G_STATIC_ASSERT(G_STRUCT_OFFSET(tcpedu_seqan_item, info_ptr) == 136);
#endif
#if TCPEDU_WS_AT_LEAST(4, 6)
G_STATIC_ASSERT(sizeof(tcpedu_seqan_item) == 144);
#elif TCPEDU_WS_AT_LEAST(4, 4)
G_STATIC_ASSERT(sizeof(tcpedu_seqan_item) == 136);
#else
G_STATIC_ASSERT(sizeof(tcpedu_seqan_item) == 144);
#endif
#endif /* GLIB_SIZEOF_VOID_P == 8 */

/* libwireshark's functions, declared with tcpedu's names for the structs
 * (the same ABI: pointers to the structures above). */
extern void register_seq_analysis(const char *name, const char *ui_name, const int proto_id,
                                  const char *tap_listener, unsigned tap_flags, tap_packet_cb tap_func);
extern tcpedu_seqan_item *sequence_analysis_create_sai_with_addresses(packet_info *pinfo,
                                                                      tcpedu_seqan_info *sainfo);
extern void sequence_analysis_use_color_filter(packet_info *pinfo, tcpedu_seqan_item *sai);

#endif /* TCPEDU_SEQAN */

#endif /* TCPEDU_SEQAN_COMPAT_H */
