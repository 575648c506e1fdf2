/*
 * packet-tcpedu.c - the Wireshark glue of tcpedu, a post-dissector that
 * explains where each TCP segment stands in its connection's lifecycle.
 *
 * First pass (!PINFO_FD_VISITED): read each TCP header as IP hands it to TCP
 * (a hook in "ip.proto", below), find the connection, run the observer,
 * store the result per frame in file scope.  No TCP field is asked for, so
 * tshark builds no tree just for tcpedu (docs/PERFORMANCE.md); server names
 * are the exception (tcpedu-sites.c).  Every pass: turn the stored result
 * into tree items, expert info and the Info column.  Nothing is read from
 * the packet on later passes, so tshark -2 and a click in the GUI show the
 * same tree as the first pass (plus what only later frames could tell:
 * answered_by, revised guesses, the final outcome).
 */
#include "tcpedu_compat.h"

#include <string.h>

#include <epan/to_str.h>
#include <epan/conversation.h>
#include <epan/exceptions.h>
#include <epan/dissectors/packet-tcp.h>
#include <epan/expert.h>
#include <epan/packet.h>
#include <epan/prefs.h>
#include <epan/proto_data.h>
#include <epan/tap.h>

#include "packet-tcpedu.h"
#include "tcpedu-render.h"
#include "tcpedu_catalogue.h"
#include "tcpedu_mem.h"
#include "tcpedu_observer.h"
#include "tcpedu-sites.h"
#include "tcpedu_time.h"

/* The protocol, its handle (for set_postdissector_wanted_hfids) and the
 * protocols whose layers matter: TCP itself and the ICMPs that quote TCP
 * headers inside error messages. */
static int proto_tcpedu = -1;
static int proto_tcp = -1;
static int proto_icmp = -1;
static int proto_icmpv6 = -1;
static dissector_handle_t tcpedu_handle;
static int tcpedu_tap = -1;

/* Display-filter fields (docs/FIELDS.md lists them with their values). */
static int hf_tcpedu_stream = -1;
static int hf_tcpedu_conn = -1;
static int hf_tcpedu_direction = -1;
static int hf_tcpedu_phase = -1;
static int hf_tcpedu_step = -1;
static int hf_tcpedu_step_total = -1;
static int hf_tcpedu_segment = -1;
static int hf_tcpedu_rule = -1;
static int hf_tcpedu_retransmission = -1;
static int hf_tcpedu_sender_state_before = -1;
static int hf_tcpedu_sender_state_after = -1;
static int hf_tcpedu_receiver_state_before = -1;
static int hf_tcpedu_receiver_state_after = -1;
static int hf_tcpedu_sender_state_inferred = -1;
static int hf_tcpedu_receiver_state_inferred = -1;
static int hf_tcpedu_sender_since = -1;
static int hf_tcpedu_receiver_since = -1;
static int hf_tcpedu_receiver_crossed = -1;
static int hf_tcpedu_revises = -1;
static int hf_tcpedu_answers = -1;
static int hf_tcpedu_answered_by = -1;
static int hf_tcpedu_isn = -1;
static int hf_tcpedu_isn_inferred = -1;
static int hf_tcpedu_seq_raw = -1;
static int hf_tcpedu_seq_relative = -1;
static int hf_tcpedu_ack_raw = -1;
static int hf_tcpedu_ack_relative = -1;
static int hf_tcpedu_ack_expected = -1;
static int hf_tcpedu_ack_ok = -1;
static int hf_tcpedu_rst_check = -1;
static int hf_tcpedu_anomaly = -1;
static int hf_tcpedu_handshake_complete = -1;
static int hf_tcpedu_conn_outcome = -1;
static int hf_tcpedu_conn_roles = -1;
static int hf_tcpedu_conn_client = -1;
static int hf_tcpedu_conn_server = -1;
static int hf_tcpedu_conn_isn_client = -1;
static int hf_tcpedu_conn_isn_server = -1;
static int hf_tcpedu_conn_teardown = -1;
static int hf_tcpedu_conn_first_closer = -1;
static int hf_tcpedu_conn_reused = -1;
static int hf_tcpedu_handshake_frame = -1;
static int hf_tcpedu_teardown_frame = -1;
static int hf_tcpedu_quoted = -1;
static int hf_tcpedu_headline = -1;
static int hf_tcpedu_label = -1;
static int hf_tcpedu_flags_explain = -1;
static int hf_tcpedu_seq_explain = -1;
static int hf_tcpedu_ack_explain = -1;
static int hf_tcpedu_sender_state_explain = -1;
static int hf_tcpedu_receiver_state_explain = -1;
static int hf_tcpedu_hdr_len = -1;
static int hf_tcpedu_hdr_words = -1;
static int hf_tcpedu_hdr_explain = -1;
static int hf_tcpedu_window_value = -1;
static int hf_tcpedu_window_shift = -1;
static int hf_tcpedu_window_size = -1;
static int hf_tcpedu_window_explain = -1;
static int hf_tcpedu_opt_mss = -1;
static int hf_tcpedu_opt_wscale = -1;
static int hf_tcpedu_opt_sack_perm = -1;
static int hf_tcpedu_opt_tsval = -1;
static int hf_tcpedu_opt_tsecr = -1;
static int hf_tcpedu_opt_tfo = -1;
static int hf_tcpedu_opt_explain = -1;
static int hf_tcpedu_rtt_synack = -1;
static int hf_tcpedu_rtt_ack = -1;
static int hf_tcpedu_rtt_total = -1;
static int hf_tcpedu_rtt_explain = -1;
static int hf_tcpedu_teardown_time = -1;
static int hf_tcpedu_teardown_explain = -1;
static int hf_tcpedu_conn_eff_wscale = -1;
static int hf_tcpedu_conn_eff_sack = -1;
static int hf_tcpedu_conn_eff_ts = -1;
static int hf_tcpedu_conn_eff_ecn = -1;
static int hf_tcpedu_conn_mss_client = -1;
static int hf_tcpedu_conn_mss_server = -1;
static int hf_tcpedu_layers_dropped = -1;

static gint ett_tcpedu = -1;
static gint ett_tcpedu_states = -1;
static gint ett_tcpedu_numbers = -1;
static gint ett_tcpedu_conn = -1;
static gint ett_tcpedu_flags = -1;
static gint ett_tcpedu_header = -1;
static gint ett_tcpedu_options = -1;
static gint ett_tcpedu_timing = -1;
static gint ett_tcpedu_filter = -1;

/* One expert field per observer anomaly, in the order of
 * tcpedu_anomalies.h, plus the two the glue itself raises. */
static expert_field ei_tcpedu_anomaly[TCPEDU_A_COUNT];
static expert_field ei_tcpedu_malformed = EI_INIT;
static expert_field ei_tcpedu_quoted = EI_INIT;
static expert_field ei_tcpedu_time_unusable = EI_INIT;
static expert_field ei_tcpedu_layers_dropped = EI_INIT;
static expert_field ei_tcpedu_unseen = EI_INIT;

/* Preferences: language of the texts, and the Info column prefix. */
static gint pref_language = TCPEDU_LANG_EN;
static tcpedu_pref_bool pref_info_prefix = TRUE;
static tcpedu_pref_bool pref_full_tree = FALSE;
static tcpedu_pref_bool pref_huge_pages = TRUE;

/* TCP layers read per frame; the rest are counted and reported
 * (tcpedu.layers_dropped).  Layers past TCPEDU_LAYER_NUM_MAX (see
 * tcpedu_compat.h) are dropped too: their layer number has wrapped. */
#define TCPEDU_MAX_LAYERS 8

/* Per-capture state (file scope, rebuilt by tcpedu_init for each file). */
static guint32 conn_count;

/* A light connection's one segment (see tcpedu_gconn), packed into 40
 * bytes: its frame is in the connection (light_frame), its window is the
 * 16-bit field as sent, its options are unpacked.  It is kept where that
 * segment's verdict goes once the connection is made. */
struct tcpedu_light {
    gint64 t_ns;
    guint32 seq, ack, len;
    guint32 tsval, tsecr;
    guint16 win;
    guint16 flags;
    guint16 mss;
    guint8 hdr_len;
    guint8 side;
    guint8 why;     /* tcpedu_new the connection was made with */
    guint8 opt_present, wscale, tfo_cookie_len;
};

/* What tcpedu stores for the whole capture, per TCP header: the verdict
 * and the connection, not the header (the hook reads it again on every
 * pass; tcpedu_fentry joins the two).  48 bytes (issue 8's budget per
 * frame): the verdict's rare members are apart (rare_map).  The first
 * segment of a light connection keeps the segment instead: its verdict is
 * made again when needed (entry_verdict). */
typedef struct {
    union {
        tcpedu_verdict v;   /* FE_SEGMENT, not light; the observer may update it later */
        struct tcpedu_light light;  /* light */
    } u;
    guint32 ref;            /* FE_SEGMENT: the connection's index (conn_at); else the stream */
    guint8 what : 3;        /* fe_what */
    guint8 has_stream : 1;
    guint8 used : 1;        /* the frame's first entry: tcpedu read this frame */
    guint8 odd_stream : 1;  /* FE_SEGMENT whose stream is not its connection's (odd_streams) */
    guint8 light : 1;       /* FE_SEGMENT: the only segment of a light connection (u.light) */
    guint8 n;               /* first entry: TCP headers read in the frame (<= TCPEDU_MAX_LAYERS) */
} tcpedu_stored;
/* issue 8's budget: at most 48 bytes stored per frame */
G_STATIC_ASSERT(sizeof(tcpedu_stored) <= 48);

/* Tables by a dense 32-bit number (frame page, connection index, stream
 * number), grown by doubling: a pointer or an index per number, against a
 * list node and a key per entry for p_add_proto_data or a node per entry
 * for a map. */
typedef struct {
    gpointer *p;
    guint64 cap;
} ptr_tab;

typedef struct {
    guint32 *p;
    guint64 cap;
} idx_tab;

/* Make room for number @p num in an array of @p *cap elements of @p size
 * bytes; the new elements are zero.  The arrays are tcpedu_mem tables:
 * huge pages once they are big (tcpedu_mem.h). */
static void *tab_grow(void *p, guint64 *cap, gsize size, guint32 num)
{
    if (num >= *cap) {
        guint64 n = *cap ? *cap : 4096;
        void *q;
        while (n <= num)
            n = MIN(n * 2, (guint64)G_MAXUINT32 + 1);
        q = tcpedu_mem_table0((size_t)n * size);
        if (p)
            memcpy(q, p, (size_t)*cap * size);
        tcpedu_mem_table_free(p);
        p = q;
        *cap = n;
    }
    return p;
}

static gpointer tab_get(const ptr_tab *t, guint32 num)
{
    return num < t->cap ? t->p[num] : NULL;
}

static void tab_put(ptr_tab *t, guint32 num, gpointer v)
{
    t->p = (gpointer *)tab_grow(t->p, &t->cap, sizeof *t->p, num);
    t->p[num] = v;
}

static void tab_free(ptr_tab *t)
{
    tcpedu_mem_table_free(t->p);
    t->p = NULL;
    t->cap = 0;
}

static guint32 idx_get(const idx_tab *t, guint32 num)
{
    return num < t->cap ? t->p[num] : 0;
}

static void idx_put(idx_tab *t, guint32 num, guint32 v)
{
    t->p = (guint32 *)tab_grow(t->p, &t->cap, sizeof *t->p, num);
    t->p[num] = v;
}

/* The frames' first entries live in pages of FRAME_PAGE frames, indexed
 * by frame number: no pointer, no allocation and no chunk header per
 * frame.  A page is made when a frame in it has a TCP header; entries
 * never move, so the observer's pointers to verdicts stay valid.  The
 * rare entries past the first (tunnels, ICMP quotes) are in extra_entries,
 * the rare streams that differ from their connection's in odd_streams. */
#define FRAME_PAGE_BITS 10
#define FRAME_PAGE (1u << FRAME_PAGE_BITS)
static ptr_tab frame_pages;       /* frame number >> FRAME_PAGE_BITS -> tcpedu_stored[FRAME_PAGE] */
static wmem_map_t *extra_entries; /* frame number -> tcpedu_stored[n - 1] (entries 1 .. n-1) */
static wmem_map_t *odd_streams;   /* frame number -> guint32[n]: the streams of its odd entries */
static idx_tab stream_tab;        /* tcp.stream -> index of its latest tcpedu_gconn (0 = none) */

/* Connections, in pages indexed by tcpedu_gconn.index (1, 2, ...): no
 * chunk header and no table of pointers per connection; they never move. */
#define CONN_PAGE_BITS 10
#define CONN_PAGE (1u << CONN_PAGE_BITS)
static ptr_tab conn_pages;        /* index >> CONN_PAGE_BITS -> tcpedu_gconn[CONN_PAGE] */
static const tcpedu_gconn *peek_owner; /* the light connection in tcpedu_gconn_peek()'s buffer */

/* Connection @p index (not 0). */
static tcpedu_gconn *conn_at(guint32 index)
{
    tcpedu_gconn *page = (tcpedu_gconn *)tab_get(&conn_pages, index >> CONN_PAGE_BITS);
    return page ? &page[index & (CONN_PAGE - 1)] : NULL;
}

/* The latest connection of each 4-tuple: open addressing with linear
 * probing.  A slot keeps the tuple's hash beside the connection's index,
 * so that a probe reads a connection only when the hashes match, and
 * growing reads none. */
typedef struct {
    guint32 hash;
    guint32 index;  /* 0 = empty */
} tuple_slot;
static tuple_slot *tuples;
static guint32 tuple_mask;        /* slots - 1; 0 = no table yet */
static guint32 tuple_used;

static tcpedu_stored *frame_slot(guint32 num, gboolean make)
{
    tcpedu_stored *page = (tcpedu_stored *)tab_get(&frame_pages, num >> FRAME_PAGE_BITS);
    if (!page) {
        if (!make)
            return NULL;
        page = (tcpedu_stored *)tcpedu_mem_alloc0(FRAME_PAGE * sizeof *page);
        tab_put(&frame_pages, num >> FRAME_PAGE_BITS, page);
    }
    return &page[num & (FRAME_PAGE - 1)];
}

/* The stored first entry of frame @p num, NULL if tcpedu did not read it. */
static tcpedu_stored *frame_get(guint32 num)
{
    tcpedu_stored *st = frame_slot(num, FALSE);
    return st && st->used ? st : NULL;
}

/* Entry @p i of frame @p num, whose first entry is @p first. */
static tcpedu_stored *frame_entry(tcpedu_stored *first, guint32 num, guint i)
{
    if (i == 0)
        return first;
    return (tcpedu_stored *)wmem_map_lookup(extra_entries, GUINT_TO_POINTER(num)) + (i - 1);
}

static void tcpedu_cleanup(void)
{
    tab_free(&frame_pages);
    tcpedu_mem_table_free(stream_tab.p);
    stream_tab.p = NULL;
    stream_tab.cap = 0;
    tab_free(&conn_pages);
    tcpedu_mem_table_free(tuples);
    tuples = NULL;
    tuple_mask = tuple_used = 0;
    /* the pages of frames and connections and the observer's records */
    tcpedu_mem_reset();
}

/* The rare members of stored verdicts (tcpedu_rare: an expected
 * acknowledgment number the segment did not carry, a crossed or a revised
 * frame), by the verdict's address.  Few segments have any, and keeping
 * them apart makes the stored verdict 40 bytes instead of 52. */
static wmem_map_t *rare_map;

static tcpedu_rare *file_rare(void *ctx _U_, const tcpedu_verdict *v, bool make)
{
    tcpedu_rare *r = (tcpedu_rare *)wmem_map_lookup(rare_map, v);
    if (make) {
        if (!r) {
            r = wmem_new(wmem_file_scope(), tcpedu_rare);
            wmem_map_insert(rare_map, v, r);
        }
        memset(r, 0, sizeof *r);
    }
    return r;
}
static const tcpedu_rare_store file_store = {file_rare, NULL};

