/*
 * tcpedu-ladder.c - the textbook ladder of a connection as SVG
 * (-z tcpedu,ladder and the lab report page; docs/REPORTS.md).
 *
 * The picture of RFC 9293 figures 6, 7, 12 and 13: two vertical lines,
 * client left and server right, one slanted arrow per segment, each side's
 * state written on its own line where it changes.  Everything drawn comes
 * from the observer's verdicts (states before/after, inferred bits, phase,
 * step, retransmission, anomalies) and the segment's own numbers; this file
 * decides geometry only.
 *
 * Geometry.  Rows go down in capture order, one row per arrow or folded
 * band.  A single capture cannot tell when a segment arrived, so an arrow
 * has a fixed slope, except where the capture proves that two segments
 * crossed: the next segment comes from the other side and does not
 * acknowledge this one's sequence space (a SYN, FIN or data it carried),
 * so it was sent before this one arrived.  Then this arrow is drawn to
 * arrive below the start of the other one, and the two cross (simultaneous
 * open and close).  Times since the connection's first segment are written
 * at the left.
 *
 * The sender's state is written just below the start of its arrow, the
 * receiver's just below the arrow's end, whenever the verdict's "after"
 * differs from what that side's line showed last; a "before" that differs
 * from the line (a revised guess) is written just above the event.
 * Inferred states are italic and marked.
 *
 * Output is deterministic: no time of day, no random ids, no hash order.
 */
#include "tcpedu_compat.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "tcpedu-render.h"

/* ---- labels ----------------------------------------------------------- */

typedef enum {
    LL_CONNECTION, LL_CLIENT, LL_SERVER, LL_HANDSHAKE, LL_TEARDOWN, LL_RESET, LL_INFERRED,
    LL_RETRANSMISSION, LL_BAND, LL_BYTES, LL_FRAMES, LL_LEGEND, LL_EXPECTED, LL_IGNORED,
    LL_TD_FOUR, LL_TD_THREE, LL_TD_SIMULTANEOUS, LL_TD_RESET, LL_TD_INCOMPLETE, LL_FRAME,
    LL_ROLES_GUESSED, LL_LEGEND2, LL_NONE_COMPLETE, LL_NONE_SELECTED, LL_COUNT
} ladder_label;

static const tcpedu_text ll[LL_COUNT] = {
    [LL_CONNECTION] = {"TCP connection", "TCP 连接", NULL},
    [LL_CLIENT] = {"client", "客户端", NULL},
    [LL_SERVER] = {"server", "服务器", NULL},
    [LL_HANDSHAKE] = {"Handshake", "握手", NULL},
    [LL_TEARDOWN] = {"Teardown", "挥手", NULL},
    [LL_RESET] = {"Reset", "重置", NULL},
    [LL_INFERRED] = {"inferred", "推断", NULL},
    [LL_RETRANSMISSION] = {"retransmission", "重传", NULL},
    [LL_BAND] = {"data-phase segments", "个数据阶段报文段", NULL},
    [LL_BYTES] = {"bytes", "字节", NULL},
    [LL_FRAMES] = {"frames", "帧", NULL},
    [LL_LEGEND] = {"Time runs down in capture order. One capture cannot show when a segment arrived: "
                   "arrows cross only where the numbers prove it.",
                   "时间自上而下按抓包顺序。单个抓包无法看出报文段何时到达：只有序号证明两段交叉时才画成交叉。", NULL},
    [LL_LEGEND2] = {"Dashed: retransmission. Red: RST. Italic: inferred state. "
                    "seq/ack are relative (raw values below each arrow).",
                    "虚线：重传。红色：RST。斜体：推断的状态。seq/ack 为相对值（原始值在箭头下方）。", NULL},
    [LL_NONE_COMPLETE] = {"No complete connection (handshake and close) in the capture. "
                          "Choose one with -z tcpedu,ladder,tcpedu.conn==N",
                          "抓包中没有完整的连接（握手和关闭）。请用 -z tcpedu,ladder,tcpedu.conn==N 选择一个连接",
                          NULL},
    [LL_NONE_SELECTED] = {"No connection with a handshake, teardown or reset matches the filter.",
                          "没有包含握手、挥手或重置的连接符合过滤器。", NULL},
    [LL_EXPECTED] = {"expected", "应为", NULL},
    [LL_IGNORED] = {"not accepted by the receiver", "接收方不接受", NULL},
    [LL_TD_FOUR] = {"four segments", "四个报文段", NULL},
    [LL_TD_THREE] = {"three segments", "三个报文段", NULL},
    [LL_TD_SIMULTANEOUS] = {"simultaneous close", "同时关闭", NULL},
    [LL_TD_RESET] = {"ended by RST", "以 RST 结束", NULL},
    [LL_TD_INCOMPLETE] = {"not finished", "未完成", NULL},
    [LL_FRAME] = {"frame", "帧", NULL},
    [LL_ROLES_GUESSED] = {"roles inferred", "角色为推断", NULL},
};

