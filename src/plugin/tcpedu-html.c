/*
 * tcpedu-html.c - the lab report as one self-contained HTML page
 * (-z tcpedu,report-html; docs/REPORTS.md).
 *
 * Inline CSS and the inline SVG ladder (tcpedu-ladder.c), no script and
 * nothing fetched from elsewhere.  Per connection: a summary table, the
 * ladder, one table per handshake, teardown or reset step (frame,
 * direction, flags, raw and relative seq/ack, the expected ack and why,
 * header length, window, options, both states, the explanation) and the
 * anomalies.  Every row carries a data-key so that tests and scripts can
 * read it back; every value comes from the observer's verdict or the
 * segment itself, and every sentence from the catalogue.
 */
#include "tcpedu_compat.h"

#include <stdio.h>
#include <string.h>

#include "tcpedu-render.h"

typedef enum {
    H_TITLE, H_FILTER, H_NONE, H_CONNECTION, H_CLIENT, H_SERVER, H_ROLES, H_OUTCOME, H_HS_FRAMES,
    H_RTT, H_TEARDOWN, H_TD_FRAMES, H_FIRST_CLOSER, H_ISN, H_LADDER, H_STEPS, H_FRAME, H_TIME,
    H_DIRECTION, H_FLAGS, H_SEQ_RAW, H_SEQ_REL, H_ACK_RAW, H_ACK_REL, H_ACK_EXPECTED, H_HDR_LEN,
    H_WINDOW, H_OPTIONS, H_SENDER, H_RECEIVER, H_EXPLANATION, H_ANOMALIES, H_NO_ANOMALIES,
    H_INFERRED, H_OK, H_WRONG, H_BYTES, H_WORDS, H_NOT_SEEN, H_NOT_SET, H_RETRANSMISSION,
    H_SUMMARY, H_PKTS, H_COUNT
} html_label;

static const tcpedu_text hl[H_COUNT] = {
    [H_TITLE] = {"tcpedu lab report: TCP handshakes and teardowns", "tcpedu 实验报告：TCP 握手与挥手", NULL},
    [H_FILTER] = {"Filter", "过滤器", NULL},
    [H_NONE] = {"none", "无", NULL},
    [H_CONNECTION] = {"Connection", "连接", NULL},
    [H_CLIENT] = {"client", "客户端", NULL},
    [H_SERVER] = {"server", "服务器", NULL},
    [H_ROLES] = {"roles decided", "角色判定", NULL},
    [H_OUTCOME] = {"outcome", "结果", NULL},
    [H_HS_FRAMES] = {"handshake frames", "握手帧", NULL},
    [H_RTT] = {"handshake round-trip time", "握手往返时间", NULL},
    [H_TEARDOWN] = {"teardown", "挥手", NULL},
    [H_TD_FRAMES] = {"teardown frames", "挥手帧", NULL},
    [H_FIRST_CLOSER] = {"closed first by", "先关闭的一方", NULL},
    [H_ISN] = {"initial sequence number (ISN)", "初始序号（ISN）", NULL},
    [H_LADDER] = {"Ladder diagram", "时序图", NULL},
    [H_STEPS] = {"Steps", "步骤", NULL},
    [H_FRAME] = {"frame", "帧", NULL},
    [H_TIME] = {"time since the first segment", "距第一个报文段的时间", NULL},
    [H_DIRECTION] = {"direction", "方向", NULL},
    [H_FLAGS] = {"flags", "标志位", NULL},
    [H_SEQ_RAW] = {"sequence number (raw)", "序号（原始值）", NULL},
    [H_SEQ_REL] = {"sequence number (relative)", "序号（相对值）", NULL},
    [H_ACK_RAW] = {"acknowledgment number (raw)", "确认号（原始值）", NULL},
    [H_ACK_REL] = {"acknowledgment number (relative)", "确认号（相对值）", NULL},
    [H_ACK_EXPECTED] = {"expected acknowledgment number (raw)", "应有的确认号（原始值）", NULL},
    [H_HDR_LEN] = {"header length", "首部长度", NULL},
    [H_WINDOW] = {"window", "窗口", NULL},
    [H_OPTIONS] = {"options", "选项", NULL},
    [H_SENDER] = {"sender state", "发送方状态", NULL},
    [H_RECEIVER] = {"receiver state", "接收方状态", NULL},
    [H_EXPLANATION] = {"what happens", "发生了什么", NULL},
    [H_ANOMALIES] = {"Anomalies", "异常", NULL},
    [H_NO_ANOMALIES] = {"none", "无", NULL},
    [H_INFERRED] = {"inferred", "推断", NULL},
    [H_OK] = {"as expected", "符合预期", NULL},
    [H_WRONG] = {"not as expected", "不符合预期", NULL},
    [H_BYTES] = {"bytes", "字节", NULL},
    [H_WORDS] = {"32-bit words", "个 32 位字", NULL},
    [H_NOT_SEEN] = {"not in the capture", "抓包中没有", NULL},
    [H_NOT_SET] = {"not set (ACK=0)", "未设置（ACK=0）", NULL},
    [H_RETRANSMISSION] = {"retransmission", "重传", NULL},
    [H_SUMMARY] = {"Summary", "概要", NULL},
    [H_PKTS] = {"segments", "报文段", NULL},
};