/* tcpedu_gconn_peek()'s buffer holds one connection with one verdict
 * (peek_v, or a copy of it): its rare members are here. */
static tcpedu_rare peek_rare;

static tcpedu_rare *peek_rare_get(void *ctx _U_, const tcpedu_verdict *v _U_, bool make)
{
    if (make)
        memset(&peek_rare, 0, sizeof peek_rare);
    return &peek_rare;
}
static const tcpedu_rare_store peek_store = {peek_rare_get, NULL};

static void tcpedu_init(void)
{
    tcpedu_cleanup();
    tcpedu_mem_set_huge(pref_huge_pages);  /* nothing is allocated: takes effect for this capture */
    peek_owner = NULL;
    rare_map = wmem_map_new(wmem_file_scope(), g_direct_hash, g_direct_equal);
    extra_entries = wmem_map_new(wmem_file_scope(), g_direct_hash, g_direct_equal);
    odd_streams = wmem_map_new(wmem_file_scope(), g_direct_hash, g_direct_equal);
    conn_count = 0;
    tcpedu_sites_init();
}

/* ---- the TCP header, read where IP hands it to TCP --------------------
 *
 * tcpedu does not ask Wireshark for TCP's fields: any wanted field makes
 * every dissector build a (hidden) tree for every frame, which cost more
 * than everything tcpedu does itself (docs/PERFORMANCE.md).  Instead a
 * protocol-less handle takes TCP's place in "ip.proto" (which IPv4, IPv6
 * and every tunnel that re-enters IP use, ICMP's quoted headers included),
 * reads the header from the bytes IP hands over, calls the dissector that
 * was there before (TCP), and then, on the first pass, asks the
 * conversation TCP used for its stream number.  The post-dissector finds
 * one record per TCP layer, keyed by that layer's position in
 * pinfo->layers.  It does so on every pass: the header is not stored for
 * the whole capture, only the verdict (tcpedu_stored).
 */
typedef struct {
    guint8 fixed;         /* the 20 fixed bytes were captured and the data offset is >= 5 */
    guint8 has_stream;
    guint32 stream;       /* tcp.stream */
    tcpedu_addr src, dst; /* from the IP layer below */
    tcpedu_segment seg;   /* sport .. options; frame, time and side are set later */
} tcpedu_hooked;

static dissector_handle_t tcp_handle;  /* what "ip.proto" 6 held before the hook */
static dissector_handle_t hook_handle;
static protocol_t *tcpedu_protocol;

static void addr_from(const address *a, tcpedu_addr *out)
{
    memset(out, 0, sizeof *out);
    if ((a->type == AT_IPv4 && a->len == 4) || (a->type == AT_IPv6 && a->len == 16)) {
        out->len = (guint8)a->len;
        memcpy(out->b, a->data, (size_t)a->len);
    }
}

/* The options tcpedu explains, as Wireshark's TCP dissector reads them:
 * the first of each kind counts; a wrong length ends the walk. */
static void parse_options(tvbuff_t *tvb, guint off, guint end, tcpedu_options *o)
{
    while (off < end) {
        guint8 kind = TCPEDU_TVB_U8(tvb, off), len;
        if (kind == 0)
            break;
        if (kind == 1) {
            off++;
            continue;
        }
        if (off + 1 >= end)
            break;
        len = TCPEDU_TVB_U8(tvb, off + 1);
        if (len < 2 || off + len > end)
            break;
        switch (kind) {
        case 2: /* MSS */
            if (len != 4)
                return;
            if (!(o->present & TCPEDU_OPT_MSS)) {
                o->present |= TCPEDU_OPT_MSS;
                o->mss = tvb_get_ntohs(tvb, off + 2);
            }
            break;
        case 3: /* window scale */
            if (len != 3)
                return;
            if (!(o->present & TCPEDU_OPT_WSCALE)) {
                o->present |= TCPEDU_OPT_WSCALE;
                o->wscale = TCPEDU_TVB_U8(tvb, off + 2);
            }
            break;
        case 4: /* SACK permitted */
            if (len != 2)
                return;
            o->present |= TCPEDU_OPT_SACK_PERM;
            break;
        case 8: /* timestamps */
            if (len != 10)
                return;
            if (!(o->present & TCPEDU_OPT_TS)) {
                o->present |= TCPEDU_OPT_TS;
                o->tsval = tvb_get_ntohl(tvb, off + 2);
                o->tsecr = tvb_get_ntohl(tvb, off + 6);
            }
            break;
        case 34: /* Fast Open (RFC 7413) */
            if (!(o->present & TCPEDU_OPT_TFO)) {
                o->present |= TCPEDU_OPT_TFO;
                o->tfo_cookie_len = (guint8)(len - 2);
            }
            break;
        case 254: /* experimental; Fast Open before RFC 7413 has magic 0xF989 */
            if (len >= 4 && tvb_get_ntohs(tvb, off + 2) == 0xF989 && !(o->present & TCPEDU_OPT_TFO)) {
                o->present |= TCPEDU_OPT_TFO;
                o->tfo_cookie_len = (guint8)(len - 4);
            }
            break;
        default:
            break;
        }
        off += len;
    }
}

static void parse_header(tvbuff_t *tvb, tcpedu_hooked *h)
{
    tcpedu_segment *s = &h->seg;
    guint caplen = tvb_captured_length(tvb), replen = tvb_reported_length(tvb), hlen;

    if (caplen < 20)
        return;
    hlen = (TCPEDU_TVB_U8(tvb, 12) >> 4) * 4u;
    if (hlen < 20 || hlen > replen)
        return;
    h->fixed = 1;
    s->sport = tvb_get_ntohs(tvb, 0);
    s->dport = tvb_get_ntohs(tvb, 2);
    s->seq = tvb_get_ntohl(tvb, 4);
    s->ack = tvb_get_ntohl(tvb, 8);
    s->flags = tvb_get_ntohs(tvb, 12) & 0x0FFF;
    s->win = tvb_get_ntohs(tvb, 14);
    s->hdr_len = (guint8)hlen;
    s->len = replen - hlen;
    parse_options(tvb, 20, MIN(hlen, caplen), &s->opt);
}

/* TCP's stream number: the conversation TCP used for this header. */
static void find_stream(packet_info *pinfo, const address *src, const address *dst, tcpedu_hooked *h)
{
    conversation_t *conv = find_conversation(pinfo->num, src, dst, CONVERSATION_TCP, h->seg.sport,
                                             h->seg.dport, 0);
    struct tcp_analysis *tcpd = conv ? (struct tcp_analysis *)conversation_get_proto_data(conv, proto_tcp)
                                     : NULL;
    if (tcpd) {
        h->has_stream = 1;
        h->stream = tcpd->stream;
    }
}

static void tuple_prefetch(const tcpedu_hooked *h);

static int dissect_tcp_hook(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree, void *data)
{
    tcpedu_hooked *h = NULL;
    address src, dst;
    volatile int ret = 0;
    guint layer;

    if (!tcp_handle)
        return 0;
    if (!proto_is_protocol_enabled(tcpedu_protocol))
        return call_dissector_with_data(tcp_handle, tvb, pinfo, tree, data);
    layer = wmem_list_count(pinfo->layers) + 1; /* TCP's layer, once TCP has added it */
    h = wmem_new0(pinfo->pool, tcpedu_hooked);
    parse_header(tvb, h);
    if (PINFO_FD_VISITED(pinfo)) {
        /* the header is not stored: it is read again on every pass */
        p_add_proto_data(pinfo->pool, pinfo, proto_tcpedu, (guint32)layer, h);
        return call_dissector_with_data(tcp_handle, tvb, pinfo, tree, data);
    }
    addr_from(&pinfo->src, &h->src);
    addr_from(&pinfo->dst, &h->dst);
    if (h->fixed && (h->seg.flags & TCPEDU_F_SYN))
        tuple_prefetch(h);
    copy_address_shallow(&src, &pinfo->src);
    copy_address_shallow(&dst, &pinfo->dst);
    p_add_proto_data(pinfo->pool, pinfo, proto_tcpedu, (guint32)layer, h);
    /* TCP may throw (a header cut short): the stream is still looked up,
     * and the exception goes on to IP as if tcpedu were not here. */
    TRY {
        ret = call_dissector_with_data(tcp_handle, tvb, pinfo, tree, data);
    }
    FINALLY {
        if (h->fixed)
            find_stream(pinfo, &src, &dst, h);
    }
    ENDTRY;
    return ret;
}

/* Is protocol layer @p layer inside an ICMP error (a quoted header)? */
static gboolean layer_is_quoted(packet_info *pinfo, int layer)
{
    wmem_list_frame_t *f;
    int n = 1;

    for (f = wmem_list_head(pinfo->layers); f && n < layer; f = wmem_list_frame_next(f), n++) {
        int p = GPOINTER_TO_INT(wmem_list_frame_data(f));
        if (p == proto_icmp || p == proto_icmpv6)
            return TRUE;
    }
    return FALSE;
}

/* Fill @p e from the hook's record of the TCP header at layer @p layer
 * (the same on every pass, but for the stream: that is only looked up on
 * the first).  Returns that record, NULL if there is none. */
static const tcpedu_hooked *read_layer(packet_info *pinfo, int layer, tcpedu_fentry *e)
{
    const tcpedu_hooked *h = (const tcpedu_hooked *)p_get_proto_data(pinfo->pool, pinfo, proto_tcpedu,
                                                                     (guint32)layer);
    tcpedu_segment *s = &e->seg;

    memset(e, 0, sizeof *e);
    if (!h) {
        /* TCP was reached without passing through "ip.proto" */
        e->what = layer_is_quoted(pinfo, layer) ? FE_QUOTED : FE_UNSEEN;
        return NULL;
    }
    *s = h->seg;
    s->frame = pinfo->num;
    /* a time outside int64 nanoseconds (after 2262-04-11) saturates */
    e->time_unusable = !tcpedu_time_from((int64_t)pinfo->abs_ts.secs, pinfo->abs_ts.nsecs, &s->t_ns);
    e->has_stream = h->has_stream;
    e->stream = h->stream;
    if (layer_is_quoted(pinfo, layer)) {
        e->what = FE_QUOTED;
        return h;
    }
    /* Without these the header cannot be placed; never guess them. */
    if (!h->fixed || !h->has_stream) {
        e->what = FE_MALFORMED;
        return h;
    }
    e->what = FE_SEGMENT;
    return h;
}

/* ---- connections --------------------------------------------------- */

static gboolean addr_eq(const tcpedu_addr *a, const tcpedu_addr *b)
{
    return a->len == b->len && memcmp(a->b, b->b, a->len) == 0;
}

/* The tuple table: a connection's own 4-tuple is its key, the same in both
 * directions (a probe for a lookup fills addr[] and port[] only). */
static guint endpoint_hash(const tcpedu_addr *a, guint16 port)
{
    guint h = 2166136261u ^ port, i;
    for (i = 0; i < a->len; i++)
        h = (h ^ a->b[i]) * 16777619u;
    return h;
}

static guint32 tuple_hash(const tcpedu_gconn *g)
{
    /* order-independent: both directions hash alike */
    guint32 h = endpoint_hash(&g->addr[0], g->port[0]) + endpoint_hash(&g->addr[1], g->port[1]);
    /* then mixed, so that the low bits the table uses depend on all of
     * them (a scan differs only in a port and an address byte, and linear
     * probing clusters on poor low bits): MurmurHash3's finaliser */
    h ^= h >> 16;
    h *= 0x85ebca6bu;
    h ^= h >> 13;
    h *= 0xc2b2ae35u;
    h ^= h >> 16;
    return h;
}

static gboolean tuple_equal(const tcpedu_gconn *a, const tcpedu_gconn *b)
{
    if (a->port[0] == b->port[0] && a->port[1] == b->port[1] && addr_eq(&a->addr[0], &b->addr[0]) &&
        addr_eq(&a->addr[1], &b->addr[1]))
        return TRUE;
    return a->port[0] == b->port[1] && a->port[1] == b->port[0] && addr_eq(&a->addr[0], &b->addr[1]) &&
           addr_eq(&a->addr[1], &b->addr[0]);
}

/* A SYN usually starts a stream tcpedu has not seen, whose 4-tuple the
 * post-dissector looks up after TCP's dissection: asking for the slot now
 * overlaps that cache miss (one per new connection, in a table of 16 MB
 * for a million) with TCP's work.  Only a hint. */
static void tuple_prefetch(const tcpedu_hooked *h)
{
#if defined(__GNUC__)
    tcpedu_gconn probe;
    if (!tuple_mask)
        return;
    probe.port[0] = h->seg.sport;
    probe.port[1] = h->seg.dport;
    probe.addr[0] = h->src;
    probe.addr[1] = h->dst;
    __builtin_prefetch(&tuples[tuple_hash(&probe) & tuple_mask]);
#else
    (void)h;
#endif
}

/* The previous connection on @p g's 4-tuple, NULL if none. */
static tcpedu_gconn *conn_prev(const tcpedu_gconn *g)
{
    return g->reused_from ? conn_at(g->reused_from) : NULL;
}

/* The slot of @p probe's 4-tuple (hash @p h): its connection, or the
 * empty slot where it goes. */
static tuple_slot *tuple_slot_of(const tcpedu_gconn *probe, guint32 h)
{
    guint32 i = h & tuple_mask;
    while (tuples[i].index && (tuples[i].hash != h || !tuple_equal(conn_at(tuples[i].index), probe)))
        i = (i + 1) & tuple_mask;
    return &tuples[i];
}

static tcpedu_gconn *tuple_find(const tcpedu_gconn *probe)
{
    guint32 index;
    if (!tuple_mask)
        return NULL;
    index = tuple_slot_of(probe, tuple_hash(probe))->index;
    return index ? conn_at(index) : NULL;
}

/* @p g becomes the latest connection of its 4-tuple. */
static void tuple_set(const tcpedu_gconn *g)
{
    guint32 h = tuple_hash(g);
    tuple_slot *sl;

    if ((guint64)(tuple_used + 1) * 4 > (guint64)tuple_mask * 3) {
        /* at most 3/4 full: twice the slots, placed by the kept hashes */
        guint32 old = tuple_mask ? tuple_mask + 1 : 0, i;
        tuple_slot *was = tuples;
        tuple_mask = old ? old * 2 - 1 : 1023;
        tuples = (tuple_slot *)tcpedu_mem_table0(((gsize)tuple_mask + 1) * sizeof *tuples);
        for (i = 0; i < old; i++) {
            guint32 j = was[i].hash & tuple_mask;
            if (!was[i].index)
                continue;
            while (tuples[j].index)
                j = (j + 1) & tuple_mask;
            tuples[j] = was[i];
        }
        tcpedu_mem_table_free(was);
    }
    sl = tuple_slot_of(g, h);
    if (!sl->index)
        tuple_used++;
    sl->hash = h;
    sl->index = g->index;
}

static void light_segment(const tcpedu_gconn *g, const struct tcpedu_light *l, tcpedu_segment *s)
{
    memset(s, 0, sizeof *s);
    s->frame = g->light_frame;
    s->t_ns = l->t_ns;
    s->side = l->side;
    s->sport = g->port[l->side];
    s->dport = g->port[!l->side];
    s->flags = l->flags;
    s->seq = l->seq;
    s->ack = l->ack;
    s->len = l->len;
    s->win = l->win;
    s->hdr_len = l->hdr_len;
    s->opt.present = l->opt_present;
    s->opt.wscale = l->wscale;
    s->opt.tfo_cookie_len = l->tfo_cookie_len;
    s->opt.mss = l->mss;
    s->opt.tsval = l->tsval;
    s->opt.tsecr = l->tsecr;
}

