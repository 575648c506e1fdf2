/*
 * tcpedu-flow.c - tcpedu in Wireshark's Flow Graph: Statistics > Flow Graph,
 * flow type "TCP lifecycle (tcpedu)", and `tshark -q -z
 * flow,tcpedu,standard[,FILTER]` (or ,network) on the command line.
 *
 * One arrow per TCP segment the "tcpedu" tap delivers (QUIC records are
 * skipped), from the segment's sender to its receiver, labelled with the
 * flags as Wireshark names them, the relative numbers and the step:
 *
 *     SYN seq=0 [Handshake 1/3]
 *     ACK seq=1 ack=1 len=517 [Data]
 *
 * and, as the comment right of the graph, both ends' RFC 9293 states:
 *
 *     client CLOSED→SYN-SENT · server LISTEN→SYN-RECEIVED
 *
 * ("server ESTABLISHED" when a side does not change, "(inferred)" when the
 * observer guessed a state), in the language preference.  The step label
 * and the state names are the tree's own (tcpedu_step_label,
 * tcpedu_state_name).
 *
 * As in the TCP dissector's own flow ("TCP Flows"): frame_number is the
 * segment's frame (clicking an arrow selects it), conv_num is tcp.stream
 * (the arrow's colour and tshark's "Conv." column), line_style 1, and the
 * item comes from sequence_analysis_create_sai_with_addresses (time as the
 * GUI shows it).  The GUI's "Limit to display filter" hands the display
 * filter to the tcpedu tap, which sees the tcpedu.* and tcp.* fields.
 *
 * The API's structures are declared in tcpedu_seqan_compat.h, per
 * version; where they were not checked the flow type is not registered.
 */
#include "tcpedu_seqan_compat.h"

#include <string.h>

#include "packet-tcpedu.h"
#include "tcpedu-render.h"

#if TCPEDU_SEQAN

/* The words of the comment. */
typedef enum { FW_CLIENT, FW_SERVER, FW_INFERRED, FW_COUNT } flow_word;

static const tcpedu_text flow_words[FW_COUNT] = {
    [FW_CLIENT] = {"client", "客户端", NULL},
    [FW_SERVER] = {"server", "服务器", NULL},
    [FW_INFERRED] = {"inferred", "推断", NULL},
};

static void append_word(GString *s, flow_word w, tcpedu_lang lang)
{
    if (lang == TCPEDU_LANG_BOTH)
        g_string_append_printf(s, "%s/%s", flow_words[w].en, flow_words[w].zh);
    else
        g_string_append(s, tcpedu_cat_pick(&flow_words[w], lang));
}

/* What the Flow Graph shows of one segment.  Index [0] of the state
 * arrays is the client, [1] the server. */
struct flow_facts {
    guint32 frame;
    guint32 stream;            /* tcp.stream */
    tcpedu_addr src, dst;      /* sender, receiver */
    guint16 sport, dport;
    guint16 flags;             /* TCPEDU_F_* */
    guint32 seq;               /* relative */
    guint32 ack;               /* relative if ack_relative, else raw */
    gboolean ack_relative;
    guint32 len;
    char *step;                /* "Handshake 1/3", "Data", "Reset" (g_free) */
    guint8 before[2], after[2];
    gboolean inferred[2];
};

/* The only function that reads the tap record, its entry and its verdict
 * (their layout may change; adapt it here).  FALSE: not a TCP segment. */
static gboolean flow_facts(const tcpedu_tap_rec *rec, tcpedu_lang lang, struct flow_facts *out)
{
    const tcpedu_fentry *e = rec->e;
    const tcpedu_verdict *v;
    const tcpedu_gconn *g;
    int side, snd;
    guint8 dir;

    if (!e || !e->conn)
        return FALSE;
    v = e->v;
    g = e->conn;
    side = e->seg.side & 1;
    dir = tcpedu_entry_dir(e);
    memset(out, 0, sizeof *out);
    out->frame = rec->frame;
    out->stream = g->stream;
    out->src = g->addr[side];
    out->dst = g->addr[!side];
    out->sport = g->port[side];
    out->dport = g->port[!side];
    out->flags = e->seg.flags;
    out->seq = v->rel_seq;
    out->ack_relative = v->rel_ack_valid;
    out->ack = v->rel_ack_valid ? v->rel_ack : e->seg.ack;
    out->len = e->seg.len;
    out->step = tcpedu_step_label(e, lang);
    if (dir == TCPEDU_DIR_C2S)
        snd = 0;
    else if (dir == TCPEDU_DIR_S2C)
        snd = 1;
    else
        snd = side == tcpedu_client_side(g) ? 0 : 1;
    out->before[snd] = v->sender_before;
    out->after[snd] = v->sender_after;
    out->inferred[snd] = (v->inferred & (TCPEDU_INF_SENDER_BEFORE | TCPEDU_INF_SENDER_AFTER)) != 0;
    out->before[!snd] = v->receiver_before;
    out->after[!snd] = v->receiver_after;
    out->inferred[!snd] = (v->inferred & (TCPEDU_INF_RECEIVER_BEFORE | TCPEDU_INF_RECEIVER_AFTER)) != 0;
    return TRUE;
}