/* The label in @p lang ("en / zh" for both), into @p s (replacing it). */
static const char *lab(GString *s, ladder_label id, tcpedu_lang lang)
{
    if (lang == TCPEDU_LANG_BOTH)
        g_string_printf(s, "%s / %s", ll[id].en, ll[id].zh);
    else
        g_string_assign(s, tcpedu_cat_pick(&ll[id], lang));
    return s->str;
}

void tcpedu_xml_escape(GString *out, const char *s)
{
    for (; *s; s++) {
        switch (*s) {
        case '&': g_string_append(out, "&amp;"); break;
        case '<': g_string_append(out, "&lt;"); break;
        case '>': g_string_append(out, "&gt;"); break;
        case '"': g_string_append(out, "&quot;"); break;
        default:
            if ((unsigned char)*s < 0x20 && *s != '\n' && *s != '\t')
                g_string_append_c(out, '?');
            else
                g_string_append_c(out, *s);
        }
    }
}

char *tcpedu_step_label(const tcpedu_fentry *e, tcpedu_lang lang)
{
    const tcpedu_verdict *v = e->v;
    const tcpedu_text *ph = tcpedu_cat_phase(v->phase);
    GString *s = g_string_new("");
    unsigned total = 0;

    if (lang == TCPEDU_LANG_BOTH)
        g_string_printf(s, "%s/%s", ph->en, ph->zh);
    else
        g_string_assign(s, tcpedu_cat_pick(ph, lang));
    if (v->phase == TCPEDU_PH_HANDSHAKE)
        total = tcpedu_conn_hs_total(tcpedu_gconn_obs(e->conn));
    else if (v->phase == TCPEDU_PH_TEARDOWN)
        total = tcpedu_conn_td_total(tcpedu_gconn_obs(e->conn));
    if (v->step && total >= v->step)
        g_string_append_printf(s, " %u/%u", v->step, total);
    else if (v->step)
        g_string_append_printf(s, " %u", v->step);
    return g_string_free(s, FALSE);
}

/* 3240 -> "3,240" */
static void append_thousands(GString *out, guint64 n)
{
    char buf[32];
    int len = g_snprintf(buf, sizeof buf, "%" G_GUINT64_FORMAT, n), i;
    for (i = 0; i < len; i++) {
        if (i && (len - i) % 3 == 0)
            g_string_append_c(out, ',');
        g_string_append_c(out, buf[i]);
    }
}

/* ---- layout ----------------------------------------------------------- */

enum {
    W = 1040,        /* document width */
    X_TIME = 10,     /* time and frame column */
    X_C = 290,       /* client line */
    X_S = 750,       /* server line */
    X_BRACKET = 980, /* phase brackets */
    ROW = 66,        /* one arrow or band */
    SLOPE = 28,      /* vertical drop of an arrow */
    HEAD = 118,      /* title and the two line headers */
    CROSS_GAP = 34,  /* extra room for two crossing arrows' labels */
};

/* One drawn item: an arrow (one segment) or a band (folded segments). */
typedef struct {
    const tcpedu_fentry *e;   /* the arrow's segment; NULL for a band */
    guint first, last;        /* band: indexes into the connection's segments */
    guint nseg;
    guint64 bytes;
    int y0, y1;               /* start and end of the arrow (band: top, bottom) */
    gboolean crossing;        /* crosses a neighbour: labels nearer the sender */
} item;