/* The observer's record of light @p g, made again in @p c (its verdicts'
 * rare members in @p rare); @p v gets the verdict on its segment again,
 * the same as the one stored. */
static void replay(const tcpedu_gconn *g, const struct tcpedu_light *l, tcpedu_conn *c,
                   tcpedu_verdict *v, const tcpedu_rare_store *rare)
{
    tcpedu_segment s;
    light_segment(g, l, &s);
    tcpedu_conn_init(c, (tcpedu_new)l->why, rare);
    tcpedu_observe(c, &s, v);
}

/* tcpedu_gconn_peek()'s buffer (peek_owner says whose it is). */
static tcpedu_conn peek_rec;
static tcpedu_verdict peek_v;

tcpedu_conn *tcpedu_gconn_obs(const tcpedu_gconn *cg)
{
    /* the record is the same whether made now or before: not a change */
    tcpedu_gconn *g = (tcpedu_gconn *)cg;
    if (!g->obs_rec) {
        tcpedu_stored *st = (tcpedu_stored *)g->light_slot;
        struct tcpedu_light l = st->u.light;
        g->obs_rec = (tcpedu_conn *)tcpedu_mem_alloc0(sizeof(tcpedu_conn));
        g->light_slot = NULL;
        st->light = 0;
        /* observed into the stored verdict: the observer keeps pointers to it */
        replay(g, &l, g->obs_rec, &st->u.v, &file_store);
        if (peek_owner == g)
            peek_owner = NULL;
    }
    return g->obs_rec;
}

const tcpedu_conn *tcpedu_gconn_peek(const tcpedu_gconn *g)
{
    if (g->obs_rec)
        return g->obs_rec;
    if (peek_owner != g) {
        replay(g, &((const tcpedu_stored *)g->light_slot)->u.light, &peek_rec, &peek_v, &peek_store);
        peek_owner = g;
    }
    return &peek_rec;
}

static tcpedu_gconn *new_conn(const tcpedu_fentry *e, const tcpedu_addr *src,
                              const tcpedu_addr *dst, guint32 reused_from)
{
    tcpedu_gconn *g;
    guint32 index = ++conn_count;

    if (!tab_get(&conn_pages, index >> CONN_PAGE_BITS))
        tab_put(&conn_pages, index >> CONN_PAGE_BITS,
                tcpedu_mem_alloc0(CONN_PAGE * sizeof(tcpedu_gconn)));
    g = conn_at(index);
    g->index = index;
    g->stream = e->stream;
    g->reused_from = reused_from;
    g->port[0] = e->seg.sport;
    g->port[1] = e->seg.dport;
    g->addr[0] = *src;
    g->addr[1] = *dst;
    tcpedu_sites_new_conn(g);
    return g;
}

/* Which side of @p g sent a segment from (src, sport). */
static guint8 side_of(const tcpedu_gconn *g, const tcpedu_addr *src, guint16 sport, guint16 dport)
{
    if (g->port[0] != g->port[1])
        return (sport == g->port[0] && dport == g->port[1]) ? 0 : 1;
    return addr_eq(src, &g->addr[0]) ? 0 : 1;
}

/* First pass: find (or start) the connection and run the observer. */
static void observe_entry(tcpedu_fentry *e, tcpedu_stored *st, const tcpedu_addr *src,
                          const tcpedu_addr *dst)
{
    guint32 known = idx_get(&stream_tab, e->stream);
    tcpedu_gconn *g = known ? conn_at(known) : NULL;
    tcpedu_new why = TCPEDU_NEW_NO;
    struct tcpedu_light *l;

    /* A stream Wireshark has not shown before may still continue the
     * connection of its 4-tuple (Wireshark split off e.g. a stray SYN+FIN
     * probe); the observer decides, as it does for a SYN inside a stream. */
    if (!g) {
        tcpedu_gconn probe;
        probe.port[0] = e->seg.sport;
        probe.port[1] = e->seg.dport;
        probe.addr[0] = *src;
        probe.addr[1] = *dst;
        g = tuple_find(&probe);
    }
    if (g) {
        e->seg.side = side_of(g, src, e->seg.sport, e->seg.dport);
        why = tcpedu_conn_is_new(tcpedu_gconn_obs(g), &e->seg);
    }
    if (g && why == TCPEDU_NEW_PORT_REUSE) {
        /* A SYN storm: a SYN with the ISN of an earlier, unanswered attempt
         * on this 4-tuple is a retransmission of that SYN, not a new
         * connection. */
        tcpedu_gconn *p;
        int depth = 0;
        for (p = conn_prev(g); p && depth < 16; p = conn_prev(p), depth++) {
            guint8 side = side_of(p, src, e->seg.sport, e->seg.dport);
            const tcpedu_conn *pc = tcpedu_gconn_peek(p);
            const tcpedu_endpoint *S = &pc->ep[side];
            if (S->syn_sent && !S->synack_sent && S->isn == e->seg.seq && !pc->reset &&
                !pc->hs_complete && tcpedu_conn_is_new(pc, &e->seg) == TCPEDU_NEW_NO) {
                /* that attempt is the 4-tuple's current connection again */
                tuple_set(p);
                idx_put(&stream_tab, e->stream, p->index);
                e->seg.side = side;
                e->conn = p;
                st->ref = p->index;
                tcpedu_observe(tcpedu_gconn_obs(p), &e->seg, &st->u.v);
                return;
            }
        }
    }
    if (g && why == TCPEDU_NEW_NO) {
        idx_put(&stream_tab, e->stream, g->index);
        e->conn = g;
        st->ref = g->index;
        tcpedu_observe(tcpedu_gconn_obs(g), &e->seg, &st->u.v);
        return;
    }

    /* A new connection; the old record is kept as it was. */
    {
        tcpedu_gconn *old = g;
        g = new_conn(e, src, dst, g ? g->index : 0);
        tuple_set(g);
        if ((e->seg.flags & (TCPEDU_F_SYN | TCPEDU_F_ACK | TCPEDU_F_RST)) == TCPEDU_F_SYN) {
            /* A SYN shows who the client of this 4-tuple is: it revises the
             * guess from the ports of earlier connections that started
             * mid-stream (still inferred). */
            tcpedu_gconn *p;
            int depth = 0;
            for (p = old; p && depth < 16; p = conn_prev(p), depth++)
                if (tcpedu_gconn_peek(p)->roles == TCPEDU_ROLES_GUESSED)
                    tcpedu_gconn_obs(p)->client = (gint8)side_of(p, src, e->seg.sport, e->seg.dport);
        }
    }
    idx_put(&stream_tab, e->stream, g->index);
    e->seg.side = side_of(g, src, e->seg.sport, e->seg.dport);
    e->conn = g;
    st->ref = g->index;
    /* Light until a second segment or a reader needs the observer's record:
     * observed in tcpedu_gconn_peek()'s buffer, which then holds it; the
     * segment is kept where its verdict goes (entry_verdict). */
    l = &st->u.light;
    l->t_ns = e->seg.t_ns;
    l->seq = e->seg.seq;
    l->ack = e->seg.ack;
    l->len = e->seg.len;
    l->win = (guint16)e->seg.win; /* the header's 16-bit field (parse_header) */
    l->flags = e->seg.flags;
    l->hdr_len = e->seg.hdr_len;
    l->side = e->seg.side;
    l->why = (guint8)why;
    l->opt_present = e->seg.opt.present;
    l->wscale = e->seg.opt.wscale;
    l->tfo_cookie_len = e->seg.opt.tfo_cookie_len;
    l->mss = e->seg.opt.mss;
    l->tsval = e->seg.opt.tsval;
    l->tsecr = e->seg.opt.tsecr;
    st->light = 1;
    g->light_slot = st;
    g->light_frame = e->seg.frame;
    tcpedu_conn_init(&peek_rec, why, &peek_store);
    tcpedu_observe(&peek_rec, &e->seg, &peek_v);
    peek_owner = g;
}

/* The verdict of entry @p e (stored as @p st) on this pass.  A light
 * connection is made when @p make (a tree, or a tap listener that may keep
 * the verdict's address); otherwise @p e gets a copy of its verdict made
 * again, in pinfo->pool. */
static void entry_verdict(packet_info *pinfo, tcpedu_fentry *e, tcpedu_stored *st, gboolean make)
{
    tcpedu_verdict *v;
    if (st->light && make)
        tcpedu_gconn_obs(e->conn);
    if (!st->light) {
        e->v = &st->u.v;
        return;
    }
    tcpedu_gconn_peek(e->conn);
    v = wmem_new(pinfo->pool, tcpedu_verdict);
    *v = peek_v;
    e->v = v;
}

/* The layer numbers of the frame's TCP layers that tcpedu reads (at most
 * TCPEDU_MAX_LAYERS), from the list of layers; the others are counted in
 * @p dropped.  The same on every pass. */
static guint tcp_layers(packet_info *pinfo, int layers[TCPEDU_MAX_LAYERS], guint *dropped)
{
    wmem_list_frame_t *lf;
    guint n = 0;
    int pos = 1;

    *dropped = 0;
    for (lf = wmem_list_head(pinfo->layers); lf; lf = wmem_list_frame_next(lf), pos++) {
        if (GPOINTER_TO_INT(wmem_list_frame_data(lf)) != proto_tcp)
            continue;
        if (n < TCPEDU_MAX_LAYERS && pos <= TCPEDU_LAYER_NUM_MAX)
            layers[n++] = pos;
        else
            ++*dropped;
    }
    return n;
}

/* A view of the frame for this pass (pinfo->pool): each header as the
 * hook read it; @p hooks gets the hook's record of each (NULL: none). */
static tcpedu_frame *frame_view(packet_info *pinfo, const int layers[], guint n, guint dropped,
                                const tcpedu_hooked *hooks[])
{
    tcpedu_frame *fr = (tcpedu_frame *)wmem_alloc(pinfo->pool, sizeof *fr + n * sizeof fr->e[0]);
    guint i;

    fr->n = n;
    fr->dropped = dropped;
    for (i = 0; i < n; i++)
        hooks[i] = read_layer(pinfo, layers[i], &fr->e[i]);
    return fr;
}

/* First pass: store an entry per TCP header and run the observer. */
static tcpedu_frame *first_pass(packet_info *pinfo, proto_tree *tree, gboolean make)
{
    tcpedu_stored *first, *extra = NULL;
    guint32 *odd = NULL;
    tcpedu_frame *fr;
    int layers[TCPEDU_MAX_LAYERS];
    const tcpedu_hooked *hooks[TCPEDU_MAX_LAYERS];
    guint i, n, dropped;

    n = tcp_layers(pinfo, layers, &dropped);
    if (n == 0 && dropped == 0)
        return NULL;
    fr = frame_view(pinfo, layers, n, dropped, hooks);
    /* the first entry holds the counts, so there is one even when n == 0 */
    first = frame_slot(pinfo->num, TRUE);
    first->used = 1;
    first->n = (guint8)n;
    if (n > 1) {
        extra = (tcpedu_stored *)wmem_alloc0(wmem_file_scope(), (n - 1) * sizeof *extra);
        wmem_map_insert(extra_entries, GUINT_TO_POINTER(pinfo->num), extra);
    }
    for (i = 0; i < n; i++) {
        tcpedu_fentry *e = &fr->e[i];
        tcpedu_stored *st = i == 0 ? first : &extra[i - 1];
        st->what = e->what;
        st->has_stream = e->has_stream;
        st->ref = e->stream;
        if (e->what != FE_SEGMENT)
            continue;
        observe_entry(e, st, &hooks[i]->src, &hooks[i]->dst);
        if (e->stream != e->conn->stream) {
            /* Wireshark gave this segment a stream of its own but the
             * observer kept it in its 4-tuple's connection (rare) */
            if (!odd) {
                odd = (guint32 *)wmem_alloc0(wmem_file_scope(), n * sizeof *odd);
                wmem_map_insert(odd_streams, GUINT_TO_POINTER(pinfo->num), odd);
            }
            odd[i] = e->stream;
            st->odd_stream = 1;
        }
    }
    for (i = 0; i < n; i++) {
        tcpedu_fentry *e = &fr->e[i];
        if (e->what != FE_SEGMENT)
            continue;
        entry_verdict(pinfo, e, i == 0 ? first : &extra[i - 1], make);
        if (tree)
            tcpedu_sites_segment(tree, layers[i], i + 1 < n ? layers[i + 1] : G_MAXINT, e->conn,
                                 e->seg.side, pinfo->num);
    }
    return fr;
}

/* A later pass: the headers read again, joined with what was stored. */
static tcpedu_frame *later_pass(packet_info *pinfo, tcpedu_stored *first, gboolean make)
{
    tcpedu_frame *fr;
    int layers[TCPEDU_MAX_LAYERS];
    const tcpedu_hooked *hooks[TCPEDU_MAX_LAYERS];
    guint i, n, dropped;

    n = tcp_layers(pinfo, layers, &dropped);
    if (n != first->n)  /* cannot happen: dissection is the same on every pass */
        return NULL;
    fr = frame_view(pinfo, layers, n, dropped, hooks);
    for (i = 0; i < n; i++) {
        tcpedu_fentry *e = &fr->e[i];
        tcpedu_stored *st = frame_entry(first, pinfo->num, i);
        e->what = st->what;
        e->has_stream = st->has_stream;
        e->stream = st->ref;
        if (e->what != FE_SEGMENT)
            continue;
        if (!hooks[i] || !hooks[i]->fixed) {
            /* not read again on this pass: say so rather than show zeros */
            e->what = FE_UNSEEN;
            continue;
        }
        e->conn = conn_at(st->ref);
        e->stream = st->odd_stream
                        ? ((const guint32 *)wmem_map_lookup(odd_streams, GUINT_TO_POINTER(pinfo->num)))[i]
                        : e->conn->stream;
        entry_verdict(pinfo, e, st, make);
        e->seg.side = (guint8)e->v->side;
    }
    return fr;
}

/* ---- display --------------------------------------------------------- */

static const char *dir_or_closer_name(unsigned d)
{
    return d == TCPEDU_DIR_C2S ? "client" : d == TCPEDU_DIR_S2C ? "server" : "unknown";
}

int tcpedu_pref_language(void)
{
    return pref_language;
}

static tcpedu_lang lang_now(void)
{
    return (tcpedu_lang)pref_language;
}

/* The text of @p t in the preferred language; both joined for "both". */
static const char *text_of(const tcpedu_text *t, wmem_allocator_t *scope)
{
    if (lang_now() == TCPEDU_LANG_BOTH)
        return wmem_strdup_printf(scope, "%s / %s", t->en, t->zh);
    return tcpedu_cat_pick(t, lang_now());
}

/* Steps of the segment's handshake or teardown style (0 = no such phase).
 * In the Info column on every frame: peeks, so a light connection stays. */
static unsigned step_total(const tcpedu_fentry *e)
{
    if (e->v->phase == TCPEDU_PH_HANDSHAKE)
        return tcpedu_conn_hs_total(tcpedu_gconn_peek(e->conn));
    if (e->v->phase == TCPEDU_PH_TEARDOWN)
        return tcpedu_conn_td_total(tcpedu_gconn_peek(e->conn));
    return 0;
}

/* "Handshake 2/3", "Teardown 1", "Reset", "Data". */
static const char *step_label(const tcpedu_fentry *e, wmem_allocator_t *scope, tcpedu_lang lang)
{
    const tcpedu_verdict *v = e->v;
    const tcpedu_text *ph = tcpedu_cat_phase(v->phase);
    const char *name = lang == TCPEDU_LANG_ZH ? ph->zh
                     : lang == TCPEDU_LANG_BOTH ? wmem_strdup_printf(scope, "%s/%s", ph->en, ph->zh)
                     : ph->en;
    unsigned total;

    if (v->step == 0)
        return name;
    total = step_total(e);
    if (total >= v->step)
        return wmem_strdup_printf(scope, "%s %u/%u", name, v->step, total);
    return wmem_strdup_printf(scope, "%s %u", name, v->step);
}