/* "SYN, ACK seq=0 ack=1 [Handshake 2/3]"; an ack whose relative value is
 * unknown is shown raw, as in the ladder. */
static char *flow_label(const struct flow_facts *f)
{
    char *fl = tcpedu_fmt_flags(f->flags);
    GString *s = g_string_new(fl);

    g_free(fl);
    g_string_append_printf(s, " seq=%u", f->seq);
    if (f->flags & TCPEDU_F_ACK)
        g_string_append_printf(s, f->ack_relative ? " ack=%u" : " ack=%u (raw)", f->ack);
    if (f->len)
        g_string_append_printf(s, " len=%u", f->len);
    g_string_append_printf(s, " [%s]", f->step);
    return g_string_free(s, FALSE);
}

/* "client CLOSED→SYN-SENT · server LISTEN→SYN-RECEIVED (inferred)". */
static char *flow_comment(const struct flow_facts *f, tcpedu_lang lang)
{
    GString *s = g_string_new("");
    int i;

    for (i = 0; i < 2; i++) {
        if (i)
            g_string_append(s, " · ");
        append_word(s, i ? FW_SERVER : FW_CLIENT, lang);
        g_string_append_printf(s, " %s", tcpedu_state_name(f->before[i]));
        if (f->after[i] != f->before[i])
            g_string_append_printf(s, "→%s", tcpedu_state_name(f->after[i]));
        if (f->inferred[i]) {
            g_string_append(s, " (");
            append_word(s, FW_INFERRED, lang);
            g_string_append_c(s, ')');
        }
    }
    return g_string_free(s, FALSE);
}

/* Replaces @p to (filled from pinfo by Wireshark) with @p a when known. */
static void set_item_address(address *to, const tcpedu_addr *a)
{
    address tmp;

    if (a->len != 4 && a->len != 16)
        return;
    set_address(&tmp, a->len == 4 ? AT_IPv4 : AT_IPv6, a->len, a->b);
    free_address(to);
    copy_address(to, &tmp);
}

/* The tap callback: one item per segment.  Every string is g_malloc'ed:
 * the Flow Graph g_free()s frame_label, time_str and comment, and frees
 * the addresses and the item (tcpedu_seqan_compat.h). */
static tap_packet_status flow_packet(void *tapdata, packet_info *pinfo, epan_dissect_t *edt _U_,
                                     const void *data, tap_flags_t flags _U_)
{
    tcpedu_seqan_info *sainfo = (tcpedu_seqan_info *)tapdata;
    tcpedu_lang lang = (tcpedu_lang)tcpedu_pref_language();
    struct flow_facts f;
    tcpedu_seqan_item *sai;

    if (!flow_facts((const tcpedu_tap_rec *)data, lang, &f))
        return TAP_PACKET_DONT_REDRAW;
    sai = sequence_analysis_create_sai_with_addresses(pinfo, sainfo);
    if (!sai) {
        g_free(f.step);
        return TAP_PACKET_DONT_REDRAW;
    }
    /* the segment's own addresses: a frame's last IP header need not be
     * this TCP header's (tunnels, sampled headers) */
    set_item_address(&sai->src_addr, &f.src);
    set_item_address(&sai->dst_addr, &f.dst);
    sai->frame_number = f.frame;
    sai->port_src = f.sport;
    sai->port_dst = f.dport;
    sai->frame_label = flow_label(&f);
    sai->comment = flow_comment(&f, lang);
    sai->conv_num = (guint16)f.stream;
    sai->line_style = 1;
    sai->display = TRUE;
    sequence_analysis_use_color_filter(pinfo, sai);
    g_queue_push_tail(sainfo->items, sai);
    g_free(f.step);
    return TAP_PACKET_REDRAW;
}

#endif /* TCPEDU_SEQAN */

void tcpedu_flow_register(int proto)
{
#if TCPEDU_SEQAN
    register_seq_analysis("tcpedu", "TCP lifecycle (tcpedu)", proto, "tcpedu", TL_REQUIRES_NOTHING,
                          flow_packet);
#else
    (void)proto;
#endif
}