/* Is this segment drawn inside a folded band? Only segments that change
 * nobody's state and are no handshake, teardown or reset step. */
static gboolean foldable(const tcpedu_fentry *e)
{
    const tcpedu_verdict *v = e->v;
    if (v->step || v->phase == TCPEDU_PH_HANDSHAKE || v->phase == TCPEDU_PH_RESET)
        return FALSE;
    if (e->seg.flags & (TCPEDU_F_SYN | TCPEDU_F_FIN | TCPEDU_F_RST))
        return FALSE;
    return v->sender_before == v->sender_after && v->receiver_before == v->receiver_after;
}

/* The sequence space a segment occupies ends at seq + len (+1 for SYN, FIN). */
static guint32 seq_end(const tcpedu_segment *s)
{
    return s->seq + s->len + ((s->flags & TCPEDU_F_SYN) ? 1u : 0u) + ((s->flags & TCPEDU_F_FIN) ? 1u : 0u);
}

/* Did @p next (from the other side) leave before @p e arrived? Proven when
 * @p e occupies sequence space that @p next does not acknowledge. */
static gboolean crossed(const tcpedu_fentry *e, const tcpedu_fentry *next)
{
    if (!next || next->seg.side == e->seg.side || seq_end(&e->seg) == e->seg.seq)
        return FALSE;
    if (e->seg.flags & TCPEDU_F_RST || next->seg.flags & TCPEDU_F_RST)
        return FALSE;
    if (!(next->seg.flags & TCPEDU_F_ACK))
        return TRUE;
    return (gint32)(next->seg.ack - seq_end(&e->seg)) < 0;
}

static GArray *layout(const tcpedu_rconn *rc, gboolean fold, int top)
{
    GArray *items = g_array_new(FALSE, TRUE, sizeof(item));
    guint i;
    int y = top;

    for (i = 0; i < rc->nsegs; i++) {
        const tcpedu_fentry *e = rc->segs[i];
        item it;
        memset(&it, 0, sizeof it);
        if (fold && foldable(e)) {
            it.first = i;
            while (i < rc->nsegs && foldable(rc->segs[i])) {
                it.nseg++;
                it.bytes += rc->segs[i]->seg.len;
                i++;
            }
            i--;
            it.last = i;
            it.y0 = y + 6;
            it.y1 = y + ROW - 18;
        } else {
            item *prev = items->len ? &g_array_index(items, item, items->len - 1) : NULL;
            it.e = e;
            if (prev && prev->e && crossed(prev->e, e)) {
                /* the previous arrow arrives after this one leaves: they cross */
                y += CROSS_GAP;
                prev->y1 = y + SLOPE;
                prev->crossing = it.crossing = TRUE;
            }
            it.y0 = y;
            it.y1 = y + SLOPE;
        }
        g_array_append_val(items, it);
        y += ROW;
    }
    return items;
}

/* ---- drawing ------------------------------------------------------------ */

typedef struct {
    GString *out;
    tcpedu_lang lang;
    GString *t;          /* scratch for labels */
    int shown[2];        /* state last written on each side's line (-1 = none) */
    int last_y[2];       /* y of that label, to keep labels apart */
    int cl;              /* client side */
    int first_y;         /* where each line's first state is written */
} pen;

static int line_x(const pen *p, int side)
{
    return side == p->cl ? X_C : X_S;
}

static void text(pen *p, int x, int y, const char *cls, const char *anchor, const char *s)
{
    g_string_append_printf(p->out, "<text x=\"%d\" y=\"%d\" class=\"%s\"", x, y, cls);
    if (anchor)
        g_string_append_printf(p->out, " text-anchor=\"%s\"", anchor);
    g_string_append_c(p->out, '>');
    tcpedu_xml_escape(p->out, s);
    g_string_append(p->out, "</text>\n");
}