typedef struct {
    GString *out;
    tcpedu_lang lang;
} page;

/* A catalogue text in the page's language ("en / zh" for both), escaped. */
static void put_text(page *p, const tcpedu_text *t)
{
    if (p->lang == TCPEDU_LANG_BOTH) {
        tcpedu_xml_escape(p->out, t->en);
        g_string_append(p->out, " / ");
        tcpedu_xml_escape(p->out, t->zh);
    } else {
        tcpedu_xml_escape(p->out, tcpedu_cat_pick(t, p->lang));
    }
}

static void put_label(page *p, html_label id)
{
    put_text(p, &hl[id]);
}

static void put_esc(page *p, const char *s)
{
    tcpedu_xml_escape(p->out, s);
}

/* <tr data-key="KEY"><th>LABEL</th><td>VALUE</td><td class="why">WHY</td></tr> */
static void row(page *p, const char *key, html_label label, const char *value, const tcpedu_text *why)
{
    g_string_append_printf(p->out, "<tr data-key=\"%s\"><th>", key);
    put_label(p, label);
    g_string_append(p->out, "</th><td>");
    put_esc(p, value);
    g_string_append(p->out, "</td><td class=\"why\">");
    if (why)
        put_text(p, why);
    g_string_append(p->out, "</td></tr>\n");
}

static const char *lbl(page *p, html_label id, GString *s)
{
    if (p->lang == TCPEDU_LANG_BOTH)
        g_string_printf(s, "%s / %s", hl[id].en, hl[id].zh);
    else
        g_string_assign(s, tcpedu_cat_pick(&hl[id], p->lang));
    return s->str;
}

/* "CLOSED → SYN-SENT", with "(inferred)" after a guessed state. */
static char *state_change(page *p, guint8 before, guint8 after, gboolean inf_b, gboolean inf_a)
{
    GString *s = g_string_new(""), *t = g_string_new("");
    g_string_append(s, tcpedu_state_name(before));
    if (inf_b)
        g_string_append_printf(s, " (%s)", lbl(p, H_INFERRED, t));
    g_string_append_printf(s, " → %s", tcpedu_state_name(after));
    if (inf_a)
        g_string_append_printf(s, " (%s)", lbl(p, H_INFERRED, t));
    g_string_free(t, TRUE);
    return g_string_free(s, FALSE);
}

static gboolean both_offer(const tcpedu_conn *c, guint8 opt)
{
    return c->ep[0].syn_sent && c->ep[1].syn_sent && (c->ep[0].syn_opt.present & opt) &&
           (c->ep[1].syn_opt.present & opt);
}

static char *options_str(const tcpedu_options *o)
{
    GString *s = g_string_new("");
    if (o->present & TCPEDU_OPT_MSS)
        g_string_append_printf(s, "MSS=%u", o->mss);
    if (o->present & TCPEDU_OPT_WSCALE)
        g_string_append_printf(s, "%sWS=%u", s->len ? ", " : "", o->wscale);
    if (o->present & TCPEDU_OPT_SACK_PERM)
        g_string_append_printf(s, "%sSACK_PERM", s->len ? ", " : "");
    if (o->present & TCPEDU_OPT_TS)
        g_string_append_printf(s, "%sTSval=%u, TSecr=%u", s->len ? ", " : "", o->tsval, o->tsecr);
    if (o->present & TCPEDU_OPT_TFO)
        g_string_append_printf(s, "%sTFO%s", s->len ? ", " : "", o->tfo_cookie_len ? " cookie" : " request");
    if (!s->len)
        g_string_append(s, "—");
    return g_string_free(s, FALSE);
}