/* "192.0.2.1:80" or "[fd77::1]:8080": Wireshark's own address formatting
 * (RFC 5952 short form for IPv6), never name resolution. */
char *tcpedu_addr_port_str(wmem_allocator_t *scope, const tcpedu_addr *a, guint16 port)
{
    address addr;
    char *s, *r;

    if (a->len != 4 && a->len != 16)
        return wmem_strdup_printf(scope, "?:%u", port);
    set_address(&addr, a->len == 4 ? AT_IPv4 : AT_IPv6, a->len, a->b);
    s = address_to_str(NULL, &addr);
    r = a->len == 4 ? wmem_strdup_printf(scope, "%s:%u", s, port)
                    : wmem_strdup_printf(scope, "[%s]:%u", s, port);
    wmem_free(NULL, s);
    return r;
}

/* Text appended to an item's label, only where the tree is shown: in a
 * hidden tree (-T fields, -Y) an item nobody asked for is "faked" as its
 * parent, whose label must not change, and formatting it costs time. */
#define APPEND_SHOWN(tree, ti, ...)                          \
    do {                                                     \
        if (PTREE_DATA(tree)->visible)                       \
            proto_item_append_text((ti), __VA_ARGS__);       \
    } while (0)

/* A generated number.  An enumerated field shows its name: see
 * enum_fields in proto_register_tcpedu. */
static proto_item *add_gen_uint(proto_tree *tree, int hf, tvbuff_t *tvb, guint32 val)
{
    proto_item *it = proto_tree_add_uint(tree, hf, tvb, 0, 0, val);
    proto_item_set_generated(it);
    return it;
}

static void add_gen_bool(proto_tree *tree, int hf, tvbuff_t *tvb, gboolean val)
{
    proto_item_set_generated(proto_tree_add_boolean(tree, hf, tvb, 0, 0, val));
}

static gboolean wanted(proto_tree *t, int hf);

/* A generated item that filters and -T fields see but the tree does not show
 * (the compact tree's facts, and what a line above already says).  It is
 * made in every shown tree: PDML and JSON print hidden items, and tshark 4.0
 * does not mark the fields of -e as referenced (its -T fields reads the
 * whole shown tree). */
static void add_hidden_uint(proto_tree *tree, int hf, tvbuff_t *tvb, guint32 val)
{
    proto_item *it = proto_tree_add_uint(tree, hf, tvb, 0, 0, val);
    proto_item_set_generated(it);
    proto_item_set_hidden(it);
}

static void add_hidden_string(proto_tree *tree, int hf, tvbuff_t *tvb, const char *val)
{
    proto_item *it = proto_tree_add_string(tree, hf, tvb, 0, 0, val);
    proto_item_set_generated(it);
    proto_item_set_hidden(it);
}

static void add_hidden_bool(proto_tree *tree, int hf, tvbuff_t *tvb, gboolean val)
{
    proto_item *it = proto_tree_add_boolean(tree, hf, tvb, 0, 0, val);
    proto_item_set_generated(it);
    proto_item_set_hidden(it);
}

static void add_text(proto_tree *tree, int hf, tvbuff_t *tvb, packet_info *pinfo, unsigned id)
{
    if (!wanted(tree, hf))
        return;
    proto_item_set_generated(proto_tree_add_string(tree, hf, tvb, 0, 0,
                                                   text_of(tcpedu_cat_text(id), pinfo->pool)));
}

/* A duration, unless either time is unusable (tcpedu_time.h). */
static void add_time(proto_tree *tree, int hf, tvbuff_t *tvb, gint64 from_ns, gint64 to_ns)
{
    nstime_t d;
    int64_t ns;
    if (!tcpedu_time_diff(from_ns, to_ns, &ns))
        return;
    d.secs = (time_t)(ns / 1000000000);
    d.nsecs = (int)(ns % 1000000000);
    proto_item_set_generated(proto_tree_add_time(tree, hf, tvb, 0, 0, &d));
}

static gboolean both_offer(const tcpedu_conn *c, guint8 opt)
{
    return c->ep[0].syn_sent && c->ep[1].syn_sent && (c->ep[0].syn_opt.present & opt) &&
           (c->ep[1].syn_opt.present & opt);
}

/* ECN is negotiated when the client's SYN has ECE+CWR and the SYN-ACK ECE
 * alone (RFC 3168 section 6.1.1). */
static gboolean ecn_negotiated(const tcpedu_conn *c)
{
    int cl = c->client;
    if (cl < 0 || !c->ep[0].syn_sent || !c->ep[1].syn_sent)
        return FALSE;
    return c->ep[cl].syn_flags_ecn == 2 && c->ep[!cl].syn_flags_ecn == 1;
}

/* Handshake timing: SYN -> SYN-ACK and SYN-ACK -> ACK as seen at the
 * capture point (three-way handshakes only). */
static void show_rtt(proto_tree *tree, tvbuff_t *tvb, packet_info *pinfo, const tcpedu_conn *c)
{
    if (c->simultaneous_open || !c->hs_frame[0] || !c->hs_frame[1])
        return;
    add_time(tree, hf_tcpedu_rtt_synack, tvb, c->hs_t[0], c->hs_t[1]);
    if (c->hs_frame[2]) {
        add_time(tree, hf_tcpedu_rtt_ack, tvb, c->hs_t[1], c->hs_t[2]);
        add_time(tree, hf_tcpedu_rtt_total, tvb, c->hs_t[0], c->hs_t[2]);
    }
    add_text(tree, hf_tcpedu_rtt_explain, tvb, pinfo, TCPEDU_T_RTT);
}

static void show_conn(proto_tree *tree, tvbuff_t *tvb, packet_info *pinfo, const tcpedu_gconn *g)
{
    const tcpedu_conn *c = tcpedu_gconn_obs(g);
    proto_tree *ct;
    proto_item *ti;
    unsigned i, td_total = tcpedu_conn_td_total(c);
    int cl = c->client < 0 ? 0 : c->client;

    ct = proto_tree_add_subtree_format(tree, tvb, 0, 0, ett_tcpedu_conn, &ti,
                                       "Connection %u (outcome: %s)", g->index,
                                       tcpedu_outcome_name(tcpedu_conn_outcome(c)));
    proto_item_set_generated(ti);
    if (wanted(ct, hf_tcpedu_conn_client))
        proto_item_set_generated(proto_tree_add_string(ct, hf_tcpedu_conn_client, tvb, 0, 0,
                                 tcpedu_addr_port_str(pinfo->pool, &g->addr[cl], g->port[cl])));
    if (wanted(ct, hf_tcpedu_conn_server))
        proto_item_set_generated(proto_tree_add_string(ct, hf_tcpedu_conn_server, tvb, 0, 0,
                                 tcpedu_addr_port_str(pinfo->pool, &g->addr[!cl], g->port[!cl])));
    add_gen_uint(ct, hf_tcpedu_conn_roles, tvb, c->roles);
    if (c->ep[cl].syn_sent || c->ep[cl].isn_from_peer) {
        ti = proto_tree_add_uint(ct, hf_tcpedu_conn_isn_client, tvb, 0, 0, c->ep[cl].isn);
        proto_item_set_generated(ti);
        if (c->ep[cl].isn_from_peer)
            APPEND_SHOWN(ct, ti, " (inferred from the SYN-ACK)");
    }
    if (c->ep[!cl].syn_sent)
        add_gen_uint(ct, hf_tcpedu_conn_isn_server, tvb, c->ep[!cl].isn);
    add_gen_bool(ct, hf_tcpedu_handshake_complete, tvb, c->hs_complete);
    for (i = 0; i < 4; i++)
        if (c->hs_frame[i])
            add_gen_uint(ct, hf_tcpedu_handshake_frame, tvb, c->hs_frame[i]);
    show_rtt(ct, tvb, pinfo, c);
    if (c->ep[0].syn_sent && c->ep[1].syn_sent) {
        if (c->ep[cl].syn_opt.present & TCPEDU_OPT_MSS)
            add_gen_uint(ct, hf_tcpedu_conn_mss_client, tvb, c->ep[cl].syn_opt.mss);
        if (c->ep[!cl].syn_opt.present & TCPEDU_OPT_MSS)
            add_gen_uint(ct, hf_tcpedu_conn_mss_server, tvb, c->ep[!cl].syn_opt.mss);
        add_gen_bool(ct, hf_tcpedu_conn_eff_wscale, tvb, both_offer(c, TCPEDU_OPT_WSCALE));
        add_gen_bool(ct, hf_tcpedu_conn_eff_sack, tvb, both_offer(c, TCPEDU_OPT_SACK_PERM));
        add_gen_bool(ct, hf_tcpedu_conn_eff_ts, tvb, both_offer(c, TCPEDU_OPT_TS));
        add_gen_bool(ct, hf_tcpedu_conn_eff_ecn, tvb, ecn_negotiated(c));
    }
    add_gen_uint(ct, hf_tcpedu_conn_teardown, tvb, tcpedu_conn_td_style(c));
    if (wanted(ct, hf_tcpedu_teardown_explain))
        proto_item_set_generated(proto_tree_add_string(ct, hf_tcpedu_teardown_explain, tvb, 0, 0,
                             text_of(tcpedu_cat_td_style(tcpedu_conn_td_style(c)), pinfo->pool)));
    for (i = 0; i < 4; i++)
        if (c->td_frame[i])
            add_gen_uint(ct, hf_tcpedu_teardown_frame, tvb, c->td_frame[i]);
    if (td_total && c->td_steps == td_total)
        add_time(ct, hf_tcpedu_teardown_time, tvb, c->td_t[0], c->td_t[td_total - 1]);
    if (c->first_closer >= 0)
        add_gen_uint(ct, hf_tcpedu_conn_first_closer, tvb,
                     c->first_closer == c->client ? TCPEDU_DIR_C2S : TCPEDU_DIR_S2C);
    /* the outcome is in the line above */
    add_hidden_uint(ct, hf_tcpedu_conn_outcome, tvb, tcpedu_conn_outcome(c));
    if (g->reused_from)
        add_gen_uint(ct, hf_tcpedu_conn_reused, tvb, g->reused_from);
    tcpedu_sites_show_conn(ct, tvb, pinfo, g);
}

/* Only a later pass knows that no answer ever came: that is said on the
 * SYN that would have been answered. */
static gboolean syn_never_answered(packet_info *pinfo, const tcpedu_fentry *e)
{
    const tcpedu_conn *c;
    if (!PINFO_FD_VISITED(pinfo) || e->v->kind != TCPEDU_SEG_SYN)
        return FALSE;
    c = tcpedu_gconn_peek(e->conn);  /* also without a tree: peeks */
    return tcpedu_conn_outcome(c) == TCPEDU_OUT_SYN_UNANSWERED && c->hs_frame[0] == e->seg.frame;
}

static void add_expert(packet_info *pinfo, proto_item *ti, unsigned a)
{
    expert_add_info_format(pinfo, ti, &ei_tcpedu_anomaly[a], "%s",
                           text_of(tcpedu_cat_anomaly(a), pinfo->pool));
}

/* The flags that matter for this segment, and why. */
static void show_flags(proto_tree *t, tvbuff_t *tvb, packet_info *pinfo, const tcpedu_fentry *e)
{
    const tcpedu_verdict *v = e->v;
    guint16 f = e->seg.flags;
    proto_item *ti;
    proto_tree *ft = proto_tree_add_subtree_format(t, tvb, 0, 0, ett_tcpedu_flags, &ti,
                                                   "Flags: SYN=%d ACK=%d FIN=%d RST=%d",
                                                   !!(f & TCPEDU_F_SYN), !!(f & TCPEDU_F_ACK),
                                                   !!(f & TCPEDU_F_FIN), !!(f & TCPEDU_F_RST));
    proto_item_set_generated(ti);
    if ((f & (TCPEDU_F_SYN | TCPEDU_F_ACK | TCPEDU_F_RST)) == TCPEDU_F_SYN) {
        add_text(ft, hf_tcpedu_flags_explain, tvb, pinfo, TCPEDU_T_FLAG_SYN_ONLY);
        if ((f & (TCPEDU_F_ECE | TCPEDU_F_CWR)) == (TCPEDU_F_ECE | TCPEDU_F_CWR))
            add_text(ft, hf_tcpedu_flags_explain, tvb, pinfo, TCPEDU_T_FLAG_ECN_SETUP);
    } else if ((f & (TCPEDU_F_SYN | TCPEDU_F_ACK | TCPEDU_F_RST)) == (TCPEDU_F_SYN | TCPEDU_F_ACK)) {
        add_text(ft, hf_tcpedu_flags_explain, tvb, pinfo, TCPEDU_T_FLAG_SYN_ACK);
        if ((f & (TCPEDU_F_ECE | TCPEDU_F_CWR)) == TCPEDU_F_ECE)
            add_text(ft, hf_tcpedu_flags_explain, tvb, pinfo, TCPEDU_T_FLAG_ECN_ACCEPT);
    } else if (f & TCPEDU_F_RST) {
        add_text(ft, hf_tcpedu_flags_explain, tvb, pinfo, TCPEDU_T_FLAG_RST);
    } else if (!(f & TCPEDU_F_ACK)) {
        add_text(ft, hf_tcpedu_flags_explain, tvb, pinfo, TCPEDU_T_FLAG_ACK_MISSING);
    } else if (f & TCPEDU_F_FIN) {
        add_text(ft, hf_tcpedu_flags_explain, tvb, pinfo, TCPEDU_T_FLAG_FIN);
    } else if (v->phase == TCPEDU_PH_HANDSHAKE && v->step == 3) {
        add_text(ft, hf_tcpedu_flags_explain, tvb, pinfo, TCPEDU_T_FLAG_HS_ACK);
    } else {
        add_text(ft, hf_tcpedu_flags_explain, tvb, pinfo, TCPEDU_T_FLAG_ACK_ALWAYS);
    }
}

/* Which text explains this segment's acknowledgment number. */
static unsigned ack_text(const tcpedu_fentry *e)
{
    const tcpedu_verdict *v = e->v;
    if (!(e->seg.flags & TCPEDU_F_ACK))
        return TCPEDU_T_ACK_NONE;
    if (v->ack_check == TCPEDU_ACKCHK_BAD)
        return TCPEDU_T_ACK_WRONG;
    if (v->ack_check == TCPEDU_ACKCHK_OK) {
        if (v->kind == TCPEDU_SEG_SYN_ACK)
            return tcpedu_gconn_obs(e->conn)->tfo_accepted ? TCPEDU_T_ACK_SYN_DATA : TCPEDU_T_ACK_SYN;
        if (v->phase == TCPEDU_PH_HANDSHAKE)
            return TCPEDU_T_ACK_SYN;
        return TCPEDU_T_ACK_FIN;
    }
    return TCPEDU_T_ACK_NEXT;
}

unsigned tcpedu_ack_text_id(const tcpedu_fentry *e)
{
    return ack_text(e);
}