/* Text along a line at angle @p deg around (@p x, @p y), @p dy across it. */
static void text_along(pen *p, int x, int y, int dy, double deg, const char *cls, const char *s)
{
    g_string_append_printf(p->out,
                           "<text x=\"%d\" y=\"%d\" class=\"%s\" text-anchor=\"middle\" "
                           "transform=\"rotate(%.2f %d %d)\">",
                           x, y + dy, cls, deg, x, y);
    tcpedu_xml_escape(p->out, s);
    g_string_append(p->out, "</text>\n");
}

/* Writes @p st on @p side's line at @p y (the label sits just below y). */
static void state_label(pen *p, int side, int y, guint st, gboolean inferred, guint32 frame)
{
    int x = line_x(p, side);
    gboolean left = side == p->cl;
    GString *s = g_string_new(tcpedu_state_name(st));

    if (y < p->last_y[side] + 14)
        y = p->last_y[side] + 14;
    if (inferred) {
        g_string_append_printf(s, " (%s)", lab(p->t, LL_INFERRED, p->lang));
    }
    g_string_append_printf(p->out, "<circle cx=\"%d\" cy=\"%d\" r=\"3\" class=\"tick\"/>\n", x, y - 4);
    g_string_append_printf(p->out,
                           "<text x=\"%d\" y=\"%d\" class=\"state%s\" text-anchor=\"%s\" "
                           "data-side=\"%s\" data-frame=\"%u\" data-state=\"%s\">",
                           left ? x - 8 : x + 8, y, inferred ? " inferred" : "", left ? "end" : "start",
                           left ? "client" : "server", frame, tcpedu_state_name(st));
    tcpedu_xml_escape(p->out, s->str);
    g_string_append(p->out, "</text>\n");
    g_string_free(s, TRUE);
    p->shown[side] = (int)st;
    p->last_y[side] = y;
}

/* One side's part in one arrow: sending it or receiving it. */
typedef struct {
    int y, side;
    guint8 before, after;
    gboolean inf_before, inf_after;
    guint32 frame;
} state_event;

static gint by_y(gconstpointer a, gconstpointer b)
{
    const state_event *x = (const state_event *)a, *y = (const state_event *)b;
    if (x->y != y->y)
        return x->y < y->y ? -1 : 1;
    return x->frame < y->frame ? -1 : x->frame > y->frame;
}

/* The states on both lines, event by event from the top down (a crossing
 * arrow's arrival comes after the other side's next send). */
static void draw_states(pen *p, GArray *items)
{
    GArray *ev = g_array_new(FALSE, TRUE, sizeof(state_event));
    guint i;

    for (i = 0; i < items->len; i++) {
        const item *it = &g_array_index(items, item, i);
        const tcpedu_verdict *v;
        state_event s, r;
        if (!it->e)
            continue;
        v = it->e->v;
        s.y = it->y0;
        s.side = it->e->seg.side & 1;
        s.before = v->sender_before;
        s.after = v->sender_after;
        s.inf_before = (v->inferred & TCPEDU_INF_SENDER_BEFORE) != 0;
        s.inf_after = (v->inferred & TCPEDU_INF_SENDER_AFTER) != 0;
        s.frame = it->e->seg.frame;
        r.y = it->y1;
        r.side = !s.side;
        r.before = v->receiver_before;
        r.after = v->receiver_after;
        r.inf_before = (v->inferred & TCPEDU_INF_RECEIVER_BEFORE) != 0;
        r.inf_after = (v->inferred & TCPEDU_INF_RECEIVER_AFTER) != 0;
        r.frame = s.frame;
        g_array_append_val(ev, s);
        g_array_append_val(ev, r);
    }
    /* by y, then frame: a total order, so the result does not depend on the sort */
    g_array_sort(ev, by_y);
    for (i = 0; i < ev->len; i++) {
        const state_event *e = &g_array_index(ev, state_event, i);
        if (p->shown[e->side] != e->before)
            state_label(p, e->side, p->shown[e->side] < 0 ? p->first_y : e->y - 4, e->before,
                        e->inf_before, e->frame);
        if (e->after != e->before)
            state_label(p, e->side, e->y + 16, e->after, e->inf_after, e->frame);
    }
    g_array_free(ev, TRUE);
}