static void step_table(page *p, const tcpedu_fentry *e, gint64 t0)
{
    const tcpedu_verdict *v = e->v;
    const tcpedu_conn *c = tcpedu_gconn_obs(e->conn);
    const tcpedu_endpoint *S = &c->ep[v->side];
    gboolean from_client = (int)(e->seg.side & 1) == tcpedu_client_side(e->conn);
    GString *s = g_string_new(""), *t = g_string_new(""), *u = g_string_new("");
    char *label = tcpedu_step_label(e, p->lang), *fl = tcpedu_fmt_flags(e->seg.flags), *x;
    const tcpedu_text *rule = tcpedu_cat_rule(v->rule);
    unsigned a, seq_why;

    g_string_append_printf(p->out, "<table class=\"step%s%s\" data-frame=\"%u\">\n<caption>",
                           (e->seg.flags & TCPEDU_F_RST) ? " rst" : "", v->retransmission ? " retrans" : "",
                           e->seg.frame);
    put_esc(p, label);
    g_string_append_printf(p->out, " — %s %u", lbl(p, H_FRAME, t), e->seg.frame);
    if (v->retransmission)
        g_string_append_printf(p->out, " (%s)", lbl(p, H_RETRANSMISSION, t));
    g_string_append(p->out, "</caption>\n");

    g_string_printf(s, "%u", e->seg.frame);
    row(p, "frame", H_FRAME, s->str, NULL);
    g_string_printf(s, "%.3f ms", (double)(e->seg.t_ns - t0) / 1e6);
    row(p, "time", H_TIME, s->str, NULL);
    g_string_printf(s, "%s → %s", lbl(p, from_client ? H_CLIENT : H_SERVER, t),
                    lbl(p, from_client ? H_SERVER : H_CLIENT, u));
    row(p, "direction", H_DIRECTION, s->str, NULL);
    row(p, "flags", H_FLAGS, fl, NULL);
    g_string_printf(s, "%u", e->seg.seq);
    seq_why = (e->seg.flags & TCPEDU_F_SYN) ? TCPEDU_T_SEQ_ISN
            : (e->seg.flags & TCPEDU_F_FIN) ? TCPEDU_T_SEQ_FIN : TCPEDU_T_SEQ_DATA;
    row(p, "seq_raw", H_SEQ_RAW, s->str, tcpedu_cat_text(seq_why));
    g_string_printf(s, "%u", v->rel_seq);
    row(p, "seq_rel", H_SEQ_REL, s->str,
        tcpedu_cat_text((S->syn_sent || S->isn_from_peer) ? TCPEDU_T_SEQ_RELATIVE : TCPEDU_T_SEQ_NO_ISN));
    if (e->seg.flags & TCPEDU_F_ACK)
        g_string_printf(s, "%u", e->seg.ack);
    else
        lbl(p, H_NOT_SET, s);
    row(p, "ack_raw", H_ACK_RAW, s->str, tcpedu_cat_text(tcpedu_ack_text_id(e)));
    if ((e->seg.flags & TCPEDU_F_ACK) && v->rel_ack_valid)
        g_string_printf(s, "%u", v->rel_ack);
    else
        g_string_assign(s, "—");
    row(p, "ack_rel", H_ACK_REL, s->str, NULL);
    if (v->ack_check != TCPEDU_ACKCHK_NONE)
        g_string_printf(s, "%u (%s)", tcpedu_entry_ack_expected(e), lbl(p, v->ack_check == TCPEDU_ACKCHK_OK ? H_OK : H_WRONG, t));
    else
        g_string_assign(s, "—");
    row(p, "ack_expected", H_ACK_EXPECTED, s->str,
        v->ack_check != TCPEDU_ACKCHK_NONE ? tcpedu_cat_text(tcpedu_ack_text_id(e)) : NULL);
    g_string_printf(s, "%u %s (%u %s)", e->seg.hdr_len, lbl(p, H_BYTES, t), e->seg.hdr_len / 4u,
                    lbl(p, H_WORDS, u));
    row(p, "hdr_len", H_HDR_LEN, s->str, tcpedu_cat_text(TCPEDU_T_HDR_LEN));
    if (e->seg.flags & TCPEDU_F_SYN) {
        g_string_printf(s, "%u", e->seg.win);
        row(p, "window", H_WINDOW, s->str, tcpedu_cat_text(TCPEDU_T_WIN_SYN));
    } else if (!(c->ep[0].syn_sent && c->ep[1].syn_sent) || (e->seg.flags & TCPEDU_F_RST)) {
        g_string_printf(s, "%u", e->seg.win);
        row(p, "window", H_WINDOW, s->str,
            (e->seg.flags & TCPEDU_F_RST) ? NULL : tcpedu_cat_text(TCPEDU_T_WIN_UNKNOWN));
    } else if (both_offer(c, TCPEDU_OPT_WSCALE)) {
        guint shift = MIN(S->syn_opt.wscale, 14);
        g_string_printf(s, "%u × %u = %u %s", e->seg.win, 1u << shift, e->seg.win << shift, lbl(p, H_BYTES, t));
        row(p, "window", H_WINDOW, s->str, tcpedu_cat_text(TCPEDU_T_WIN_SCALED));
    } else {
        g_string_printf(s, "%u %s", e->seg.win, lbl(p, H_BYTES, t));
        row(p, "window", H_WINDOW, s->str, tcpedu_cat_text(TCPEDU_T_WIN_NOT_SCALED));
    }
    x = options_str(&e->seg.opt);
    row(p, "options", H_OPTIONS, x,
        (e->seg.opt.present && (e->seg.flags & TCPEDU_F_SYN)) ? tcpedu_cat_text(TCPEDU_T_OPT_EFFECTIVE) : NULL);
    g_free(x);
    x = state_change(p, v->sender_before, v->sender_after, (v->inferred & TCPEDU_INF_SENDER_BEFORE) != 0,
                     (v->inferred & TCPEDU_INF_SENDER_AFTER) != 0);
    g_string_printf(s, "%s: %s", lbl(p, from_client ? H_CLIENT : H_SERVER, t), x);
    row(p, "sender_state", H_SENDER, s->str,
        v->sender_after != v->sender_before ? tcpedu_cat_state(v->sender_after) : NULL);
    g_free(x);
    x = state_change(p, v->receiver_before, v->receiver_after, (v->inferred & TCPEDU_INF_RECEIVER_BEFORE) != 0,
                     (v->inferred & TCPEDU_INF_RECEIVER_AFTER) != 0);
    g_string_printf(s, "%s: %s", lbl(p, from_client ? H_SERVER : H_CLIENT, t), x);
    row(p, "receiver_state", H_RECEIVER, s->str,
        v->receiver_after != v->receiver_before ? tcpedu_cat_state(v->receiver_after) : NULL);
    g_free(x);
    g_string_assign(s, rule->rfc ? rule->rfc : "");
    row(p, "rule", H_EXPLANATION, s->str, rule);
    for (a = 0; a < TCPEDU_A_COUNT; a++)
        if (tcpedu_verdict_anomalies(v) & TCPEDU_ABIT(a))
            row(p, "anomaly", H_ANOMALIES, tcpedu_anomaly_name(a), tcpedu_cat_anomaly(a));
    g_string_append(p->out, "</table>\n");
    g_free(label);
    g_free(fl);
    g_string_free(s, TRUE);
    g_string_free(t, TRUE);
    g_string_free(u, TRUE);
}