static void show_numbers(proto_tree *t, tvbuff_t *tvb, packet_info *pinfo, const tcpedu_fentry *e)
{
    const tcpedu_verdict *v = e->v;
    const tcpedu_endpoint *S = &tcpedu_gconn_obs(e->conn)->ep[v->side];
    proto_item *ti;
    proto_tree *st = proto_tree_add_subtree_format(t, tvb, 0, 0, ett_tcpedu_numbers, &ti,
                                                   "Sequence number %u (relative %u)",
                                                   e->seg.seq, v->rel_seq);
    proto_item_set_generated(ti);
    if (e->seg.flags & TCPEDU_F_ACK)
        APPEND_SHOWN(t, ti, ", acknowledgment number %u (relative %u)", e->seg.ack, v->rel_ack);
    if (S->syn_sent || S->isn_from_peer) {
        /* a SYN's own number is its ISN, as the line above and the
         * sentence below say */
        if ((e->seg.flags & TCPEDU_F_SYN) && e->seg.seq == S->isn) {
            add_hidden_uint(st, hf_tcpedu_isn, tvb, S->isn);
        } else {
            ti = add_gen_uint(st, hf_tcpedu_isn, tvb, S->isn);
            if (S->isn_from_peer)
                APPEND_SHOWN(st, ti, " (inferred)");
        }
        add_hidden_bool(st, hf_tcpedu_isn_inferred, tvb, S->isn_from_peer);
    }
    /* raw and relative numbers are in the line above (hidden, for filters) */
    add_hidden_uint(st, hf_tcpedu_seq_raw, tvb, e->seg.seq);
    add_hidden_uint(st, hf_tcpedu_seq_relative, tvb, v->rel_seq);
    if (e->seg.flags & TCPEDU_F_SYN)
        add_text(st, hf_tcpedu_seq_explain, tvb, pinfo, TCPEDU_T_SEQ_ISN);
    else if (e->seg.flags & TCPEDU_F_FIN)
        add_text(st, hf_tcpedu_seq_explain, tvb, pinfo, TCPEDU_T_SEQ_FIN);
    else
        add_text(st, hf_tcpedu_seq_explain, tvb, pinfo, TCPEDU_T_SEQ_DATA);
    add_text(st, hf_tcpedu_seq_explain, tvb, pinfo,
             (S->syn_sent || S->isn_from_peer) ? TCPEDU_T_SEQ_RELATIVE : TCPEDU_T_SEQ_NO_ISN);
    if (e->seg.flags & TCPEDU_F_ACK) {
        add_hidden_uint(st, hf_tcpedu_ack_raw, tvb, e->seg.ack);
        if (v->rel_ack_valid)
            add_hidden_uint(st, hf_tcpedu_ack_relative, tvb, v->rel_ack);
    }
    if (v->ack_check != TCPEDU_ACKCHK_NONE) {
        add_gen_uint(st, hf_tcpedu_ack_expected, tvb, tcpedu_entry_ack_expected(e));
        add_gen_bool(st, hf_tcpedu_ack_ok, tvb, v->ack_check == TCPEDU_ACKCHK_OK);
    }
    add_text(st, hf_tcpedu_ack_explain, tvb, pinfo, ack_text(e));
}

static void show_header(proto_tree *t, tvbuff_t *tvb, packet_info *pinfo, const tcpedu_fentry *e)
{
    const tcpedu_conn *c = tcpedu_gconn_obs(e->conn);
    const tcpedu_endpoint *S = &c->ep[e->v->side];
    proto_item *ti;
    proto_tree *ht = proto_tree_add_subtree_format(t, tvb, 0, 0, ett_tcpedu_header, &ti,
                                                   "Header %u bytes (%u words), window %u",
                                                   e->seg.hdr_len, e->seg.hdr_len / 4u, e->seg.win);
    proto_item_set_generated(ti);
    if (!(e->seg.flags & (TCPEDU_F_SYN | TCPEDU_F_RST)) && both_offer(c, TCPEDU_OPT_WSCALE))
        APPEND_SHOWN(t, ti, " (x%u = %u bytes)", 1u << MIN(S->syn_opt.wscale, 14),
                               e->seg.win << MIN(S->syn_opt.wscale, 14));
    /* length, words and window are in the line above (hidden, for filters) */
    add_hidden_uint(ht, hf_tcpedu_hdr_len, tvb, e->seg.hdr_len);
    add_hidden_uint(ht, hf_tcpedu_hdr_words, tvb, e->seg.hdr_len / 4u);
    add_text(ht, hf_tcpedu_hdr_explain, tvb, pinfo, TCPEDU_T_HDR_LEN);
    add_hidden_uint(ht, hf_tcpedu_window_value, tvb, e->seg.win);
    if (e->seg.flags & TCPEDU_F_SYN) {
        add_text(ht, hf_tcpedu_window_explain, tvb, pinfo, TCPEDU_T_WIN_SYN);
    } else if (!(c->ep[0].syn_sent && c->ep[1].syn_sent) || e->seg.flags & TCPEDU_F_RST) {
        if (!(e->seg.flags & TCPEDU_F_RST))
            add_text(ht, hf_tcpedu_window_explain, tvb, pinfo, TCPEDU_T_WIN_UNKNOWN);
    } else if (both_offer(c, TCPEDU_OPT_WSCALE)) {
        guint shift = MIN(S->syn_opt.wscale, 14);
        add_gen_uint(ht, hf_tcpedu_window_shift, tvb, shift);
        add_gen_uint(ht, hf_tcpedu_window_size, tvb, e->seg.win << shift);
        add_text(ht, hf_tcpedu_window_explain, tvb, pinfo, TCPEDU_T_WIN_SCALED);
    } else {
        add_gen_uint(ht, hf_tcpedu_window_size, tvb, e->seg.win);
        add_text(ht, hf_tcpedu_window_explain, tvb, pinfo, TCPEDU_T_WIN_NOT_SCALED);
    }
}

/* Options offered in a SYN or accepted in a SYN-ACK (and timestamps). */
static void show_options(proto_tree *t, tvbuff_t *tvb, packet_info *pinfo, const tcpedu_fentry *e)
{
    const tcpedu_options *o = &e->seg.opt;
    gboolean syn = (e->seg.flags & TCPEDU_F_SYN) != 0;
    proto_item *ti;
    proto_tree *ot;

    if (!o->present || !syn)
        return;
    ot = proto_tree_add_subtree(t, tvb, 0, 0, ett_tcpedu_options, &ti,
                                (e->seg.flags & TCPEDU_F_ACK) ? "Options accepted (SYN-ACK)"
                                                              : "Options offered (SYN)");
    proto_item_set_generated(ti);
    if (o->present & TCPEDU_OPT_MSS) {
        add_gen_uint(ot, hf_tcpedu_opt_mss, tvb, o->mss);
        add_text(ot, hf_tcpedu_opt_explain, tvb, pinfo, TCPEDU_T_OPT_MSS);
    }
    if (o->present & TCPEDU_OPT_WSCALE) {
        add_gen_uint(ot, hf_tcpedu_opt_wscale, tvb, o->wscale);
        add_text(ot, hf_tcpedu_opt_explain, tvb, pinfo, TCPEDU_T_OPT_WSCALE);
    }
    if (o->present & TCPEDU_OPT_SACK_PERM) {
        add_gen_bool(ot, hf_tcpedu_opt_sack_perm, tvb, TRUE);
        add_text(ot, hf_tcpedu_opt_explain, tvb, pinfo, TCPEDU_T_OPT_SACK_PERM);
    }
    if (o->present & TCPEDU_OPT_TS) {
        add_gen_uint(ot, hf_tcpedu_opt_tsval, tvb, o->tsval);
        add_gen_uint(ot, hf_tcpedu_opt_tsecr, tvb, o->tsecr);
        add_text(ot, hf_tcpedu_opt_explain, tvb, pinfo,
                 (e->seg.flags & TCPEDU_F_ACK) ? TCPEDU_T_OPT_TS_ECHO : TCPEDU_T_OPT_TS_SYN);
    }
    if (o->present & TCPEDU_OPT_TFO) {
        add_gen_uint(ot, hf_tcpedu_opt_tfo, tvb, o->tfo_cookie_len);
        add_text(ot, hf_tcpedu_opt_explain, tvb, pinfo,
                 o->tfo_cookie_len ? TCPEDU_T_OPT_TFO_COOKIE : TCPEDU_T_OPT_TFO_REQUEST);
    }
    add_text(ot, hf_tcpedu_opt_explain, tvb, pinfo, TCPEDU_T_OPT_EFFECTIVE);
}

/* Does this segment ask its receiver for a change that the capture shows
 * only on the receiver's answer (the convention in tcpedu_observer.h)? A
 * SYN (to LISTEN), a SYN-ACK (to SYN-SENT), a FIN reaching FIN-WAIT-2. */
/* The sentence for a state that this segment leaves unchanged. */
static unsigned unchanged_text(const tcpedu_verdict *v, gboolean sender)
{
    guint32 since = sender ? v->sender_since : v->receiver_since;
    if (!sender && v->no_change)
        return TCPEDU_T_ST_NO_CHANGE;
    if (sender && v->rule == TCPEDU_X_HS_SYNACK && v->sender_after == TCPEDU_ST_SYN_RECEIVED && since)
        return TCPEDU_T_ST_SYNACK_FROM_SR;
    if (sender && v->rule == TCPEDU_X_TD_FINAL_ACK && v->sender_after == TCPEDU_ST_TIME_WAIT && since)
        return v->dir == TCPEDU_DIR_S2C ? TCPEDU_T_ST_TW_SERVER : TCPEDU_T_ST_TW_CLIENT;
    return since && since != v->frame ? TCPEDU_T_ST_SINCE : TCPEDU_T_ST_UNCHANGED;
}

static void add_since(proto_tree *tree, int hf, tvbuff_t *tvb, guint32 frame)
{
    if (frame)
        proto_item_set_generated(proto_tree_add_uint(tree, hf, tvb, 0, 0, frame));
}

/* Since when a side is in its state: said when that is an earlier frame;
 * when it is this one, the arrow in the line above says so (hidden). */
static void add_state_since(proto_tree *tree, int hf, tvbuff_t *tvb, guint32 since, guint32 frame)
{
    if (since == frame)
        add_hidden_uint(tree, hf, tvb, since);
    else
        add_since(tree, hf, tvb, since);
}

static const char *state_change(wmem_allocator_t *scope, guint8 before, guint8 after)
{
    if (before == after)
        return wmem_strdup_printf(scope, "stays %s", tcpedu_state_name(after));
    return wmem_strdup_printf(scope, "%s -> %s", tcpedu_state_name(before), tcpedu_state_name(after));
}

/* Is the sender's (receiver's) state before or after this segment a guess? */
static gboolean sender_inferred(const tcpedu_verdict *v)
{
    return (v->inferred & (TCPEDU_INF_SENDER_BEFORE | TCPEDU_INF_SENDER_AFTER)) != 0;
}

static gboolean receiver_inferred(const tcpedu_verdict *v)
{
    return (v->inferred & (TCPEDU_INF_RECEIVER_BEFORE | TCPEDU_INF_RECEIVER_AFTER)) != 0;
}

/* "Sender CLOSED -> SYN-SENT, receiver LISTEN -> SYN-RECEIVED (inferred)":
 * the states line of the full and the compact tree; the subtree under it. */
static proto_tree *states_line(proto_tree *t, tvbuff_t *tvb, packet_info *pinfo, const tcpedu_verdict *v)
{
    gboolean vis = PTREE_DATA(t)->visible;
    proto_item *ti;
    proto_tree *st = proto_tree_add_subtree_format(t, tvb, 0, 0, ett_tcpedu_states, &ti,
                                                   "Sender %s%s, receiver %s%s",
                                                   vis ? state_change(pinfo->pool, v->sender_before, v->sender_after) : "",
                                                   sender_inferred(v) ? " (inferred)" : "",
                                                   vis ? state_change(pinfo->pool, v->receiver_before, v->receiver_after) : "",
                                                   receiver_inferred(v) ? " (inferred)" : "");
    proto_item_set_generated(ti);
    return st;
}

static void show_states(proto_tree *t, tvbuff_t *tvb, packet_info *pinfo, const tcpedu_fentry *e)
{
    const tcpedu_verdict *v = e->v;
    const tcpedu_conn *c = tcpedu_gconn_peek(e->conn);
    guint32 crossed = tcpedu_verdict_crossed(c, v), revises = tcpedu_verdict_revises(c, v);
    gboolean s_inf = sender_inferred(v);
    gboolean r_inf = receiver_inferred(v);
    proto_tree *st = states_line(t, tvb, pinfo, v);

    /* The four states and the inferred bits are in the line above: the
     * fields are there for filters and columns, hidden. */
    add_hidden_uint(st, hf_tcpedu_sender_state_before, tvb, v->sender_before);
    add_hidden_uint(st, hf_tcpedu_sender_state_after, tvb, v->sender_after);
    add_state_since(st, hf_tcpedu_sender_since, tvb, v->sender_since, v->frame);
    if (wanted(st, hf_tcpedu_sender_state_explain))
        proto_item_set_generated(proto_tree_add_string(st, hf_tcpedu_sender_state_explain, tvb, 0, 0,
        text_of(v->sender_after == v->sender_before ? tcpedu_cat_text(unchanged_text(v, TRUE))
                                                    : tcpedu_cat_state(v->sender_after), pinfo->pool)));
    add_hidden_uint(st, hf_tcpedu_receiver_state_before, tvb, v->receiver_before);
    add_hidden_uint(st, hf_tcpedu_receiver_state_after, tvb, v->receiver_after);
    add_state_since(st, hf_tcpedu_receiver_since, tvb, v->receiver_since, v->frame);
    if (wanted(st, hf_tcpedu_receiver_state_explain))
        proto_item_set_generated(proto_tree_add_string(st, hf_tcpedu_receiver_state_explain, tvb, 0, 0,
        text_of(v->receiver_after == v->receiver_before ? tcpedu_cat_text(unchanged_text(v, FALSE))
                                                        : tcpedu_cat_state(v->receiver_after), pinfo->pool)));
    if (v->rule == TCPEDU_X_TD_FIN_COMBINED && v->receiver_after == TCPEDU_ST_TIME_WAIT)
        add_text(st, hf_tcpedu_receiver_state_explain, tvb, pinfo, TCPEDU_T_ST_THREE_SEGMENT);
    if (crossed) {
        add_since(st, hf_tcpedu_receiver_crossed, tvb, crossed);
        add_text(st, hf_tcpedu_receiver_state_explain, tvb, pinfo, TCPEDU_T_ST_CROSSED);
    }
    if (revises) {
        add_since(st, hf_tcpedu_revises, tvb, revises);
        add_text(st, hf_tcpedu_sender_state_explain, tvb, pinfo, TCPEDU_T_ST_REVISES);
    }
    add_hidden_bool(st, hf_tcpedu_sender_state_inferred, tvb, s_inf);
    add_hidden_bool(st, hf_tcpedu_receiver_state_inferred, tvb, r_inf);
    if (s_inf || r_inf)
        add_text(st, hf_tcpedu_receiver_state_explain, tvb, pinfo, TCPEDU_T_ST_INFERRED);
}

/* Is a field of this tree shown or asked for?  A hidden tree (a filter, a
 * column; -T fields from 4.4 on) builds only the fields asked for: compute
 * nothing for the rest. */
static gboolean wanted(proto_tree *t, int hf)
{
    return proto_field_is_referenced(t, hf);
}

/* Does this segment get the compact tree?  Data and pure ACKs in the data
 * phase with nothing unusual; everything a student must read in full
 * (handshake, teardown, reset, anything with an anomaly) keeps it. */
static gboolean compact_segment(const tcpedu_fentry *e)
{
    const tcpedu_verdict *v = e->v;
    if (pref_full_tree || e->time_unusable || v->an_packed || v->phase != TCPEDU_PH_DATA || v->step ||
        v->retransmission)
        return FALSE;
    return v->kind == TCPEDU_SEG_DATA || v->kind == TCPEDU_SEG_ACK;
}

/* First and last non-zero of four step frames (0, 0 = none). */
static void frame_span(const guint32 f[4], unsigned *first, unsigned *last)
{
    unsigned i;
    *first = *last = 0;
    for (i = 0; i < 4; i++)
        if (f[i]) {
            *first = *first ? *first : f[i];
            *last = f[i];
        }
}