static void draw_arrow(pen *p, const item *it, gint64 t0)
{
    const tcpedu_fentry *e = it->e;
    const tcpedu_verdict *v = e->v;
    int snd = e->seg.side & 1;
    int x0 = line_x(p, snd), x1 = line_x(p, !snd);
    int xe = x1 + (x1 > x0 ? -2 : 2);
    gboolean rst = (e->seg.flags & TCPEDU_F_RST) != 0;
    double f = it->crossing ? 0.33 : 0.5, deg;
    int xm, ym;
    char *fl = tcpedu_fmt_flags(e->seg.flags);
    char *step = tcpedu_step_label(e, p->lang);
    GString *s = g_string_new("");
    GString *cls = g_string_new("seg");
    unsigned a;

    xm = x0 + (int)(f * (x1 - x0));
    ym = it->y0 + (int)(f * (it->y1 - it->y0));
    deg = atan2((double)(it->y1 - it->y0), (double)(x1 - x0)) * 180.0 / G_PI;
    if (deg > 90.0)
        deg -= 180.0;
    else if (deg < -90.0)
        deg += 180.0;
    if (rst)
        g_string_append(cls, " rst");
    if (v->retransmission)
        g_string_append(cls, " retrans");
    g_string_append_printf(p->out,
                           "<g class=\"%s\" data-frame=\"%u\" data-dir=\"%s\" data-flags=\"%s\" "
                           "data-step=\"%u\" data-phase=\"%s\">\n",
                           cls->str, e->seg.frame, tcpedu_dir_name(v->dir), fl, v->step,
                           tcpedu_phase_name(v->phase));
    /* time and frame at the left */
    g_string_printf(s, "%s %u", lab(p->t, LL_FRAME, p->lang), e->seg.frame);
    text(p, X_TIME, it->y0 + 4, "frame", NULL, s->str);
    g_string_printf(s, "%.3f ms", (double)(e->seg.t_ns - t0) / 1e6);
    text(p, X_TIME, it->y0 + 18, "time", NULL, s->str);
    g_string_append_printf(p->out,
                           "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" class=\"arrow%s%s\" "
                           "marker-end=\"url(#%s)\"/>\n",
                           x0, it->y0, xe, it->y1, rst ? " rst" : "", v->retransmission ? " retrans" : "",
                           rst ? "head-rst" : "head");
    /* above the arrow: flags and relative numbers */
    g_string_printf(s, "[%s] seq=%u", fl, v->rel_seq);
    if (e->seg.flags & TCPEDU_F_ACK) {
        if (v->rel_ack_valid)
            g_string_append_printf(s, " ack=%u", v->rel_ack);
        else
            g_string_append_printf(s, " ack=%u (raw)", e->seg.ack);
    }
    if (e->seg.len)
        g_string_append_printf(s, " len=%u", e->seg.len);
    /* a crossing arrow is above the other one near its sender: both labels go there, above it */
    text_along(p, xm, ym, it->crossing ? -20 : -6, deg, rst ? "label rst" : "label", s->str);
    /* below: step, raw numbers, notes */
    g_string_printf(s, "%s · raw seq=%u", step, e->seg.seq);
    if (e->seg.flags & TCPEDU_F_ACK)
        g_string_append_printf(s, " ack=%u", e->seg.ack);
    if (v->ack_check == TCPEDU_ACKCHK_BAD)
        g_string_append_printf(s, " (%s %u)", lab(p->t, LL_EXPECTED, p->lang), tcpedu_entry_ack_expected(e));
    if (v->retransmission)
        g_string_append_printf(s, " · %s", lab(p->t, LL_RETRANSMISSION, p->lang));
    if (rst && (v->rst_check == TCPEDU_RSTCHK_IN_WINDOW || v->rst_check == TCPEDU_RSTCHK_OUT_OF_WINDOW ||
                v->rst_check == TCPEDU_RSTCHK_SYN_SENT_BAD))
        g_string_append_printf(s, " · %s", lab(p->t, LL_IGNORED, p->lang));
    text_along(p, xm, ym, it->crossing ? -6 : 14, deg, "sub", s->str);
    for (a = 0; a < TCPEDU_A_COUNT; a++)
        if (tcpedu_verdict_anomalies(v) & TCPEDU_ABIT(a)) {
            g_string_append_printf(p->out, "<title>");
            tcpedu_xml_escape(p->out, tcpedu_anomaly_name(a));
            g_string_append(p->out, "</title>\n");
            break;
        }
    g_string_append(p->out, "</g>\n");
    g_free(fl);
    g_free(step);
    g_string_free(s, TRUE);
    g_string_free(cls, TRUE);
}