static char *frames_of(const guint32 *f)
{
    GString *s = g_string_new("");
    int i;
    for (i = 0; i < 4; i++)
        if (f[i])
            g_string_append_printf(s, "%s%u", s->len ? ", " : "", f[i]);
    return g_string_free(s, FALSE);
}

static void summary(page *p, const tcpedu_rconn *rc)
{
    const tcpedu_gconn *g = rc->g;
    const tcpedu_conn *c = tcpedu_gconn_obs(g);
    int cl = tcpedu_client_side(g);
    char *x;
    GString *s = g_string_new(""), *t = g_string_new("");
    unsigned total = tcpedu_conn_hs_total(c);

    g_string_append(p->out, "<table class=\"summary\">\n<caption>");
    put_label(p, H_SUMMARY);
    g_string_append(p->out, "</caption>\n");
    x = tcpedu_fmt_addr_port(&g->addr[cl], g->port[cl]);
    row(p, "client", H_CLIENT, x, NULL);
    g_free(x);
    x = tcpedu_fmt_addr_port(&g->addr[!cl], g->port[!cl]);
    row(p, "server", H_SERVER, x, NULL);
    g_free(x);
    row(p, "roles", H_ROLES, tcpedu_roles_name(c->roles), NULL);
    row(p, "outcome", H_OUTCOME, tcpedu_outcome_name(tcpedu_conn_outcome(c)), NULL);
    x = frames_of(c->hs_frame);
    row(p, "handshake_frames", H_HS_FRAMES, *x ? x : lbl(p, H_NOT_SEEN, t), NULL);
    g_free(x);
    if (c->hs_complete && total >= 2 && c->hs_frame[0] && c->hs_frame[total - 1]) {
        g_string_printf(s, "%.3f ms", (double)(c->hs_t[total - 1] - c->hs_t[0]) / 1e6);
        row(p, "handshake_rtt", H_RTT, s->str, tcpedu_cat_text(TCPEDU_T_RTT));
    }
    row(p, "teardown", H_TEARDOWN, tcpedu_td_style_name(tcpedu_conn_td_style(c)),
        tcpedu_cat_td_style(tcpedu_conn_td_style(c)));
    x = frames_of(c->td_frame);
    row(p, "teardown_frames", H_TD_FRAMES, *x ? x : lbl(p, H_NOT_SEEN, t), NULL);
    g_free(x);
    if (c->first_closer >= 0)
        row(p, "first_closer", H_FIRST_CLOSER, lbl(p, c->first_closer == cl ? H_CLIENT : H_SERVER, t), NULL);
    if (c->ep[cl].syn_sent || c->ep[!cl].syn_sent) {
        g_string_assign(s, "");
        if (c->ep[cl].syn_sent)
            g_string_append_printf(s, "%s %u", lbl(p, H_CLIENT, t), c->ep[cl].isn);
        if (c->ep[!cl].syn_sent)
            g_string_append_printf(s, "%s%s %u", s->len ? ", " : "", lbl(p, H_SERVER, t), c->ep[!cl].isn);
        row(p, "isn", H_ISN, s->str, NULL);
    }
    g_string_printf(s, "%u", rc->nsegs);
    row(p, "segments", H_PKTS, s->str, NULL);
    g_string_append(p->out, "</table>\n");
    g_string_free(s, TRUE);
    g_string_free(t, TRUE);
}