/* "Connection 3: closed; handshake frames 1-3, teardown frames 40-43". */
static const char *conn_line(wmem_allocator_t *scope, const tcpedu_gconn *g)
{
    const tcpedu_conn *c = tcpedu_gconn_obs(g);
    wmem_strbuf_t *sb = wmem_strbuf_new(scope, "");
    unsigned first, last;

    wmem_strbuf_append_printf(sb, "Connection %u: %s", g->index, tcpedu_outcome_name(tcpedu_conn_outcome(c)));
    frame_span(c->hs_frame, &first, &last);
    if (first)
        wmem_strbuf_append_printf(sb, first == last ? "; handshake frame %u" : "; handshake frames %u-%u",
                                  first, last);
    else
        wmem_strbuf_append(sb, "; no handshake seen");
    frame_span(c->td_frame, &first, &last);
    if (first)
        wmem_strbuf_append_printf(sb, first == last ? ", teardown frame %u" : ", teardown frames %u-%u",
                                  first, last);
    return wmem_strbuf_finalize(sb);
}

/* The compact tree of a data or pure-ACK segment (issue 8): the headline
 * (on the tcpedu item), phase, direction, both states on one line, the
 * numbers with one sentence, and one line for the connection.  The other
 * per-segment facts are there for filters, hidden. */
static void show_compact(proto_tree *t, tvbuff_t *tvb, packet_info *pinfo, const tcpedu_fentry *e,
                         gboolean vis)
{
    const tcpedu_verdict *v = e->v;
    const tcpedu_gconn *g = e->conn;
    gboolean s_inf = sender_inferred(v);
    gboolean r_inf = receiver_inferred(v);
    proto_item *ti;
    int hf_say = e->seg.len ? hf_tcpedu_seq_explain : hf_tcpedu_ack_explain;

    add_gen_uint(t, hf_tcpedu_phase, tvb, v->phase);
    ti = add_gen_uint(t, hf_tcpedu_direction, tvb, tcpedu_entry_dir(e));
    if (v->inferred & TCPEDU_INF_ROLES)
        APPEND_SHOWN(t, ti, " (roles inferred)");
    if (vis)
        states_line(t, tvb, pinfo, v);
    if (vis || wanted(t, hf_say)) {
        const char *say = text_of(tcpedu_cat_text(e->seg.len ? TCPEDU_T_SEQ_DATA : ack_text(e)), pinfo->pool);
        if (e->seg.flags & TCPEDU_F_ACK)
            ti = proto_tree_add_string_format(t, hf_say, tvb, 0, 0, say,
                                              "Sequence number %u (relative %u), acknowledgment number %u "
                                              "(relative %u), %u bytes: %s", e->seg.seq, v->rel_seq, e->seg.ack,
                                              v->rel_ack, e->seg.len, say);
        else
            ti = proto_tree_add_string_format(t, hf_say, tvb, 0, 0, say,
                                              "Sequence number %u (relative %u), %u bytes: %s", e->seg.seq,
                                              v->rel_seq, e->seg.len, say);
        proto_item_set_generated(ti);
    }
    if (vis || wanted(t, hf_tcpedu_conn))
        proto_item_set_generated(proto_tree_add_uint_format(t, hf_tcpedu_conn, tvb, 0, 0, g->index, "%s",
                                                            conn_line(pinfo->pool, g)));

    /* the facts, for filters and -T fields */
    add_hidden_uint(t, hf_tcpedu_stream, tvb, e->stream);
    add_hidden_uint(t, hf_tcpedu_segment, tvb, v->kind);
    add_hidden_uint(t, hf_tcpedu_rule, tvb, v->rule);
    add_hidden_uint(t, hf_tcpedu_sender_state_before, tvb, v->sender_before);
    add_hidden_uint(t, hf_tcpedu_sender_state_after, tvb, v->sender_after);
    add_hidden_uint(t, hf_tcpedu_receiver_state_before, tvb, v->receiver_before);
    add_hidden_uint(t, hf_tcpedu_receiver_state_after, tvb, v->receiver_after);
    if (v->sender_since)
        add_hidden_uint(t, hf_tcpedu_sender_since, tvb, v->sender_since);
    if (v->receiver_since)
        add_hidden_uint(t, hf_tcpedu_receiver_since, tvb, v->receiver_since);
    add_hidden_bool(t, hf_tcpedu_sender_state_inferred, tvb, s_inf);
    add_hidden_bool(t, hf_tcpedu_receiver_state_inferred, tvb, r_inf);
    {
        const tcpedu_endpoint *S = &tcpedu_gconn_obs(g)->ep[v->side];
        if (S->syn_sent || S->isn_from_peer)
            add_hidden_uint(t, hf_tcpedu_isn, tvb, S->isn);
    }
    add_hidden_uint(t, hf_tcpedu_conn_outcome, tvb, tcpedu_conn_outcome(tcpedu_gconn_obs(g)));
    tcpedu_sites_hide_conn(t, tvb, pinfo, g);
    add_hidden_uint(t, hf_tcpedu_seq_raw, tvb, e->seg.seq);
    add_hidden_uint(t, hf_tcpedu_seq_relative, tvb, v->rel_seq);
    if (e->seg.flags & TCPEDU_F_ACK) {
        add_hidden_uint(t, hf_tcpedu_ack_raw, tvb, e->seg.ack);
        if (v->rel_ack_valid)
            add_hidden_uint(t, hf_tcpedu_ack_relative, tvb, v->rel_ack);
    }
    if (v->answers)
        add_gen_uint(t, hf_tcpedu_answers, tvb, v->answers);
    if (v->answered_by)
        add_gen_uint(t, hf_tcpedu_answered_by, tvb, v->answered_by);
}

/* The fields that are there for filters and columns more than for reading,
 * in one item after the explanations (issue 11). */
static void show_filter_fields(proto_tree *t, tvbuff_t *tvb, const tcpedu_fentry *e, const char *headline,
                               const char *label)
{
    const tcpedu_verdict *v = e->v;
    const tcpedu_gconn *g = e->conn;
    proto_item *ti;
    proto_tree *ft = proto_tree_add_subtree_format(t, tvb, 0, 0, ett_tcpedu_filter, &ti,
                                                   "For filters: stream %u, connection %u, rule %s", e->stream,
                                                   g->index, tcpedu_rule_name(v->rule));
    proto_item_set_generated(ti);
    /* Each of these is said already: the headline on the tcpedu item, the
     * label and the step in the headline, stream, connection and rule in
     * the line above, the kind in the flags.  The fields are for filters
     * and columns, hidden. */
    if (headline)
        add_hidden_string(ft, hf_tcpedu_headline, tvb, headline);
    /* The Info column prefix as a field of its own: from 4.2 on the prefix
     * cannot reach _ws.col.info (see tcpedu_compat.h), so filters and custom
     * columns use this instead, on every version. */
    if (label)
        add_hidden_string(ft, hf_tcpedu_label, tvb, label);
    add_hidden_uint(ft, hf_tcpedu_stream, tvb, e->stream);
    add_hidden_uint(ft, hf_tcpedu_conn, tvb, g->index);
    if (v->step) {
        unsigned total = step_total(e);
        add_hidden_uint(ft, hf_tcpedu_step, tvb, v->step);
        if (total >= v->step)
            add_hidden_uint(ft, hf_tcpedu_step_total, tvb, total);
    }
    add_hidden_uint(ft, hf_tcpedu_segment, tvb, v->kind);
    add_hidden_uint(ft, hf_tcpedu_rule, tvb, v->rule);
    if (v->retransmission)
        add_gen_bool(ft, hf_tcpedu_retransmission, tvb, TRUE);
}

static void show_segment(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree, const tcpedu_fentry *e)
{
    const tcpedu_verdict *v = e->v;
    const tcpedu_gconn *g = e->conn;
    gboolean vis = PTREE_DATA(tree)->visible;
    gboolean compact = compact_segment(e);
    gboolean has_label = v->step || v->phase == TCPEDU_PH_RESET;
    const char *label = NULL, *headline = NULL;
    proto_item *ti;
    proto_tree *t;
    unsigned a;

    if (has_label && (vis || wanted(tree, hf_tcpedu_label) || wanted(tree, hf_tcpedu_headline)))
        label = step_label(e, pinfo->pool, lang_now());
    if (vis || wanted(tree, hf_tcpedu_headline)) {
        const char *site = v->rule == TCPEDU_X_HS_SYN ? tcpedu_sites_syn_text(g, pinfo->pool) : NULL;
        headline = wmem_strdup_printf(pinfo->pool, "%s%s%s",
                                      label ? label : step_label(e, pinfo->pool, lang_now()),
                                      lang_now() == TCPEDU_LANG_ZH ? "：" : ": ",
                                      site ? site : text_of(tcpedu_cat_rule(v->rule), pinfo->pool));
    }

    ti = proto_tree_add_item(tree, proto_tcpedu, tvb, 0, 0, ENC_NA);
    proto_item_set_generated(ti);
    if (headline)
        proto_item_append_text(ti, ": %s", headline);
    t = proto_item_add_subtree(ti, ett_tcpedu);

    if (compact) {
        /* the headline is the tcpedu item's own text: the field only for filters */
        if (headline)
            add_hidden_string(t, hf_tcpedu_headline, tvb, headline);
        show_compact(t, tvb, pinfo, e, vis);
        return;
    }

    ti = add_gen_uint(t, hf_tcpedu_direction, tvb, tcpedu_entry_dir(e));
    if (v->inferred & TCPEDU_INF_ROLES)
        APPEND_SHOWN(t, ti, " (roles inferred)");
    add_gen_uint(t, hf_tcpedu_phase, tvb, v->phase);

    show_flags(t, tvb, pinfo, e);
    show_states(t, tvb, pinfo, e);
    show_numbers(t, tvb, pinfo, e);
    show_header(t, tvb, pinfo, e);
    show_options(t, tvb, pinfo, e);

    if (v->answers)
        add_gen_uint(t, hf_tcpedu_answers, tvb, v->answers);
    if (v->answered_by)
        add_gen_uint(t, hf_tcpedu_answered_by, tvb, v->answered_by);
    if (v->rst_check != TCPEDU_RSTCHK_NONE)
        add_gen_uint(t, hf_tcpedu_rst_check, tvb, v->rst_check);

    show_conn(t, tvb, pinfo, g);
    show_filter_fields(t, tvb, e, headline, label);
    if (e->time_unusable)
        expert_add_info_format(pinfo, t, &ei_tcpedu_time_unusable, "%s",
                               text_of(tcpedu_cat_text(TCPEDU_T_TIME_UNUSABLE), pinfo->pool));

    for (a = 0; a < TCPEDU_A_COUNT; a++) {
        if (tcpedu_verdict_anomalies(v) & TCPEDU_ABIT(a)) {
            proto_item *ai = add_gen_uint(t, hf_tcpedu_anomaly, tvb, a);
            add_expert(pinfo, ai, a);
        }
    }
    if (syn_never_answered(pinfo, e)) {
        proto_item *ai = add_gen_uint(t, hf_tcpedu_anomaly, tvb, TCPEDU_A_SYN_UNANSWERED);
        add_expert(pinfo, ai, TCPEDU_A_SYN_UNANSWERED);
    }
}

static void show_other(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree, const tcpedu_fentry *e)
{
    proto_item *ti = proto_tree_add_item(tree, proto_tcpedu, tvb, 0, 0, ENC_NA);
    proto_tree *t = proto_item_add_subtree(ti, ett_tcpedu);

    proto_item_set_generated(ti);
    if (e->what == FE_QUOTED) {
        proto_item_append_text(ti, ": TCP header quoted in an ICMP error, not a segment");
        ti = proto_tree_add_boolean(t, hf_tcpedu_quoted, tvb, 0, 0, TRUE);
        proto_item_set_generated(ti);
        if (e->has_stream)
            add_gen_uint(t, hf_tcpedu_stream, tvb, e->stream);
        expert_add_info(pinfo, ti, &ei_tcpedu_quoted);
    } else if (e->what == FE_UNSEEN) {
        proto_item_append_text(ti, ": TCP header not read (TCP was not reached through IP)");
        expert_add_info(pinfo, ti, &ei_tcpedu_unseen);
    } else {
        proto_item_append_text(ti, ": TCP header incomplete or invalid, not analysed");
        expert_add_info(pinfo, ti, &ei_tcpedu_malformed);
    }
}

/* No tree: only what reaches Wireshark's expert tap (-z expert) without
 * one, the same notes the tree would carry. */
static void experts_only(packet_info *pinfo, const tcpedu_frame *fr)
{
    guint i;
    unsigned a;

    for (i = 0; i < fr->n; i++) {
        const tcpedu_fentry *e = &fr->e[i];
        if (e->what == FE_QUOTED) {
            expert_add_info(pinfo, NULL, &ei_tcpedu_quoted);
        } else if (e->what == FE_UNSEEN) {
            expert_add_info(pinfo, NULL, &ei_tcpedu_unseen);
        } else if (e->what == FE_MALFORMED) {
            expert_add_info(pinfo, NULL, &ei_tcpedu_malformed);
        } else {
            const tcpedu_verdict *v = e->v;
            if (e->time_unusable)
                expert_add_info_format(pinfo, NULL, &ei_tcpedu_time_unusable, "%s",
                                       text_of(tcpedu_cat_text(TCPEDU_T_TIME_UNUSABLE), pinfo->pool));
            for (a = 0; a < TCPEDU_A_COUNT; a++)
                if (tcpedu_verdict_anomalies(v) & TCPEDU_ABIT(a))
                    add_expert(pinfo, NULL, a);
            if (syn_never_answered(pinfo, e))
                add_expert(pinfo, NULL, TCPEDU_A_SYN_UNANSWERED);
        }
    }
    if (fr->dropped)
        expert_add_info_format(pinfo, NULL, &ei_tcpedu_layers_dropped, "%s",
                               text_of(tcpedu_cat_text(TCPEDU_T_LAYERS_DROPPED), pinfo->pool));
}

/* "[Handshake 1/3] " before the Info text, one per step or reset in the
 * frame, in the order of the headers. */
/* @p s appended to @p buf (@p cap bytes, *@p len used), cut at the end. */
static void buf_add(char *buf, gsize cap, gsize *len, const char *s)
{
    gsize n = strlen(s);
    if (n > cap - 1 - *len)
        n = cap - 1 - *len;
    memcpy(buf + *len, s, n);
    *len += n;
    buf[*len] = '\0';
}

static void buf_add_uint(char *buf, gsize cap, gsize *len, unsigned v)
{
    char t[16];
    int i = (int)sizeof t - 1;
    t[i] = '\0';
    do {
        t[--i] = (char)('0' + v % 10);
        v /= 10;
    } while (v && i > 0);
    buf_add(buf, cap, len, t + i);
}

/* "[Handshake 1/3] " and so on, before the Info column, as step_label()
 * words it; built without printf: it runs on most frames. */
static void info_prefix(packet_info *pinfo, const tcpedu_frame *fr)
{
    char buf[1024];
    gsize len = 0;
    guint i;
    tcpedu_lang lang = lang_now();

    if (!pref_info_prefix || !pinfo->cinfo)
        return;
    buf[0] = '\0';
    for (i = 0; i < fr->n; i++) {
        const tcpedu_fentry *e = &fr->e[i];
        const tcpedu_text *ph;
        unsigned total;
        if (e->what != FE_SEGMENT || !(e->v->step || e->v->phase == TCPEDU_PH_RESET))
            continue;
        ph = tcpedu_cat_phase(e->v->phase);
        buf_add(buf, sizeof buf, &len, "[");
        if (lang == TCPEDU_LANG_BOTH) {
            buf_add(buf, sizeof buf, &len, ph->en);
            buf_add(buf, sizeof buf, &len, "/");
            buf_add(buf, sizeof buf, &len, ph->zh);
        } else {
            buf_add(buf, sizeof buf, &len, lang == TCPEDU_LANG_ZH ? ph->zh : ph->en);
        }
        if (e->v->step) {
            buf_add(buf, sizeof buf, &len, " ");
            buf_add_uint(buf, sizeof buf, &len, e->v->step);
            total = step_total(e);
            if (total >= e->v->step) {
                buf_add(buf, sizeof buf, &len, "/");
                buf_add_uint(buf, sizeof buf, &len, total);
            }
        }
        buf_add(buf, sizeof buf, &len, "] ");
    }
    if (len)
        col_prepend_fstr(pinfo->cinfo, COL_INFO, "%s", buf);
}