static void draw_band(pen *p, const tcpedu_rconn *rc, const item *it)
{
    GString *s = g_string_new("");
    g_string_append_printf(p->out,
                           "<g class=\"band\" data-segments=\"%u\" data-bytes=\"%" G_GUINT64_FORMAT
                           "\" data-first=\"%u\" data-last=\"%u\">\n",
                           it->nseg, it->bytes, rc->segs[it->first]->seg.frame,
                           rc->segs[it->last]->seg.frame);
    g_string_append_printf(p->out, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" rx=\"6\"/>\n",
                           X_C + 6, it->y0, X_S - X_C - 12, it->y1 - it->y0);
    g_string_printf(s, "%u ", it->nseg);
    if (p->lang != TCPEDU_LANG_ZH)
        g_string_append(s, lab(p->t, LL_BAND, p->lang));
    else
        g_string_append(s, ll[LL_BAND].zh);
    g_string_append(s, p->lang == TCPEDU_LANG_ZH ? "，" : ", ");
    append_thousands(s, it->bytes);
    g_string_append_printf(s, " %s", lab(p->t, LL_BYTES, p->lang));
    text(p, (X_C + X_S) / 2, (it->y0 + it->y1) / 2 - 2, "bandtext", "middle", s->str);
    g_string_printf(s, "%s %u–%u", lab(p->t, LL_FRAMES, p->lang), rc->segs[it->first]->seg.frame,
                    rc->segs[it->last]->seg.frame);
    text(p, (X_C + X_S) / 2, (it->y0 + it->y1) / 2 + 13, "sub", "middle", s->str);
    g_string_append(p->out, "</g>\n");
    g_string_free(s, TRUE);
}

/* A bracket at the right over the rows of one phase. */
static void bracket(pen *p, int y0, int y1, const char *cls, const char *name)
{
    int xm = X_BRACKET + 22, ym = (y0 + y1) / 2;
    g_string_append_printf(p->out,
                           "<g class=\"bracket %s\">\n<path d=\"M%d %d h8 V%d h-8\"/>\n"
                           "<text x=\"%d\" y=\"%d\" transform=\"rotate(90 %d %d)\" "
                           "text-anchor=\"middle\">",
                           cls, X_BRACKET, y0, y1, xm, ym, xm, ym);
    tcpedu_xml_escape(p->out, name);
    g_string_append(p->out, "</text>\n</g>\n");
}

static ladder_label td_label(unsigned style)
{
    switch (style) {
    case TCPEDU_TD_FOUR: return LL_TD_FOUR;
    case TCPEDU_TD_THREE: return LL_TD_THREE;
    case TCPEDU_TD_SIMULTANEOUS: return LL_TD_SIMULTANEOUS;
    case TCPEDU_TD_RESET: return LL_TD_RESET;
    default: return LL_TD_INCOMPLETE;
    }
}