static gboolean is_step(const tcpedu_verdict *v)
{
    return v->phase == TCPEDU_PH_HANDSHAKE || v->phase == TCPEDU_PH_TEARDOWN || v->phase == TCPEDU_PH_RESET;
}

static void anomalies(page *p, const tcpedu_rconn *rc)
{
    guint64 all = tcpedu_gconn_obs(rc->g)->anomalies;
    unsigned a;
    guint i;

    g_string_append(p->out, "<h3>");
    put_label(p, H_ANOMALIES);
    g_string_append(p->out, "</h3>\n<ul class=\"anomalies\">\n");
    if (tcpedu_conn_outcome(tcpedu_gconn_obs(rc->g)) == TCPEDU_OUT_SYN_UNANSWERED)
        all |= TCPEDU_ABIT(TCPEDU_A_SYN_UNANSWERED);
    for (a = 0; a < TCPEDU_A_COUNT; a++) {
        if (!(all & TCPEDU_ABIT(a)))
            continue;
        g_string_append_printf(p->out, "<li data-anomaly=\"%s\"><code>%s</code> ", tcpedu_anomaly_name(a),
                               tcpedu_anomaly_name(a));
        put_text(p, tcpedu_cat_anomaly(a));
        g_string_append(p->out, " <span class=\"frames\">(");
        {
            GString *f = g_string_new("");
            for (i = 0; i < rc->nsegs; i++)
                if (tcpedu_verdict_anomalies(rc->segs[i]->v) & TCPEDU_ABIT(a))
                    g_string_append_printf(f, "%s%u", f->len ? ", " : "", rc->segs[i]->seg.frame);
            g_string_append(p->out, f->str);
            g_string_free(f, TRUE);
        }
        g_string_append(p->out, ")</span></li>\n");
    }
    if (!all) {
        g_string_append(p->out, "<li class=\"none\">");
        put_label(p, H_NO_ANOMALIES);
        g_string_append(p->out, "</li>\n");
    }
    g_string_append(p->out, "</ul>\n");
}