static int dissect_tcpedu(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree, void *data _U_)
{
    tcpedu_stored *st = frame_get(pinfo->num);
    /* what may keep a verdict's address or read the connection in full */
    gboolean make = tree != NULL || have_tap_listener(tcpedu_tap);
    tcpedu_frame *fr = NULL;
    const tcpedu_quic *quic = NULL;
    guint i;

    if (!st && !PINFO_FD_VISITED(pinfo)) {
        if (tree) {
            tcpedu_sites_tree_seen(tree);
            tcpedu_sites_frame(tree, pinfo->num);
        }
        fr = first_pass(pinfo, tree, make);
        if (!fr && (quic = tcpedu_sites_quic_frame(pinfo, tree)) != NULL)
            p_add_proto_data(wmem_file_scope(), pinfo, proto_tcpedu, 1, (void *)quic);
    } else if (st) {
        fr = later_pass(pinfo, st, make);
    } else {
        quic = (const tcpedu_quic *)p_get_proto_data(wmem_file_scope(), pinfo, proto_tcpedu, 1);
    }
    if (quic) {
        tcpedu_tap_rec *rec = wmem_new0(pinfo->pool, tcpedu_tap_rec);
        tcpedu_sites_show_quic(tvb, pinfo, tree, quic);
        rec->quic = quic;
        rec->frame = pinfo->num;
        rec->abs_ts = pinfo->abs_ts;
        tap_queue_packet(tcpedu_tap, pinfo, rec);
        return tvb_captured_length(tvb);
    }
    if (!fr)
        return 0;
    info_prefix(pinfo, fr);
    if (!tree)
        experts_only(pinfo, fr);
    for (i = 0; i < fr->n; i++) {
        if (fr->e[i].what == FE_SEGMENT) {
            tcpedu_tap_rec *rec = wmem_new0(pinfo->pool, tcpedu_tap_rec);
            /* no tree, nothing to show: only the Info column and the tap */
            if (tree)
                show_segment(tvb, pinfo, tree, &fr->e[i]);
            rec->e = &fr->e[i];
            rec->entry = (guint8)i;
            rec->frame = pinfo->num;
            rec->abs_ts = pinfo->abs_ts;
            tap_queue_packet(tcpedu_tap, pinfo, rec);
        } else if (tree) {
            show_other(tvb, pinfo, tree, &fr->e[i]);
        }
    }
    if (fr->dropped && tree) {
        proto_item *ti = proto_tree_add_item(tree, proto_tcpedu, tvb, 0, 0, ENC_NA);
        proto_item_set_generated(ti);
        proto_item_append_text(ti, ": %u more TCP header(s) in this frame, not analysed",
                               fr->dropped);
        add_gen_uint(proto_item_add_subtree(ti, ett_tcpedu), hf_tcpedu_layers_dropped, tvb,
                     fr->dropped);
        expert_add_info_format(pinfo, ti, &ei_tcpedu_layers_dropped, "%s",
                               text_of(tcpedu_cat_text(TCPEDU_T_LAYERS_DROPPED), pinfo->pool));
    }
    return tvb_captured_length(tvb);
}

/* ---- registration ------------------------------------------------------ */

/* A value_string built from one of the observer's name functions. */
static value_string *names_to_vals(unsigned count, const char *(*name)(unsigned))
{
    value_string *vs = (value_string *)wmem_alloc0(wmem_epan_scope(), (count + 1) * sizeof *vs);
    unsigned i;
    for (i = 0; i < count; i++) {
        vs[i].value = i;
        vs[i].strptr = name(i);
    }
    return vs;
}