static void brackets(pen *p, const tcpedu_conn *c, GArray *items)
{
    int hs0 = -1, hs1 = -1, td0 = -1, td1 = -1, rs0 = -1, rs1 = -1;
    guint i;
    GString *s = g_string_new("");

    for (i = 0; i < items->len; i++) {
        const item *it = &g_array_index(items, item, i);
        int top = it->y0 - 12, bot = MAX(it->y0, it->y1) + 8;
        if (!it->e)
            continue;
        if (it->e->v->phase == TCPEDU_PH_HANDSHAKE) {
            if (hs0 < 0)
                hs0 = top;
            hs1 = bot;
        } else if (it->e->v->phase == TCPEDU_PH_TEARDOWN && it->e->v->step) {
            if (td0 < 0)
                td0 = top;
            td1 = bot;
        } else if (it->e->v->phase == TCPEDU_PH_RESET) {
            if (rs0 < 0)
                rs0 = top;
            rs1 = bot;
        }
    }
    if (hs0 >= 0)
        bracket(p, hs0, hs1, "handshake", lab(p->t, LL_HANDSHAKE, p->lang));
    if (td0 >= 0) {
        g_string_printf(s, "%s%s", lab(p->t, LL_TEARDOWN, p->lang), p->lang == TCPEDU_LANG_ZH ? "：" : ": ");
        g_string_append(s, lab(p->t, td_label(tcpedu_conn_td_style(c)), p->lang));
        bracket(p, td0, td1, "teardown", s->str);
    }
    if (rs0 >= 0)
        bracket(p, rs0, rs1, "reset", lab(p->t, LL_RESET, p->lang));
    g_string_free(s, TRUE);
}

/* One connection's ladder from @p top; returns the y below it. */
static int draw_conn(GString *out, const tcpedu_rconn *rc, gboolean fold, tcpedu_lang lang, int top)
{
    const tcpedu_gconn *g = rc->g;
    int cl = tcpedu_client_side(g);
    char *ca = tcpedu_fmt_addr_port(&g->addr[cl], g->port[cl]);
    char *sa = tcpedu_fmt_addr_port(&g->addr[!cl], g->port[!cl]);
    GArray *items = layout(rc, fold, top + HEAD);
    pen p;
    GString *s = g_string_new("");
    int bottom, i;
    gint64 t0 = rc->nsegs ? rc->segs[0]->seg.t_ns : 0;

    memset(&p, 0, sizeof p);
    p.out = out;
    p.lang = lang;
    p.t = g_string_new("");
    p.shown[0] = p.shown[1] = -1;
    p.last_y[0] = p.last_y[1] = -1000;
    p.cl = cl;
    p.first_y = top + HEAD - 12;
    bottom = items->len ? MAX(g_array_index(items, item, items->len - 1).y0,
                              g_array_index(items, item, items->len - 1).y1) + 40
                        : top + HEAD + 20;

    g_string_append_printf(out, "<g class=\"conn\" data-conn=\"%u\" data-stream=\"%u\">\n", g->index,
                           g->stream);
    g_string_printf(s, "%s %u (tcp.stream %u)", lab(p.t, LL_CONNECTION, lang), g->index, g->stream);
    if (tcpedu_gconn_obs(g)->roles == TCPEDU_ROLES_GUESSED)
        g_string_append_printf(s, " · %s", lab(p.t, LL_ROLES_GUESSED, lang));
    text(&p, W / 2, top + 26, "title", "middle", s->str);
    text(&p, X_C, top + 58, "who", "middle", lab(p.t, LL_CLIENT, lang));
    text(&p, X_C, top + 76, "addr", "middle", ca);
    text(&p, X_S, top + 58, "who", "middle", lab(p.t, LL_SERVER, lang));
    text(&p, X_S, top + 76, "addr", "middle", sa);
    for (i = 0; i < 2; i++)
        g_string_append_printf(out, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" class=\"life\"/>\n",
                               i ? X_S : X_C, top + 86, i ? X_S : X_C, bottom);
    brackets(&p, tcpedu_gconn_obs(g), items);
    for (i = 0; i < (int)items->len; i++) {
        const item *it = &g_array_index(items, item, i);
        if (it->e)
            draw_arrow(&p, it, t0);
        else
            draw_band(&p, rc, it);
    }
    draw_states(&p, items);
    g_string_append(out, "</g>\n");
    g_array_free(items, TRUE);
    g_string_free(p.t, TRUE);
    g_string_free(s, TRUE);
    g_free(ca);
    g_free(sa);
    return bottom + 20;
}