static const char page_style[] =
    "body{font-family:'DejaVu Sans','Noto Sans CJK SC','Noto Sans SC','Source Han Sans SC',"
    "'WenQuanYi Micro Hei','Microsoft YaHei','PingFang SC',sans-serif;margin:2em auto;max-width:1080px;"
    "color:#1a1a1a;background:#fff;line-height:1.4}\n"
    "h1{font-size:1.5em}h2{font-size:1.25em;border-bottom:2px solid #1f4e9c;padding-bottom:.2em;"
    "margin-top:2em}h3{font-size:1.05em}\n"
    "table{border-collapse:collapse;margin:.8em 0 1.4em;width:100%}\n"
    "caption{text-align:left;font-weight:bold;padding:.3em 0}\n"
    "th,td{border:1px solid #c8ccd4;padding:.25em .5em;vertical-align:top;text-align:left}\n"
    "th{background:#f1f3f7;width:16em;font-weight:normal}\n"
    "td{font-family:'DejaVu Sans Mono','Noto Sans Mono CJK SC',monospace;white-space:nowrap}\n"
    "td.why{font-family:inherit;white-space:normal;color:#333}\n"
    "table.summary td{white-space:normal}\n"
    "table.step.rst caption{color:#c0161b}\n"
    "figure{margin:1em 0;overflow-x:auto}figure svg{max-width:100%;height:auto}\n"
    ".filter{color:#555}.anomalies code{color:#8a4b00}\n"
    "@media print{h2{page-break-before:always}table.step{page-break-inside:avoid}}\n";

void tcpedu_report_html(GString *out, const tcpedu_rconn *conns, guint n, const char *filter,
                        tcpedu_lang lang, const char *message)
{
    page p = {out, lang};
    GString *t = g_string_new("");
    guint i, j;

    g_string_append_printf(out, "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n"
                           "<meta name=\"generator\" content=\"tcpedu\">\n<title>",
                           lang == TCPEDU_LANG_ZH ? "zh-Hans" : "en");
    put_label(&p, H_TITLE);
    g_string_append_printf(out, "</title>\n<style>\n%s</style>\n</head>\n<body>\n<h1>", page_style);
    put_label(&p, H_TITLE);
    g_string_append(out, "</h1>\n<p class=\"filter\">");
    put_label(&p, H_FILTER);
    g_string_append(out, ": ");
    if (filter)
        put_esc(&p, filter);
    else
        put_label(&p, H_NONE);
    g_string_append(out, "</p>\n");
    if (!n) {
        g_string_append(out, "<p class=\"message\">");
        put_esc(&p, message ? message : "");
        g_string_append(out, "</p>\n");
    }
    for (i = 0; i < n; i++) {
        const tcpedu_rconn *rc = &conns[i];
        gint64 t0 = rc->nsegs ? rc->segs[0]->seg.t_ns : 0;
        g_string_append_printf(out, "<section class=\"conn\" id=\"conn-%u\" data-conn=\"%u\" data-stream=\"%u\">\n<h2>",
                               rc->g->index, rc->g->index, rc->g->stream);
        g_string_append_printf(out, "%s %u (tcp.stream %u)</h2>\n", lbl(&p, H_CONNECTION, t), rc->g->index,
                               rc->g->stream);
        summary(&p, rc);
        g_string_append(out, "<h3>");
        put_label(&p, H_LADDER);
        g_string_append(out, "</h3>\n<figure>\n");
        tcpedu_ladder_svg(out, rc, 1, TRUE, lang, NULL);
        g_string_append(out, "</figure>\n<h3>");
        put_label(&p, H_STEPS);
        g_string_append(out, "</h3>\n");
        for (j = 0; j < rc->nsegs; j++)
            if (is_step(rc->segs[j]->v))
                step_table(&p, rc->segs[j], t0);
        anomalies(&p, rc);
        g_string_append(out, "</section>\n");
    }
    g_string_append(out, "</body>\n</html>\n");
    g_string_free(t, TRUE);
}