void proto_register_tcpedu(void)
{
    static value_string *vs_state, *vs_phase, *vs_kind, *vs_dir, *vs_roles, *vs_rst, *vs_td,
                        *vs_out, *vs_rule, *vs_anomaly, *vs_closer;
    static hf_register_info hf[] = {
        {&hf_tcpedu_stream, {"Stream index", "tcpedu.stream", FT_UINT32, BASE_DEC, NULL, 0x0,
                             "Equal to tcp.stream", HFILL}},
        {&hf_tcpedu_layers_dropped, {"TCP headers not analysed", "tcpedu.layers.dropped",
                                     FT_UINT32, BASE_DEC, NULL, 0x0,
                                     "TCP headers in this frame beyond the ones tcpedu analyses",
                                     HFILL}},
        {&hf_tcpedu_conn, {"Connection", "tcpedu.conn", FT_UINT32, BASE_DEC, NULL, 0x0,
                           "tcpedu's connection number (a reused 4-tuple starts a new one)", HFILL}},
        {&hf_tcpedu_direction, {"Direction", "tcpedu.direction", FT_UINT8, BASE_DEC, NULL, 0x0, NULL, HFILL}},
        {&hf_tcpedu_phase, {"Phase", "tcpedu.phase", FT_UINT8, BASE_DEC, NULL, 0x0, NULL, HFILL}},
        {&hf_tcpedu_step, {"Step", "tcpedu.step", FT_UINT8, BASE_DEC, NULL, 0x0,
                           "Step within the handshake or teardown", HFILL}},
        {&hf_tcpedu_step_total, {"Steps in all", "tcpedu.step.total", FT_UINT8, BASE_DEC, NULL, 0x0,
                                 "Segments of this handshake or teardown style", HFILL}},
        {&hf_tcpedu_segment, {"Segment kind", "tcpedu.segment", FT_UINT8, BASE_DEC, NULL, 0x0, NULL, HFILL}},
        {&hf_tcpedu_rule, {"Rule", "tcpedu.rule", FT_UINT16, BASE_DEC, NULL, 0x0,
                           "What the segment does; key of the explanation", HFILL}},
        {&hf_tcpedu_retransmission, {"Retransmission", "tcpedu.retransmission", FT_BOOLEAN, BASE_NONE,
                                     NULL, 0x0, NULL, HFILL}},
        {&hf_tcpedu_sender_state_before, {"Sender state before", "tcpedu.sender.state.before", FT_UINT8,
                                          BASE_DEC, NULL, 0x0, "RFC 9293 state", HFILL}},
        {&hf_tcpedu_sender_state_after, {"Sender state after", "tcpedu.sender.state.after", FT_UINT8,
                                         BASE_DEC, NULL, 0x0, "RFC 9293 state", HFILL}},
        {&hf_tcpedu_receiver_state_before, {"Receiver state before", "tcpedu.receiver.state.before",
                                            FT_UINT8, BASE_DEC, NULL, 0x0, "RFC 9293 state", HFILL}},
        {&hf_tcpedu_receiver_state_after, {"Receiver state after", "tcpedu.receiver.state.after",
                                           FT_UINT8, BASE_DEC, NULL, 0x0, "RFC 9293 state", HFILL}},
        {&hf_tcpedu_sender_state_inferred, {"Sender state inferred", "tcpedu.sender.state.inferred",
                                            FT_BOOLEAN, BASE_NONE, NULL, 0x0,
                                            "The sender's state is a guess, not seen evidence", HFILL}},
        {&hf_tcpedu_receiver_state_inferred, {"Receiver state inferred", "tcpedu.receiver.state.inferred",
                                              FT_BOOLEAN, BASE_NONE, NULL, 0x0,
                                              "The receiver's state is a guess, not seen evidence", HFILL}},
        {&hf_tcpedu_sender_since, {"Sender in this state since frame", "tcpedu.sender.since", FT_FRAMENUM,
                                   BASE_NONE, NULL, 0x0,
                                   "Frame where the sender entered its state after this segment", HFILL}},
        {&hf_tcpedu_receiver_since, {"Receiver in this state since frame", "tcpedu.receiver.since",
                                     FT_FRAMENUM, BASE_NONE, NULL, 0x0,
                                     "Frame where the receiver entered its state after processing this segment",
                                     HFILL}},
        {&hf_tcpedu_receiver_crossed, {"Crossed frame", "tcpedu.receiver.crossed", FT_FRAMENUM, BASE_NONE,
                                       NULL, 0x0,
                                       "The receiver's own segment this one crossed: it processes this one after "
                                       "sending that one", HFILL}},
        {&hf_tcpedu_revises, {"Revises frame", "tcpedu.revises", FT_FRAMENUM, BASE_NONE, NULL, 0x0,
                              "Earliest frame whose guessed states this segment revised", HFILL}},
        {&hf_tcpedu_answers, {"Answers frame", "tcpedu.answers", FT_FRAMENUM, BASE_NONE,
                              FRAMENUM_TYPE(FT_FRAMENUM_REQUEST), 0x0,
                              "The peer's segment this one acknowledges first", HFILL}},
        {&hf_tcpedu_answered_by, {"Answered by frame", "tcpedu.answered_by", FT_FRAMENUM, BASE_NONE,
                                  FRAMENUM_TYPE(FT_FRAMENUM_RESPONSE), 0x0,
                                  "The peer's segment that acknowledges this one", HFILL}},
        {&hf_tcpedu_isn, {"Sender's ISN", "tcpedu.isn", FT_UINT32, BASE_DEC, NULL, 0x0,
                          "Initial sequence number of the sender (raw, as on the wire)", HFILL}},
        {&hf_tcpedu_isn_inferred, {"ISN inferred", "tcpedu.isn.inferred", FT_BOOLEAN, BASE_NONE, NULL,
                                   0x0, "The SYN is not in the capture; ISN = peer's ack - 1", HFILL}},
        {&hf_tcpedu_seq_raw, {"Sequence number (raw)", "tcpedu.seq.raw", FT_UINT32, BASE_DEC, NULL,
                              0x0, "As on the wire (tcp.seq_raw)", HFILL}},
        {&hf_tcpedu_seq_relative, {"Sequence number (relative)", "tcpedu.seq.relative", FT_UINT32,
                                   BASE_DEC, NULL, 0x0, "Raw minus the sender's ISN", HFILL}},
        {&hf_tcpedu_ack_raw, {"Acknowledgment number (raw)", "tcpedu.ack.raw", FT_UINT32, BASE_DEC,
                              NULL, 0x0, "As on the wire (tcp.ack_raw)", HFILL}},
        {&hf_tcpedu_ack_relative, {"Acknowledgment number (relative)", "tcpedu.ack.relative", FT_UINT32,
                                   BASE_DEC, NULL, 0x0, "Raw minus the receiver's ISN", HFILL}},
        {&hf_tcpedu_ack_expected, {"Expected acknowledgment number (raw)", "tcpedu.ack.expected",
                                   FT_UINT32, BASE_DEC, NULL, 0x0,
                                   "ISN + 1, FIN seq + 1, or ISN + 1 + data length (Fast Open)", HFILL}},
        {&hf_tcpedu_ack_ok, {"Acknowledgment number as expected", "tcpedu.ack.ok", FT_BOOLEAN, BASE_NONE,
                             NULL, 0x0, NULL, HFILL}},
        {&hf_tcpedu_rst_check, {"RST acceptability", "tcpedu.rst.check", FT_UINT8, BASE_DEC, NULL, 0x0,
                                "RFC 9293 3.10.7 / RFC 5961 3.2", HFILL}},
        {&hf_tcpedu_anomaly, {"Anomaly", "tcpedu.anomaly", FT_UINT8, BASE_DEC, NULL, 0x0, NULL, HFILL}},
        {&hf_tcpedu_handshake_complete, {"Handshake complete", "tcpedu.handshake.complete", FT_BOOLEAN,
                                         BASE_NONE, NULL, 0x0, NULL, HFILL}},
        {&hf_tcpedu_conn_outcome, {"Outcome", "tcpedu.conn.outcome", FT_UINT8, BASE_DEC, NULL, 0x0,
                                   NULL, HFILL}},
        {&hf_tcpedu_conn_roles, {"Roles", "tcpedu.conn.roles", FT_UINT8, BASE_DEC, NULL, 0x0,
                                 "How the client and server were told apart", HFILL}},
        {&hf_tcpedu_conn_client, {"Client", "tcpedu.conn.client", FT_STRING, TCPEDU_BASE_STRING, NULL,
                                  0x0, NULL, HFILL}},
        {&hf_tcpedu_conn_server, {"Server", "tcpedu.conn.server", FT_STRING, TCPEDU_BASE_STRING, NULL,
                                  0x0, NULL, HFILL}},
        {&hf_tcpedu_conn_isn_client, {"Client ISN", "tcpedu.conn.isn.client", FT_UINT32, BASE_DEC, NULL,
                                      0x0, NULL, HFILL}},
        {&hf_tcpedu_conn_isn_server, {"Server ISN", "tcpedu.conn.isn.server", FT_UINT32, BASE_DEC, NULL,
                                      0x0, NULL, HFILL}},
        {&hf_tcpedu_conn_teardown, {"Teardown style", "tcpedu.conn.teardown", FT_UINT8, BASE_DEC, NULL,
                                    0x0, NULL, HFILL}},
        {&hf_tcpedu_conn_first_closer, {"Closed first by", "tcpedu.conn.first_closer", FT_UINT8,
                                        BASE_DEC, NULL, 0x0, NULL, HFILL}},
        {&hf_tcpedu_conn_reused, {"Reuses the 4-tuple of connection", "tcpedu.conn.reused", FT_UINT32,
                                  BASE_DEC, NULL, 0x0, NULL, HFILL}},
        {&hf_tcpedu_handshake_frame, {"Handshake frame", "tcpedu.handshake.frame", FT_FRAMENUM,
                                      BASE_NONE, NULL, 0x0, "One per handshake step, in order", HFILL}},
        {&hf_tcpedu_teardown_frame, {"Teardown frame", "tcpedu.teardown.frame", FT_FRAMENUM, BASE_NONE,
                                     NULL, 0x0, "One per teardown step, in order", HFILL}},
        {&hf_tcpedu_quoted, {"Quoted in ICMP error", "tcpedu.quoted", FT_BOOLEAN, BASE_NONE, NULL, 0x0,
                             "A TCP header inside an ICMP error: not a segment of the connection",
                             HFILL}},
        {&hf_tcpedu_headline, {"Headline", "tcpedu.headline", FT_STRING, TCPEDU_BASE_STRING, NULL, 0x0,
                               "Phase, step and what the segment does", HFILL}},
        {&hf_tcpedu_label, {"Label", "tcpedu.label", FT_STRING, TCPEDU_BASE_STRING, NULL, 0x0,
                            "Phase and step as in the Info column prefix (Handshake 1/3, "
                            "Teardown 2/4, Reset), in the language preference; "
                            "only on handshake and teardown steps and resets", HFILL}},
        {&hf_tcpedu_flags_explain, {"Meaning", "tcpedu.flags.explain", FT_STRING, TCPEDU_BASE_STRING, NULL,
                                    0x0, "What the flags that matter here say", HFILL}},
        {&hf_tcpedu_seq_explain, {"Meaning", "tcpedu.seq.explain", FT_STRING,
                                  TCPEDU_BASE_STRING, NULL, 0x0, NULL, HFILL}},
        {&hf_tcpedu_ack_explain, {"Meaning", "tcpedu.ack.explain", FT_STRING,
                                  TCPEDU_BASE_STRING, NULL, 0x0, NULL, HFILL}},
        {&hf_tcpedu_sender_state_explain, {"Sender now", "tcpedu.sender.state.explain", FT_STRING,
                                           TCPEDU_BASE_STRING, NULL, 0x0, "The sender's state, in words",
                                           HFILL}},
        {&hf_tcpedu_receiver_state_explain, {"Receiver now", "tcpedu.receiver.state.explain", FT_STRING,
                                             TCPEDU_BASE_STRING, NULL, 0x0,
                                             "The receiver's state, in words", HFILL}},
        {&hf_tcpedu_hdr_len, {"Header length (bytes)", "tcpedu.hdr.len", FT_UINT8, BASE_DEC, NULL, 0x0,
                              NULL, HFILL}},
        {&hf_tcpedu_hdr_words, {"Data offset (32-bit words)", "tcpedu.hdr.words", FT_UINT8, BASE_DEC,
                                NULL, 0x0, NULL, HFILL}},
        {&hf_tcpedu_hdr_explain, {"Meaning", "tcpedu.hdr.explain", FT_STRING,
                                  TCPEDU_BASE_STRING, NULL, 0x0, NULL, HFILL}},
        {&hf_tcpedu_window_value, {"Window field", "tcpedu.window.value", FT_UINT32, BASE_DEC, NULL, 0x0,
                                   "As on the wire", HFILL}},
        {&hf_tcpedu_window_shift, {"Window scale shift", "tcpedu.window.shift", FT_UINT8, BASE_DEC, NULL,
                                   0x0, "In effect for this sender", HFILL}},
        {&hf_tcpedu_window_size, {"Receive window (bytes)", "tcpedu.window.size", FT_UINT32, BASE_DEC,
                                  NULL, 0x0, "Window field x 2^shift", HFILL}},
        {&hf_tcpedu_window_explain, {"Meaning", "tcpedu.window.explain", FT_STRING,
                                     TCPEDU_BASE_STRING, NULL, 0x0, NULL, HFILL}},
        {&hf_tcpedu_opt_mss, {"MSS", "tcpedu.opt.mss", FT_UINT16, BASE_DEC, NULL, 0x0, NULL, HFILL}},
        {&hf_tcpedu_opt_wscale, {"Window scale shift (option)", "tcpedu.opt.wscale", FT_UINT8, BASE_DEC,
                                 NULL, 0x0, NULL, HFILL}},
        {&hf_tcpedu_opt_sack_perm, {"SACK permitted", "tcpedu.opt.sack_perm", FT_BOOLEAN, BASE_NONE,
                                    NULL, 0x0, NULL, HFILL}},
        {&hf_tcpedu_opt_tsval, {"TSval", "tcpedu.opt.tsval", FT_UINT32, BASE_DEC, NULL, 0x0, NULL, HFILL}},
        {&hf_tcpedu_opt_tsecr, {"TSecr", "tcpedu.opt.tsecr", FT_UINT32, BASE_DEC, NULL, 0x0, NULL, HFILL}},
        {&hf_tcpedu_opt_tfo, {"Fast Open cookie length", "tcpedu.opt.tfo", FT_UINT8, BASE_DEC, NULL, 0x0,
                              "0 = cookie request", HFILL}},
        {&hf_tcpedu_opt_explain, {"Meaning", "tcpedu.opt.explain", FT_STRING,
                                  TCPEDU_BASE_STRING, NULL, 0x0, NULL, HFILL}},
        {&hf_tcpedu_rtt_synack, {"SYN to SYN-ACK", "tcpedu.handshake.rtt.syn_synack", FT_RELATIVE_TIME,
                                 BASE_NONE, NULL, 0x0, NULL, HFILL}},
        {&hf_tcpedu_rtt_ack, {"SYN-ACK to ACK", "tcpedu.handshake.rtt.synack_ack", FT_RELATIVE_TIME,
                              BASE_NONE, NULL, 0x0, NULL, HFILL}},
        {&hf_tcpedu_rtt_total, {"Handshake round-trip time", "tcpedu.handshake.rtt", FT_RELATIVE_TIME,
                                BASE_NONE, NULL, 0x0, "SYN to ACK", HFILL}},
        {&hf_tcpedu_rtt_explain, {"Meaning", "tcpedu.handshake.rtt.explain", FT_STRING,
                                  TCPEDU_BASE_STRING, NULL, 0x0, NULL, HFILL}},
        {&hf_tcpedu_teardown_time, {"Teardown time", "tcpedu.teardown.time", FT_RELATIVE_TIME, BASE_NONE,
                                    NULL, 0x0, "First FIN to last ACK", HFILL}},
        {&hf_tcpedu_teardown_explain, {"Teardown", "tcpedu.teardown.explain", FT_STRING,
                                       TCPEDU_BASE_STRING, NULL, 0x0, NULL, HFILL}},
        {&hf_tcpedu_conn_eff_wscale, {"Window scaling in effect", "tcpedu.conn.wscale", FT_BOOLEAN,
                                      BASE_NONE, NULL, 0x0, NULL, HFILL}},
        {&hf_tcpedu_conn_eff_sack, {"SACK in effect", "tcpedu.conn.sack", FT_BOOLEAN, BASE_NONE, NULL,
                                    0x0, NULL, HFILL}},
        {&hf_tcpedu_conn_eff_ts, {"Timestamps in effect", "tcpedu.conn.timestamps", FT_BOOLEAN,
                                  BASE_NONE, NULL, 0x0, NULL, HFILL}},
        {&hf_tcpedu_conn_eff_ecn, {"ECN negotiated", "tcpedu.conn.ecn", FT_BOOLEAN, BASE_NONE, NULL, 0x0,
                                   NULL, HFILL}},
        {&hf_tcpedu_conn_mss_client, {"Client MSS", "tcpedu.conn.mss.client", FT_UINT16, BASE_DEC, NULL,
                                      0x0, NULL, HFILL}},
        {&hf_tcpedu_conn_mss_server, {"Server MSS", "tcpedu.conn.mss.server", FT_UINT16, BASE_DEC, NULL,
                                      0x0, NULL, HFILL}},
    };
    static gint *ett[] = {&ett_tcpedu, &ett_tcpedu_states, &ett_tcpedu_numbers, &ett_tcpedu_conn,
                          &ett_tcpedu_flags, &ett_tcpedu_header, &ett_tcpedu_options,
                          &ett_tcpedu_timing, &ett_tcpedu_filter};
    static ei_register_info ei[TCPEDU_A_COUNT + 5];
    static const enum_val_t lang_vals[] = {
        {"english", "English", TCPEDU_LANG_EN},
        {"chinese", "简体中文 (Chinese)", TCPEDU_LANG_ZH},
        {"both", "English and 简体中文", TCPEDU_LANG_BOTH},
        {NULL, NULL, -1}};
    static const int severity[] = {[TCPEDU_SEV_CHAT] = PI_CHAT, [TCPEDU_SEV_NOTE] = PI_NOTE,
                                   [TCPEDU_SEV_WARN] = PI_WARN};
    static const int group[] = {[TCPEDU_GRP_SEQ] = PI_SEQUENCE, [TCPEDU_GRP_PROTO] = PI_PROTOCOL,
                                [TCPEDU_GRP_MALFORMED] = PI_MALFORMED};
    expert_module_t *expert;
    module_t *prefs;
    unsigned a, i;

    proto_tcpedu = proto_register_protocol("TCP lifecycle (tcpedu)", "tcpedu", "tcpedu");

    vs_state = names_to_vals(TCPEDU_ST_COUNT, tcpedu_state_name);
    vs_phase = names_to_vals(TCPEDU_PH_COUNT, tcpedu_phase_name);
    vs_kind = names_to_vals(TCPEDU_SEG_COUNT, tcpedu_kind_name);
    vs_dir = names_to_vals(TCPEDU_DIR_COUNT, tcpedu_dir_name);
    vs_roles = names_to_vals(TCPEDU_ROLES_COUNT, tcpedu_roles_name);
    vs_rst = names_to_vals(TCPEDU_RSTCHK_COUNT, tcpedu_rstchk_name);
    vs_td = names_to_vals(TCPEDU_TD_COUNT, tcpedu_td_style_name);
    vs_out = names_to_vals(TCPEDU_OUT_COUNT, tcpedu_outcome_name);
    vs_rule = names_to_vals(TCPEDU_X_COUNT, tcpedu_rule_name);
    vs_anomaly = names_to_vals(TCPEDU_A_COUNT, tcpedu_anomaly_name);
    vs_closer = names_to_vals(TCPEDU_DIR_COUNT, dir_or_closer_name);
    {
        /* Which value_string each enumerated field shows, by its name only
         * ("LISTEN", not "LISTEN (2)"): the number means nothing to a
         * student; filters still take both.  With BASE_NONE Wireshark
         * writes the label itself, and only when it is shown: -T fields
         * and filtering never format it. */
        const struct { int *id; const value_string *vals; } enum_fields[] = {
            {&hf_tcpedu_sender_state_before, vs_state}, {&hf_tcpedu_sender_state_after, vs_state},
            {&hf_tcpedu_receiver_state_before, vs_state}, {&hf_tcpedu_receiver_state_after, vs_state},
            {&hf_tcpedu_phase, vs_phase}, {&hf_tcpedu_segment, vs_kind},
            {&hf_tcpedu_direction, vs_dir}, {&hf_tcpedu_conn_roles, vs_roles},
            {&hf_tcpedu_rst_check, vs_rst}, {&hf_tcpedu_conn_teardown, vs_td},
            {&hf_tcpedu_conn_outcome, vs_out}, {&hf_tcpedu_rule, vs_rule},
            {&hf_tcpedu_anomaly, vs_anomaly}, {&hf_tcpedu_conn_first_closer, vs_closer},
        };
        for (i = 0; i < G_N_ELEMENTS(hf); i++)
            for (a = 0; a < G_N_ELEMENTS(enum_fields); a++)
                if (hf[i].p_id == enum_fields[a].id) {
                    hf[i].hfinfo.strings = enum_fields[a].vals;
                    hf[i].hfinfo.display = BASE_NONE;  /* the name alone */
                }
    }
    proto_register_field_array(proto_tcpedu, hf, (int)G_N_ELEMENTS(hf));
    proto_register_subtree_array(ett, (int)G_N_ELEMENTS(ett));

    for (a = 0; a < TCPEDU_A_COUNT; a++) {
        ei_tcpedu_anomaly[a].ei = EI_INIT_EI;
        ei_tcpedu_anomaly[a].hf = EI_INIT_HF;
        ei[a].ids = &ei_tcpedu_anomaly[a];
        ei[a].eiinfo.name = wmem_strdup_printf(wmem_epan_scope(), "tcpedu.%s", tcpedu_anomaly_name(a));
        ei[a].eiinfo.group = group[tcpedu_anomaly_group(a)];
        ei[a].eiinfo.severity = severity[tcpedu_anomaly_severity(a)];
        ei[a].eiinfo.summary = tcpedu_cat_anomaly(a)->en;
        ei[a].eiinfo.hf_info.p_id = &ei[a].ids->hf;
        ei[a].eiinfo.hf_info.hfinfo.name = ei[a].eiinfo.summary;
        ei[a].eiinfo.hf_info.hfinfo.abbrev = ei[a].eiinfo.name;
        ei[a].eiinfo.hf_info.hfinfo.type = FT_NONE;
        ei[a].eiinfo.hf_info.hfinfo.display = BASE_NONE;
        ei[a].eiinfo.hf_info.hfinfo.id = -1;
        ei[a].eiinfo.hf_info.hfinfo.parent = -1;
        ei[a].eiinfo.hf_info.hfinfo.ref_type = HF_REF_TYPE_NONE;
        ei[a].eiinfo.hf_info.hfinfo.same_name_prev_id = -1;
    }
    ei[TCPEDU_A_COUNT] = (ei_register_info){&ei_tcpedu_malformed,
        {"tcpedu.malformed", PI_MALFORMED, PI_WARN,
         "TCP header incomplete or invalid: this segment is not analysed", EXPFILL}};
    ei[TCPEDU_A_COUNT + 1] = (ei_register_info){&ei_tcpedu_quoted,
        {"tcpedu.quoted_in_icmp", PI_SEQUENCE, PI_NOTE,
         "TCP header quoted in an ICMP error: not a segment of the connection", EXPFILL}};
    ei[TCPEDU_A_COUNT + 2] = (ei_register_info){&ei_tcpedu_time_unusable,
        {"tcpedu.time_unusable", PI_PROTOCOL, PI_NOTE,
         "Frame time outside 1677-09-21 .. 2262-04-11: no durations are computed from it", EXPFILL}};
    ei[TCPEDU_A_COUNT + 3] = (ei_register_info){&ei_tcpedu_layers_dropped,
        {"tcpedu.layers_dropped", PI_UNDECODED, PI_NOTE,
         "More TCP headers in this frame than tcpedu analyses: the later ones are not analysed",
         EXPFILL}};
    ei[TCPEDU_A_COUNT + 4] = (ei_register_info){&ei_tcpedu_unseen,
        {"tcpedu.not_read", PI_UNDECODED, PI_NOTE,
         "TCP was reached without passing through IP's protocol table, where tcpedu reads TCP "
         "headers: this segment is not analysed", EXPFILL}};
    expert = expert_register_protocol(proto_tcpedu);
    expert_register_field_array(expert, ei, (int)G_N_ELEMENTS(ei));

    prefs = prefs_register_protocol(proto_tcpedu, tcpedu_sites_prefs_apply);
    prefs_register_enum_preference(prefs, "language", "Language of the explanations",
                                   "English, Chinese (简体中文) or both", &pref_language, lang_vals,
                                   FALSE);
    prefs_register_bool_preference(prefs, "info_prefix", "Prefix the Info column",
                                   "Show [Handshake 2/3], [Teardown 1/4], [Reset] before the Info text",
                                   &pref_info_prefix);
    prefs_register_bool_preference(prefs, "full_tree", "Explain every segment in full",
                                   "Give data and pure-ACK segments the full tree too (by default they get "
                                   "a compact one: headline, phase, direction, states, numbers and the "
                                   "connection)", &pref_full_tree);
    prefs_register_bool_preference(prefs, "huge_pages", "Keep the per-capture records in huge pages",
                                   "On Linux, ask the kernel for transparent huge pages for what tcpedu "
                                   "keeps for the whole capture (fewer page faults and TLB misses: "
                                   "faster on big captures); takes effect when a capture is opened",
                                   &pref_huge_pages);
    tcpedu_sites_prefs_register(prefs);

    tcpedu_sites_register(proto_tcpedu);
    register_init_routine(tcpedu_init);
    register_cleanup_routine(tcpedu_cleanup);
    tcpedu_tap = register_tap("tcpedu");
    tcpedu_stats_register();
    tcpedu_flow_register(proto_tcpedu);
    tcpedu_handle = create_dissector_handle(dissect_tcpedu, proto_tcpedu);
}

void proto_reg_handoff_tcpedu(void)
{
    dissector_table_t ip_proto = find_dissector_table("ip.proto");

    proto_tcp = proto_get_id_by_filter_name("tcp");
    proto_icmp = proto_get_id_by_filter_name("icmp");
    proto_icmpv6 = proto_get_id_by_filter_name("icmpv6");
    tcpedu_protocol = find_protocol_by_id(proto_tcpedu);
    /* Take TCP's place in "ip.proto" and hand every header on to whatever
     * was there (TCP).  The hook has no protocol: it adds no layer, cannot
     * be disabled with tcpedu (it then only passes headers on), and a
     * Decode As of "ip.proto" 6 replaces it like any other handle. */
    tcp_handle = ip_proto ? dissector_get_uint_handle(ip_proto, 6) : NULL;
    if (!tcp_handle)
        tcp_handle = find_dissector("tcp");
    if (ip_proto && tcp_handle) {
        hook_handle = create_dissector_handle_with_name_and_description(
            dissect_tcp_hook, -1, "tcpedu_tcp", "TCP (headers read by tcpedu)");
        dissector_add_uint("ip.proto", 6, hook_handle);
    }
    register_postdissector(tcpedu_handle);
    tcpedu_sites_handoff(tcpedu_handle);
}