static const char svg_style[] =
    "<style>\n"
    "text{font-family:'DejaVu Sans','Noto Sans CJK SC','Noto Sans SC','Source Han Sans SC',"
    "'WenQuanYi Micro Hei','Microsoft YaHei','PingFang SC',sans-serif;font-size:12px;fill:#1a1a1a}\n"
    ".title{font-size:16px;font-weight:bold}\n"
    ".who{font-size:14px;font-weight:bold}\n"
    ".addr{font-size:12px;fill:#444}\n"
    ".life{stroke:#333;stroke-width:2}\n"
    ".arrow{stroke:#1f4e9c;stroke-width:1.6}\n"
    ".arrow.rst{stroke:#c0161b}\n"
    ".arrow.retrans{stroke-dasharray:7 5}\n"
    ".label{font-family:'DejaVu Sans Mono','Noto Sans Mono CJK SC',monospace;font-size:12px}\n"
    ".label.rst{fill:#c0161b}\n"
    ".sub{font-size:10.5px;fill:#555}\n"
    ".frame{font-size:11px;fill:#333}\n"
    ".time{font-size:10.5px;fill:#777}\n"
    ".state{font-size:12px;font-weight:bold;fill:#0b6b3a}\n"
    ".state.inferred{font-style:italic;font-weight:normal;fill:#6b6b0b}\n"
    ".tick{fill:#0b6b3a}\n"
    ".band rect{fill:#eef1f6;stroke:#9aa7bd;stroke-dasharray:3 3}\n"
    ".bandtext{font-size:12.5px;fill:#333}\n"
    ".bracket path{fill:none;stroke:#555;stroke-width:1.5}\n"
    ".bracket text{font-size:12px;font-weight:bold;fill:#333}\n"
    ".bracket.reset path{stroke:#c0161b}\n"
    ".legend{font-size:10.5px;fill:#555}\n"
    ".message{font-size:14px}\n"
    "</style>\n"
    "<defs>\n"
    "<marker id=\"head\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"9\" "
    "markerHeight=\"9\" orient=\"auto\"><path d=\"M0 0 L10 5 L0 10 z\" fill=\"#1f4e9c\"/></marker>\n"
    "<marker id=\"head-rst\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"9\" "
    "markerHeight=\"9\" orient=\"auto\"><path d=\"M0 0 L10 5 L0 10 z\" fill=\"#c0161b\"/></marker>\n"
    "</defs>\n";

char *tcpedu_render_message(gboolean filtered, tcpedu_lang lang)
{
    GString *s = g_string_new("");
    lab(s, filtered ? LL_NONE_SELECTED : LL_NONE_COMPLETE, lang);
    return g_string_free(s, FALSE);
}

void tcpedu_ladder_svg(GString *out, const tcpedu_rconn *conns, guint n, gboolean fold_data,
                       tcpedu_lang lang, const char *message)
{
    GString *body = g_string_new("");
    GString *t = g_string_new("");
    int y = 0;
    guint i;

    for (i = 0; i < n; i++)
        y = draw_conn(body, &conns[i], fold_data, lang, y);
    if (!n) {
        g_string_append_printf(body, "<text x=\"20\" y=\"40\" class=\"message\">");
        tcpedu_xml_escape(body, message ? message : "");
        g_string_append(body, "</text>\n");
        y = 70;
    } else {
        g_string_append_printf(body, "<text x=\"%d\" y=\"%d\" class=\"legend\">", X_TIME, y);
        tcpedu_xml_escape(body, lab(t, LL_LEGEND, lang));
        g_string_append(body, "</text>\n");
        y += 15;
        g_string_append_printf(body, "<text x=\"%d\" y=\"%d\" class=\"legend\">", X_TIME, y);
        tcpedu_xml_escape(body, lab(t, LL_LEGEND2, lang));
        g_string_append(body, "</text>\n");
        y += 16;
    }
    g_string_append_printf(out,
                           "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                           "viewBox=\"0 0 %d %d\" class=\"tcpedu-ladder\" lang=\"%s\">\n",
                           W, y, W, y, lang == TCPEDU_LANG_ZH ? "zh-Hans" : "en");
    g_string_append(out, svg_style);
    g_string_append_printf(out, "<rect width=\"%d\" height=\"%d\" fill=\"#ffffff\"/>\n", W, y);
    g_string_append_len(out, body->str, body->len);
    g_string_append(out, "</svg>\n");
    g_string_free(body, TRUE);
    g_string_free(t, TRUE);
}
