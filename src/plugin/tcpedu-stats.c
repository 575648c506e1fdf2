/*
 * tcpedu-stats.c - tshark -z reports and Wireshark statistics fed by the
 * "tcpedu" tap (docs/REPORTS.md describes every output).
 *
 *   -z tcpedu,conns[,FILTER]       one row per connection (aligned text)
 *   -z tcpedu,conns-tsv[,FILTER]   the same, tab-separated, one header line
 *   -z tcpedu,conns-json[,FILTER]  the same as JSON
 *   -z tcpedu,report[,FILTER]      the lab report, in the language preference
 *   -z tcpedu,ladder[,FILTER]      the textbook ladder as one SVG document
 *   -z tcpedu,ladder-full[,FILTER] the same with every data segment drawn
 *   -z tcpedu,report-html[,FILTER] the lab report as one HTML page
 *   -z tcpedu,tree                 stats tree (also Statistics > tcpedu)
 *
 * The tap delivers one record per segment on every pass that runs taps
 * (the only pass, or pass 2 of -2).  The listener keeps, per connection,
 * packet and byte counts, the segments in capture order and Zeek's view
 * (tcpedu_zeek.c); everything else is read at draw time from the
 * connection records, which are final by then in both modes.  So single
 * pass and -2 print the same text.
 *
 * FILTER is a display filter that selects connections: a connection is
 * listed when at least one of its segments matches, and is then described
 * whole (a second, filtered listener marks the matching connections).
 */
#include "tcpedu_compat.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <epan/packet.h>
#include <epan/stat_tap_ui.h>
#include <epan/stats_tree.h>
#include <epan/tap.h>

#include "packet-tcpedu.h"
#include "tcpedu-sites.h"
#include "tcpedu-render.h"
#include "tcpedu_catalogue.h"
#include "tcpedu_observer.h"
#include "tcpedu_time.h"
#include "tcpedu_zeek.h"

/* ---- per-connection aggregates ----------------------------------------- */

typedef struct {
    const tcpedu_gconn *g;
    tcpedu_zeek zeek;          /* the Zeek connection in progress */
    GPtrArray *zeek_rows;      /* finished Zeek rows ("STATE\thistory"), when Zeek split;
                                  NULL until it does */
    guint32 pkts[2];           /* by observer side */
    guint64 bytes[2];          /* payload bytes by observer side */
    GPtrArray *segs;           /* tcpedu_fentry copies (g_free), capture order; made only for
                                  reports that show segments (NULL otherwise) */
    gboolean selected;
} conn_agg;

typedef enum { OUT_TEXT, OUT_TSV, OUT_JSON, OUT_REPORT, OUT_LADDER, OUT_LADDER_FULL, OUT_HTML } out_kind;

typedef struct tcpedu_rep tcpedu_rep;

/* The filtered listener's tapdata (a listener is removed by its tapdata
 * pointer, so it must differ from the main one's).  Each listener frees
 * its own tapdata in its finish callback: at exit Wireshark removes all
 * listeners in an order of its choosing. */
typedef struct {
    tcpedu_rep *rep;
} rep_selector;

struct tcpedu_rep {
    out_kind kind;
    char *filter;              /* NULL: every connection */
    GHashTable *conns;         /* tcpedu_gconn * -> conn_agg * */
    /* Segments already counted (a tap may deliver a segment again; its
     * view differs, its verdict does not): a bit per frame for each frame's
     * first TCP header, and the verdicts (tcpedu_fentry.v) of the rare
     * later ones (tunnels).  A set of every verdict cost a hash entry per
     * segment. */
    GByteArray *seen_first;
    GHashTable *seen_more;
    rep_selector *sel;         /* NULL without a filter */
    GHashTable *quic;          /* const tcpedu_quic * -> selected (QUIC sites seen) */
};

static void agg_free(gpointer p)
{
    conn_agg *a = (conn_agg *)p;
    if (a->zeek_rows)
        g_ptr_array_free(a->zeek_rows, TRUE);
    if (a->segs)
        g_ptr_array_free(a->segs, TRUE);
    g_free(a);
}

static conn_agg *agg_of(tcpedu_rep *r, const tcpedu_gconn *g)
{
    conn_agg *a = (conn_agg *)g_hash_table_lookup(r->conns, g);
    if (!a) {
        a = g_new0(conn_agg, 1);
        a->g = g;
        tcpedu_zeek_init(&a->zeek);
        g_hash_table_insert(r->conns, (gpointer)g, a);
    }
    return a;
}

static void rep_reset(void *tapdata)
{
    tcpedu_rep *r = (tcpedu_rep *)tapdata;
    g_hash_table_remove_all(r->conns);
    g_byte_array_set_size(r->seen_first, 0);
    g_hash_table_remove_all(r->seen_more);
    g_hash_table_remove_all(r->quic);
}

/* Has @p rec's segment been counted already?  Marks it counted. */
static gboolean seen_before(tcpedu_rep *r, const tcpedu_tap_rec *rec)
{
    guint byte = rec->frame >> 3;
    guint8 bit = (guint8)(1u << (rec->frame & 7));

    if (rec->entry != 0) {
        if (g_hash_table_contains(r->seen_more, rec->e->v))
            return TRUE;
        g_hash_table_add(r->seen_more, (gpointer)rec->e->v);
        return FALSE;
    }
    if (byte >= r->seen_first->len) {
        guint old = r->seen_first->len;
        /* grow by doubling; new bytes zeroed */
        g_byte_array_set_size(r->seen_first, MAX(byte + 1, old * 2));
        memset(r->seen_first->data + old, 0, r->seen_first->len - old);
    }
    if (r->seen_first->data[byte] & bit)
        return TRUE;
    r->seen_first->data[byte] |= bit;
    return FALSE;
}

static tap_packet_status rep_packet(void *tapdata, packet_info *pinfo _U_, epan_dissect_t *edt _U_,
                                    const void *data, tap_flags_t flags _U_)
{
    tcpedu_rep *r = (tcpedu_rep *)tapdata;
    const tcpedu_tap_rec *rec = (const tcpedu_tap_rec *)data;
    const tcpedu_fentry *e = rec->e;
    conn_agg *a;

    if (rec->quic) {
        if (!g_hash_table_contains(r->quic, rec->quic) || !r->filter)
            g_hash_table_insert(r->quic, (gpointer)rec->quic, GINT_TO_POINTER(!r->filter));
        return TAP_PACKET_DONT_REDRAW;
    }
    /* the verdict is the same object on every pass; the view is not */
    if (!e || !e->conn || seen_before(r, rec))
        return TAP_PACKET_DONT_REDRAW;
    a = agg_of(r, e->conn);
    if (!r->filter)
        a->selected = TRUE;
    if (tcpedu_zeek_is_reuse(&a->zeek, &e->seg)) {
        if (!a->zeek_rows)
            a->zeek_rows = g_ptr_array_new_with_free_func(g_free);
        g_ptr_array_add(a->zeek_rows, g_strdup_printf("%s\t%s", tcpedu_zeek_conn_state(&a->zeek),
                                                      tcpedu_zeek_history(&a->zeek)));
        tcpedu_zeek_init(&a->zeek);
    }
    tcpedu_zeek_observe(&a->zeek, &e->seg);
    a->pkts[e->seg.side & 1]++;
    a->bytes[e->seg.side & 1] += e->seg.len;
    if (r->kind == OUT_REPORT || r->kind == OUT_LADDER || r->kind == OUT_LADDER_FULL || r->kind == OUT_HTML) {
        if (!a->segs)
            a->segs = g_ptr_array_new_with_free_func(g_free);
        g_ptr_array_add(a->segs, g_memdup2(e, sizeof *e));
    }
    return TAP_PACKET_REDRAW;
}

static tap_packet_status sel_packet(void *tapdata, packet_info *pinfo _U_, epan_dissect_t *edt _U_,
                                    const void *data, tap_flags_t flags _U_)
{
    rep_selector *s = (rep_selector *)tapdata;
    const tcpedu_tap_rec *rec = (const tcpedu_tap_rec *)data;

    if (s->rep && rec->quic)
        g_hash_table_insert(s->rep->quic, (gpointer)rec->quic, GINT_TO_POINTER(TRUE));
    if (s->rep && rec->e && rec->e->conn)
        agg_of(s->rep, rec->e->conn)->selected = TRUE;
    return TAP_PACKET_DONT_REDRAW;
}

static gint by_index(gconstpointer a, gconstpointer b)
{
    const conn_agg *x = *(const conn_agg *const *)a, *y = *(const conn_agg *const *)b;
    return x->g->index < y->g->index ? -1 : x->g->index > y->g->index;
}

/* The selected connections in tcpedu.conn order (free with g_ptr_array_free). */
static GPtrArray *selected_conns(tcpedu_rep *r)
{
    GPtrArray *v = g_ptr_array_new();
    GHashTableIter it;
    gpointer k, val;

    g_hash_table_iter_init(&it, r->conns);
    while (g_hash_table_iter_next(&it, &k, &val))
        if (((conn_agg *)val)->selected)
            g_ptr_array_add(v, val);
    g_ptr_array_sort(v, by_index);
    return v;
}

/* The QUIC sites to list: selected ones that no TCP connection of the
 * capture goes to, in order of first packet (free with g_ptr_array_free). */
static GPtrArray *quic_only_sites(tcpedu_rep *r)
{
    GPtrArray *v = g_ptr_array_new();
    guint i;
    for (i = 0; i < tcpedu_sites_quic_count(); i++) {
        const tcpedu_quic *q = tcpedu_sites_quic_at(i);
        if (GPOINTER_TO_INT(g_hash_table_lookup(r->quic, q)) && !tcpedu_sites_tcp_has(q->name))
            g_ptr_array_add(v, (gpointer)q);
    }
    return v;
}

/* ---- formatting helpers ------------------------------------------------ */

static int client_side(const tcpedu_gconn *g)
{
    int client = tcpedu_gconn_obs(g)->client;
    return client < 0 ? 0 : client;
}

static char *addr_port(const tcpedu_addr *a, guint16 port)
{
    return tcpedu_addr_port_str(NULL, a, port);
}

/* "1,2,3" from up to four frame numbers; "" when none. */
static char *frame_list(const guint32 *frames, const char *sep)
{
    GString *s = g_string_new("");
    int i;
    for (i = 0; i < 4; i++)
        if (frames[i])
            g_string_append_printf(s, "%s%u", s->len ? sep : "", frames[i]);
    return g_string_free(s, FALSE);
}

/* Handshake round-trip time in ms (first to last step), or a negative value. */
static double hs_rtt_ms(const tcpedu_conn *c)
{
    unsigned total = tcpedu_conn_hs_total(c);
    int64_t ns;
    if (!c->hs_complete || total < 2 || !c->hs_frame[0] || !c->hs_frame[total - 1])
        return -1.0;
    if (!tcpedu_time_diff(c->hs_t[0], c->hs_t[total - 1], &ns))
        return -1.0; /* a time outside int64 nanoseconds (tcpedu_time.h) */
    return (double)ns / 1e6;
}

/* The connection's anomalies, including the one only the end can tell. */
static guint64 conn_anomalies(const tcpedu_conn *c)
{
    guint64 an = c->anomalies;
    if (tcpedu_conn_outcome(c) == TCPEDU_OUT_SYN_UNANSWERED)
        an |= TCPEDU_ABIT(TCPEDU_A_SYN_UNANSWERED);
    return an;
}

static char *anomaly_list(guint64 an, const char *sep)
{
    GString *s = g_string_new("");
    unsigned a;
    for (a = 0; a < TCPEDU_A_COUNT; a++)
        if (an & TCPEDU_ABIT(a))
            g_string_append_printf(s, "%s%s", s->len ? sep : "", tcpedu_anomaly_name(a));
    return g_string_free(s, FALSE);
}

static const char *closer_name(const tcpedu_gconn *g)
{
    if (tcpedu_gconn_obs(g)->first_closer < 0)
        return "";
    return tcpedu_gconn_obs(g)->first_closer == client_side(g) ? "client" : "server";
}

/* Which tcpedu role Zeek takes as its originator. */
static const char *zeek_orig_role(const conn_agg *a)
{
    if (a->zeek.orig_side < 0)
        return "";
    return a->zeek.orig_side == client_side(a->g) ? "client" : "server";
}

/* The padded text table lists at most this many Zeek rows per connection
 * ("... and N more" after them): each connection's line then has a bounded
 * length, and the table, padded to its widest line, stays linear in the
 * capture's size (docs/REPORTS.md).  conns-tsv and conns-json list all. */
#define TCPEDU_TEXT_ZEEK_ROWS_MAX 4

/* Zeek's conn_state / history, several rows joined with ',' when Zeek
 * would have split the connection; at most @p max rows (0 = all). */
static char *zeek_field(const conn_agg *a, int which, guint max)
{
    GString *s = g_string_new("");
    guint done = a->zeek_rows ? a->zeek_rows->len : 0;
    guint i, rows = done + 1;
    /* over the cap: the first max - 1 rows, then how many more there are */
    gboolean capped = max && rows > max;
    guint shown = capped ? max - 1 : done;

    for (i = 0; i < shown; i++) {
        const char *row = (const char *)g_ptr_array_index(a->zeek_rows, i);
        const char *tab = strchr(row, '\t');
        if (which == 0)
            g_string_append_len(s, row, tab - row);
        else
            g_string_append(s, tab + 1);
        g_string_append_c(s, ',');
    }
    if (capped)
        g_string_append_printf(s, "... and %u more", rows - shown);
    else
        g_string_append(s, which == 0 ? tcpedu_zeek_conn_state(&a->zeek) : tcpedu_zeek_history(&a->zeek));
    return g_string_free(s, FALSE);
}

/* ---- the connection table (conns, conns-tsv, conns-json) ---------------- */

enum {
    C_CONN, C_STREAM, C_CLIENT, C_SERVER, C_ROLES, C_OUTCOME, C_HS_FRAMES, C_HS_RTT, C_TEARDOWN,
    C_TD_FRAMES, C_FIRST_CLOSER, C_C2S_PKTS, C_C2S_BYTES, C_S2C_PKTS, C_S2C_BYTES, C_ANOMALIES,
    C_ZEEK_ORIG, C_ZEEK_STATE, C_ZEEK_HISTORY, C_SERVER_NAME, C_SERVER_NAME_SRC, C_TD_MISSING,
    C_COUNT
};
static const char *const col_names[C_COUNT] = {
    "conn", "stream", "client", "server", "roles", "outcome", "handshake_frames",
    "handshake_rtt_ms", "teardown", "teardown_frames", "first_closer", "c2s_pkts", "c2s_bytes",
    "s2c_pkts", "s2c_bytes", "anomalies", "zeek_orig", "zeek_conn_state", "zeek_history",
    "server_name", "server_name_source", "teardown_missing"};

/* The site columns: server name, its source, why there is no teardown. */
static void site_cols(const tcpedu_gconn *g, char **out)
{
    guint8 src;
    const char *name = tcpedu_site_name(g, &src);
    out[C_SERVER_NAME] = g_strdup(name ? name : "");
    out[C_SERVER_NAME_SRC] = g_strdup(name ? tcpedu_name_src_name(src) : "");
    out[C_TD_MISSING] = g_strdup(tcpedu_end_why_name(tcpedu_end_why_of(g)));
}

/* The address of a QUIC site's server, without a port. */
static char *quic_server(const tcpedu_quic *q)
{
    char *s = addr_port(&q->server, 0);
    char *colon = strrchr(s, ':');
    if (colon)
        *colon = '\0';
    return s;
}

/* One row as strings ("" = nothing); list fields separated by @p sep; at
 * most @p zeek_max Zeek rows (0 = all). */
static void conn_row(const conn_agg *a, char **out, const char *sep, guint zeek_max)
{
    const tcpedu_gconn *g = a->g;
    const tcpedu_conn *c = tcpedu_gconn_obs(g);
    int cl = client_side(g);
    double rtt = hs_rtt_ms(c);

    out[C_CONN] = g_strdup_printf("%u", g->index);
    out[C_STREAM] = g_strdup_printf("%u", g->stream);
    out[C_CLIENT] = addr_port(&g->addr[cl], g->port[cl]);
    out[C_SERVER] = addr_port(&g->addr[!cl], g->port[!cl]);
    out[C_ROLES] = g_strdup(tcpedu_roles_name(c->roles));
    out[C_OUTCOME] = g_strdup(tcpedu_outcome_name(tcpedu_conn_outcome(c)));
    out[C_HS_FRAMES] = frame_list(c->hs_frame, sep);
    out[C_HS_RTT] = rtt < 0 ? g_strdup("") : g_strdup_printf("%.3f", rtt);
    out[C_TEARDOWN] = g_strdup(tcpedu_td_style_name(tcpedu_conn_td_style(c)));
    out[C_TD_FRAMES] = frame_list(c->td_frame, sep);
    out[C_FIRST_CLOSER] = g_strdup(closer_name(g));
    out[C_C2S_PKTS] = g_strdup_printf("%u", a->pkts[cl]);
    out[C_C2S_BYTES] = g_strdup_printf("%" G_GUINT64_FORMAT, a->bytes[cl]);
    out[C_S2C_PKTS] = g_strdup_printf("%u", a->pkts[!cl]);
    out[C_S2C_BYTES] = g_strdup_printf("%" G_GUINT64_FORMAT, a->bytes[!cl]);
    out[C_ANOMALIES] = anomaly_list(conn_anomalies(c), sep);
    out[C_ZEEK_ORIG] = g_strdup(zeek_orig_role(a));
    out[C_ZEEK_STATE] = zeek_field(a, 0, zeek_max);
    out[C_ZEEK_HISTORY] = zeek_field(a, 1, zeek_max);
    site_cols(g, out);
}

static void free_row(char **row)
{
    int i;
    for (i = 0; i < C_COUNT; i++)
        g_free(row[i]);
}

static const char *or_dash(const char *s)
{
    return s && *s ? s : "-";
}

static void print_filter_line(const tcpedu_rep *r)
{
    printf("Filter: %s\n", r->filter ? r->filter : "none");
}

/* The text table is padded to its widest cells, so its rows are made
 * twice (once to measure, once to print) rather than all kept at once:
 * 22 strings per connection held until the end were most of the report's
 * peak memory on a large capture. */
static void draw_text(tcpedu_rep *r, GPtrArray *v)
{
    char *row[C_COUNT];
    size_t width[C_COUNT];
    guint i;
    int c;

    for (c = 0; c < C_COUNT; c++)
        width[c] = strlen(col_names[c]);
    for (i = 0; i < v->len; i++) {
        conn_row((const conn_agg *)g_ptr_array_index(v, i), row, ",", TCPEDU_TEXT_ZEEK_ROWS_MAX);
        for (c = 0; c < C_COUNT; c++)
            width[c] = MAX(width[c], strlen(or_dash(row[c])));
        free_row(row);
    }
    printf("\n====================================================================\n");
    printf("tcpedu connections\n");
    print_filter_line(r);
    printf("Connections: %u\n", v->len);
    for (c = 0; c < C_COUNT; c++)
        printf("%s%-*s", c ? "  " : "", c == C_COUNT - 1 ? 0 : (int)width[c], col_names[c]);
    printf("\n");
    for (i = 0; i < v->len; i++) {
        conn_row((const conn_agg *)g_ptr_array_index(v, i), row, ",", TCPEDU_TEXT_ZEEK_ROWS_MAX);
        for (c = 0; c < C_COUNT; c++)
            printf("%s%-*s", c ? "  " : "", c == C_COUNT - 1 ? 0 : (int)width[c], or_dash(row[c]));
        printf("\n");
        free_row(row);
    }
    {
        GPtrArray *q = quic_only_sites(r);
        for (i = 0; i < q->len; i++) {
            const tcpedu_quic *s = (const tcpedu_quic *)g_ptr_array_index(q, i);
            char *srv = quic_server(s);
            printf("QUIC without TCP: %s (server %s, first frame %u, %u packet(s) naming it): %s. %s\n",
                   s->name, srv, s->first_frame, s->frames, tcpedu_cat_site(TCPEDU_S_QUIC_ONLY)->en,
                   tcpedu_cat_site(TCPEDU_S_QUIC_HOW)->en);
            g_free(srv);
        }
        g_ptr_array_free(q, TRUE);
    }
    printf("====================================================================\n");
}

static void draw_tsv(GPtrArray *v)
{
    char *row[C_COUNT];
    guint i;
    int c;

    for (c = 0; c < C_COUNT; c++)
        printf("%s%s", c ? "\t" : "", col_names[c]);
    printf("\n");
    for (i = 0; i < v->len; i++) {
        conn_row((const conn_agg *)g_ptr_array_index(v, i), row, ",", 0);
        for (c = 0; c < C_COUNT; c++)
            printf("%s%s", c ? "\t" : "", or_dash(row[c]));
        printf("\n");
        free_row(row);
    }
}

/* A JSON string (the values are ASCII names and addresses, but escape anyway). */
static void json_str(GString *out, const char *s)
{
    g_string_append_c(out, '"');
    for (; *s; s++) {
        unsigned char ch = (unsigned char)*s;
        if (ch == '"' || ch == '\\')
            g_string_append_printf(out, "\\%c", ch);
        else if (ch < 0x20)
            g_string_append_printf(out, "\\u%04x", ch);
        else
            g_string_append_c(out, (char)ch);
    }
    g_string_append_c(out, '"');
}

/* A ','-separated list as a JSON array of numbers or strings. */
static void json_list(GString *out, const char *list, gboolean numbers)
{
    gchar **parts = g_strsplit(list, ",", -1);
    int i, n = 0;
    g_string_append_c(out, '[');
    for (i = 0; parts[i]; i++) {
        if (!*parts[i])
            continue;
        if (n++)
            g_string_append(out, ", ");
        if (numbers)
            g_string_append(out, parts[i]);
        else
            json_str(out, parts[i]);
    }
    g_string_append_c(out, ']');
    g_strfreev(parts);
}

static void draw_json(tcpedu_rep *r, GPtrArray *v)
{
    GString *out = g_string_new("{\n  \"filter\": ");
    char *row[C_COUNT];
    guint i;
    int c;

    if (r->filter)
        json_str(out, r->filter);
    else
        g_string_append(out, "null");
    g_string_append(out, ",\n  \"connections\": [");
    for (i = 0; i < v->len; i++) {
        conn_row((const conn_agg *)g_ptr_array_index(v, i), row, ",", 0);
        g_string_append(out, i ? ",\n    {" : "\n    {");
        for (c = 0; c < C_COUNT; c++) {
            g_string_append_printf(out, "%s\"%s\": ", c ? ", " : "", col_names[c]);
            switch (c) {
            case C_CONN: case C_STREAM: case C_C2S_PKTS: case C_C2S_BYTES: case C_S2C_PKTS:
            case C_S2C_BYTES:
                g_string_append(out, row[c]);
                break;
            case C_HS_RTT:
                g_string_append(out, *row[c] ? row[c] : "null");
                break;
            case C_HS_FRAMES: case C_TD_FRAMES:
                json_list(out, row[c], TRUE);
                break;
            case C_ANOMALIES:
                json_list(out, row[c], FALSE);
                break;
            case C_FIRST_CLOSER: case C_ZEEK_ORIG: case C_SERVER_NAME: case C_SERVER_NAME_SRC:
            case C_TD_MISSING:
                if (*row[c])
                    json_str(out, row[c]);
                else
                    g_string_append(out, "null");
                break;
            default:
                json_str(out, row[c]);
                break;
            }
        }
        g_string_append_c(out, '}');
        free_row(row);
    }
    g_string_append(out, v->len ? "\n  ],\n  \"quic\": [" : "],\n  \"quic\": [");
    {
        /* every selected QUIC site; without_tcp: no TCP connection to it */
        guint k, shown = 0;
        for (k = 0; k < tcpedu_sites_quic_count(); k++) {
            const tcpedu_quic *s = tcpedu_sites_quic_at(k);
            char *srv;
            if (!GPOINTER_TO_INT(g_hash_table_lookup(r->quic, s)))
                continue;
            srv = quic_server(s);
            g_string_append(out, shown++ ? ",\n    {\"server_name\": " : "\n    {\"server_name\": ");
            json_str(out, s->name);
            g_string_append(out, ", \"server\": ");
            json_str(out, srv);
            g_string_append_printf(out, ", \"first_frame\": %u, \"frames\": %u, \"without_tcp\": %s}",
                                   s->first_frame, s->frames,
                                   tcpedu_sites_tcp_has(s->name) ? "false" : "true");
            g_free(srv);
        }
        g_string_append(out, shown ? "\n  ]\n}\n" : "]\n}\n");
    }
    fputs(out->str, stdout);
    g_string_free(out, TRUE);
}

/* ---- the lab report ---------------------------------------------------- */

/* Report labels in English and Chinese (the explanations themselves come
 * from the catalogue). */
typedef enum {
    L_TITLE, L_FILTER, L_NONE, L_CONNECTION, L_CLIENT, L_SERVER, L_OUTCOME, L_HANDSHAKE,
    L_TEARDOWN, L_FRAMES, L_RTT, L_FIRST_CLOSER, L_NOT_SEEN, L_STEP, L_FRAME, L_FLAGS,
    L_SEQ, L_ACK, L_RAW, L_RELATIVE, L_INFERRED, L_STAYS, L_SINCE, L_RETRANSMISSION, L_ANOMALY,
    L_NO_CONNS, L_ROLES, L_ACK_EXPECTED, L_SITE, L_QUIC, L_SERVER_NAME_FRAME, L_COUNT
} label_id;
static const tcpedu_text labels[L_COUNT] = {
    [L_TITLE] = {"tcpedu lab report: TCP handshakes and teardowns", "tcpedu 实验报告：TCP 握手与挥手", NULL},
    [L_FILTER] = {"Filter", "过滤器", NULL},
    [L_NONE] = {"none", "无", NULL},
    [L_CONNECTION] = {"Connection", "连接", NULL},
    [L_CLIENT] = {"client", "客户端", NULL},
    [L_SERVER] = {"server", "服务器", NULL},
    [L_OUTCOME] = {"Outcome", "结果", NULL},
    [L_HANDSHAKE] = {"Handshake", "握手", NULL},
    [L_TEARDOWN] = {"Teardown", "挥手", NULL},
    [L_FRAMES] = {"frames", "帧", NULL},
    [L_RTT] = {"round-trip time", "往返时间", NULL},
    [L_FIRST_CLOSER] = {"closed first by", "先关闭的一方", NULL},
    [L_NOT_SEEN] = {"not in the capture", "抓包中没有", NULL},
    [L_STEP] = {"Step", "步骤", NULL},
    [L_FRAME] = {"frame", "帧", NULL},
    [L_FLAGS] = {"flags", "标志位", NULL},
    [L_SEQ] = {"seq", "序号", NULL},
    [L_ACK] = {"ack", "确认号", NULL},
    [L_RAW] = {"raw", "原始值", NULL},
    [L_RELATIVE] = {"relative", "相对值", NULL},
    [L_INFERRED] = {"inferred", "推断", NULL},
    [L_STAYS] = {"stays", "保持", NULL},
    [L_SINCE] = {"since frame", "自帧", NULL},
    [L_RETRANSMISSION] = {"retransmission", "重传", NULL},
    [L_ANOMALY] = {"Anomaly", "异常", NULL},
    [L_NO_CONNS] = {"No connection with a handshake or teardown in the capture.",
                    "抓包中没有包含握手或挥手的连接。", NULL},
    [L_ROLES] = {"roles", "角色判定", NULL},
    [L_ACK_EXPECTED] = {"expected", "应为", NULL},
    [L_SITE] = {"Site", "站点", NULL},
    [L_QUIC] = {"QUIC without TCP", "只有 QUIC、没有 TCP", NULL},
    [L_SERVER_NAME_FRAME] = {"frame", "帧", NULL},
};

static tcpedu_lang report_lang(void)
{
    return (tcpedu_lang)tcpedu_pref_language();
}

/* A label or explanation in the preferred language ("en / zh" for both). */
static const char *tr(const tcpedu_text *t, GString *scratch)
{
    tcpedu_lang lang = report_lang();
    if (lang == TCPEDU_LANG_BOTH) {
        g_string_printf(scratch, "%s / %s", t->en, t->zh);
        return scratch->str;
    }
    return tcpedu_cat_pick(t, lang);
}

#define TR(id) tr(&labels[id], g_ptr_array_index(scr, (id)))

/* Wireshark's flag order and names: "SYN, ACK". */
static char *flags_str(guint16 f)
{
    static const struct { guint16 bit; const char *name; } names[] = {
        {TCPEDU_F_FIN, "FIN"}, {TCPEDU_F_SYN, "SYN"}, {TCPEDU_F_RST, "RST"}, {TCPEDU_F_PSH, "PSH"},
        {TCPEDU_F_ACK, "ACK"}, {TCPEDU_F_URG, "URG"}, {TCPEDU_F_ECE, "ECE"}, {TCPEDU_F_CWR, "CWR"},
        {TCPEDU_F_AE, "AE"}};
    GString *s = g_string_new("");
    size_t i;
    for (i = 0; i < G_N_ELEMENTS(names); i++)
        if (f & names[i].bit)
            g_string_append_printf(s, "%s%s", s->len ? ", " : "", names[i].name);
    if (!s->len)
        g_string_append(s, "<none>");
    return g_string_free(s, FALSE);
}

static gboolean in_report(const tcpedu_conn *c)
{
    return c->hs_steps > 0 || c->td_steps > 0 || c->reset;
}

static gboolean step_in_report(const tcpedu_verdict *v)
{
    return v->phase == TCPEDU_PH_HANDSHAKE || v->phase == TCPEDU_PH_TEARDOWN ||
           v->phase == TCPEDU_PH_RESET;
}

/* "server LISTEN -> SYN-RECEIVED" or "server stays SYN-RECEIVED (since frame 1)". */
static void report_state(GPtrArray *scr, const char *who, guint8 before, guint8 after, gboolean inf_b,
                         gboolean inf_a, guint32 since, guint32 frame)
{
    const char *inferred = TR(L_INFERRED);
    if (before == after) {
        printf("%s %s %s", who, TR(L_STAYS), tcpedu_state_name(after));
        if (inf_b || inf_a)
            printf(" (%s)", inferred);
        if (since && since != frame)
            printf(" (%s %u)", TR(L_SINCE), since);
        return;
    }
    printf("%s %s%s%s%s -> %s%s%s%s", who, tcpedu_state_name(before), inf_b ? " (" : "",
           inf_b ? inferred : "", inf_b ? ")" : "", tcpedu_state_name(after), inf_a ? " (" : "",
           inf_a ? inferred : "", inf_a ? ")" : "");
}

static void report_segment(const tcpedu_fentry *e, GPtrArray *scr, GString *tmp)
{
    const tcpedu_verdict *v = e->v;
    const tcpedu_gconn *g = e->conn;
    const tcpedu_conn *c = tcpedu_gconn_obs(g);
    gboolean from_client = tcpedu_entry_dir(e) == TCPEDU_DIR_C2S;
    const char *snd = from_client ? TR(L_CLIENT) : TR(L_SERVER);
    const char *rcv = from_client ? TR(L_SERVER) : TR(L_CLIENT);
    char *fl = flags_str(e->seg.flags);
    unsigned total = v->phase == TCPEDU_PH_HANDSHAKE ? tcpedu_conn_hs_total(c)
                   : v->phase == TCPEDU_PH_TEARDOWN ? tcpedu_conn_td_total(c) : 0;
    unsigned a;

    printf("  %s", tr(tcpedu_cat_phase(v->phase), tmp));
    if (v->step) {
        if (total >= v->step)
            printf(" %s %u/%u", TR(L_STEP), v->step, total);
        else
            printf(" %s %u", TR(L_STEP), v->step);
    }
    printf(" | %s %u | %s -> %s | %s [%s]", TR(L_FRAME), e->seg.frame, snd, rcv, TR(L_FLAGS), fl);
    if (e->seg.len)
        printf(" len=%u", e->seg.len);
    if (v->retransmission)
        printf(" (%s)", TR(L_RETRANSMISSION));
    printf("\n");
    g_free(fl);

    printf("      %s: %s %u, %s %u", TR(L_SEQ), TR(L_RAW), e->seg.seq, TR(L_RELATIVE), v->rel_seq);
    if (e->seg.flags & TCPEDU_F_ACK) {
        printf("; %s: %s %u", TR(L_ACK), TR(L_RAW), e->seg.ack);
        if (v->rel_ack_valid)
            printf(", %s %u", TR(L_RELATIVE), v->rel_ack);
        if (v->ack_check == TCPEDU_ACKCHK_BAD)
            printf(" (%s %u)", TR(L_ACK_EXPECTED), tcpedu_entry_ack_expected(e));
    } else {
        printf("; %s: -", TR(L_ACK));
    }
    printf("\n      ");
    report_state(scr, snd, v->sender_before, v->sender_after, (v->inferred & TCPEDU_INF_SENDER_BEFORE) != 0,
                 (v->inferred & TCPEDU_INF_SENDER_AFTER) != 0, v->sender_since, e->seg.frame);
    printf("; ");
    report_state(scr, rcv, v->receiver_before, v->receiver_after,
                 (v->inferred & TCPEDU_INF_RECEIVER_BEFORE) != 0,
                 (v->inferred & TCPEDU_INF_RECEIVER_AFTER) != 0, v->receiver_since, e->seg.frame);
    printf("\n");
    if (report_lang() == TCPEDU_LANG_BOTH) {
        printf("      %s\n      %s", tcpedu_cat_rule(v->rule)->en, tcpedu_cat_rule(v->rule)->zh);
    } else {
        printf("      %s", tcpedu_cat_pick(tcpedu_cat_rule(v->rule), report_lang()));
    }
    if (tcpedu_cat_rule(v->rule)->rfc)
        printf(" (%s)", tcpedu_cat_rule(v->rule)->rfc);
    printf("\n");
    for (a = 0; a < TCPEDU_A_COUNT; a++)
        if (tcpedu_verdict_anomalies(v) & TCPEDU_ABIT(a))
            printf("      %s: %s (%s)\n", TR(L_ANOMALY), tr(tcpedu_cat_anomaly(a), tmp),
                   tcpedu_anomaly_name(a));
}

/* "Site: www.baidu.com (tls-sni, frame 4)" */
static void report_site(const tcpedu_gconn *g, GPtrArray *scr, GString *tmp _U_)
{
    guint8 src;
    const char *name = tcpedu_site_name(g, &src);
    int cl = client_side(g);
    if (!name)
        return;
    printf("%s: %s (%s, %s %u)\n", TR(L_SITE), name, tcpedu_name_src_name(src), TR(L_SERVER_NAME_FRAME),
           src == TCPEDU_NAME_DNS ? g->names->dns_frame[!cl] : g->names->name_frame);
}

/* Why there is no (complete) teardown, and how to get one. */
static void report_end_why(const tcpedu_gconn *g, GString *tmp)
{
    const tcpedu_text *t = tcpedu_end_why_text(tcpedu_end_why_of(g), FALSE);
    if (t) {
        printf("  %s\n", tr(t, tmp));
        printf("  %s\n", tr(tcpedu_end_why_text(tcpedu_end_why_of(g), TRUE), tmp));
    }
}

static void draw_report(tcpedu_rep *r, GPtrArray *v)
{
    GPtrArray *scr = g_ptr_array_new();
    GString *tmp = g_string_new("");
    guint i, j, shown = 0;

    for (i = 0; i < L_COUNT; i++)
        g_ptr_array_add(scr, g_string_new(""));
    printf("\n====================================================================\n");
    printf("%s\n", TR(L_TITLE));
    printf("%s: %s\n", TR(L_FILTER), r->filter ? r->filter : TR(L_NONE));
    for (i = 0; i < v->len; i++) {
        const conn_agg *a = (const conn_agg *)g_ptr_array_index(v, i);
        const tcpedu_gconn *g = a->g;
        const tcpedu_conn *c = tcpedu_gconn_obs(g);
        int cl = client_side(g);
        char *cs, *ss, *hf, *tf;
        double rtt;

        if (!in_report(c))
            continue;
        shown++;
        cs = addr_port(&g->addr[cl], g->port[cl]);
        ss = addr_port(&g->addr[!cl], g->port[!cl]);
        hf = frame_list(c->hs_frame, ", ");
        tf = frame_list(c->td_frame, ", ");
        rtt = hs_rtt_ms(c);
        printf("\n%s %u (tcp.stream %u): %s %s -> %s %s (%s: %s)\n", TR(L_CONNECTION), g->index,
               g->stream, TR(L_CLIENT), cs, TR(L_SERVER), ss, TR(L_ROLES),
               tcpedu_roles_name(c->roles));
        report_site(g, scr, tmp);
        printf("%s: %s\n", TR(L_OUTCOME), tcpedu_outcome_name(tcpedu_conn_outcome(c)));
        printf("%s: %s %s", TR(L_HANDSHAKE), TR(L_FRAMES), *hf ? hf : TR(L_NOT_SEEN));
        if (rtt >= 0)
            printf("; %s %.3f ms", TR(L_RTT), rtt);
        printf("\n%s: %s; %s %s", TR(L_TEARDOWN), tcpedu_td_style_name(tcpedu_conn_td_style(c)),
               TR(L_FRAMES), *tf ? tf : TR(L_NOT_SEEN));
        if (c->first_closer >= 0)
            printf("; %s %s", TR(L_FIRST_CLOSER),
                   c->first_closer == cl ? TR(L_CLIENT) : TR(L_SERVER));
        printf("\n");
        report_end_why(g, tmp);
        for (j = 0; a->segs && j < a->segs->len; j++) {
            const tcpedu_fentry *e = (const tcpedu_fentry *)g_ptr_array_index(a->segs, j);
            if (step_in_report(e->v))
                report_segment(e, scr, tmp);
        }
        g_free(cs);
        g_free(ss);
        g_free(hf);
        g_free(tf);
    }
    {
        GPtrArray *q = quic_only_sites(r);
        for (i = 0; i < q->len; i++) {
            const tcpedu_quic *s = (const tcpedu_quic *)g_ptr_array_index(q, i);
            char *srv = quic_server(s);
            printf("\n%s: %s (%s %s, %s %u)\n  %s\n", TR(L_QUIC), s->name, TR(L_SERVER), srv,
                   TR(L_FRAME), s->first_frame, tr(tcpedu_cat_site(TCPEDU_S_QUIC_ONLY), tmp));
            printf("  %s\n", tr(tcpedu_cat_site(TCPEDU_S_QUIC_HOW), tmp));
            g_free(srv);
            shown++;
        }
        g_ptr_array_free(q, TRUE);
    }
    if (!shown)
        printf("\n%s\n", TR(L_NO_CONNS));
    printf("====================================================================\n");
    for (i = 0; i < L_COUNT; i++)
        g_string_free((GString *)g_ptr_array_index(scr, i), TRUE);
    g_ptr_array_free(scr, TRUE);
    g_string_free(tmp, TRUE);
}

/* ---- the ladder (SVG) and the report page (HTML): tcpedu-ladder.c, tcpedu-html.c */

char *tcpedu_fmt_addr_port(const tcpedu_addr *a, guint16 port)
{
    return addr_port(a, port);
}

char *tcpedu_fmt_flags(guint16 flags)
{
    return flags_str(flags);
}

int tcpedu_client_side(const tcpedu_gconn *g)
{
    return client_side(g);
}

/* Without a filter: the first complete connection (handshake complete,
 * then closed or reset); with one: every selected connection that has a
 * handshake, teardown or reset step. */
static void draw_rendered(tcpedu_rep *r, GPtrArray *v)
{
    tcpedu_rconn *rc = g_new0(tcpedu_rconn, v->len ? v->len : 1);
    GString *out = g_string_new("");
    tcpedu_lang lang = report_lang();
    char *msg = NULL;
    guint i, n = 0;

    for (i = 0; i < v->len; i++) {
        const conn_agg *a = (const conn_agg *)g_ptr_array_index(v, i);
        const tcpedu_conn *c = tcpedu_gconn_obs(a->g);
        tcpedu_outcome o = tcpedu_conn_outcome(c);
        if (r->filter ? !in_report(c)
                      : !(c->hs_complete && (o == TCPEDU_OUT_CLOSED || o == TCPEDU_OUT_RESET)))
            continue;
        rc[n].g = a->g;
        rc[n].segs = a->segs ? (const tcpedu_fentry *const *)a->segs->pdata : NULL;
        rc[n].nsegs = a->segs ? a->segs->len : 0;
        n++;
        if (!r->filter)
            break;
    }
    if (!n) {
        msg = tcpedu_render_message(r->filter != NULL, lang);
        fprintf(stderr, "tcpedu: %s\n", msg);
    }
    if (r->kind == OUT_HTML)
        tcpedu_report_html(out, rc, n, r->filter, lang, msg);
    else
        tcpedu_ladder_svg(out, rc, n, r->kind == OUT_LADDER, lang, msg);
    fwrite(out->str, 1, out->len, stdout);
    g_string_free(out, TRUE);
    g_free(msg);
    g_free(rc);
}

static void rep_draw(void *tapdata)
{
    tcpedu_rep *r = (tcpedu_rep *)tapdata;
    GPtrArray *v = selected_conns(r);

    switch (r->kind) {
    case OUT_TEXT: draw_text(r, v); break;
    case OUT_TSV: draw_tsv(v); break;
    case OUT_JSON: draw_json(r, v); break;
    case OUT_REPORT: draw_report(r, v); break;
    case OUT_LADDER: case OUT_LADDER_FULL: case OUT_HTML: draw_rendered(r, v); break;
    }
    g_ptr_array_free(v, TRUE);
}

static void rep_finish(void *tapdata)
{
    tcpedu_rep *r = (tcpedu_rep *)tapdata;
    if (r->sel)
        r->sel->rep = NULL;
    g_hash_table_destroy(r->conns);
    g_byte_array_free(r->seen_first, TRUE);
    g_hash_table_destroy(r->seen_more);
    g_hash_table_destroy(r->quic);
    g_free(r->filter);
    g_free(r);
}

static void sel_finish(void *tapdata)
{
    rep_selector *s = (rep_selector *)tapdata;
    if (s->rep)
        s->rep->sel = NULL;
    g_free(s);
}

/* ---- -z registration ------------------------------------------------------ */

typedef struct {
    const char *cli;
    out_kind kind;
} rep_ui;

static const rep_ui rep_uis[] = {
    {"tcpedu,conns", OUT_TEXT},
    {"tcpedu,conns-tsv", OUT_TSV},
    {"tcpedu,conns-json", OUT_JSON},
    {"tcpedu,report", OUT_REPORT},
    {"tcpedu,ladder", OUT_LADDER},
    {"tcpedu,ladder-full", OUT_LADDER_FULL},
    {"tcpedu,report-html", OUT_HTML},
};

static TCPEDU_STAT_INIT_RET rep_init(const char *opt_arg, void *userdata)
{
    const rep_ui *ui = (const rep_ui *)userdata;
    size_t n = strlen(ui->cli);
    tcpedu_rep *r;
    GString *err;

    /* -z matches by prefix: "tcpedu,connsX" must not be taken for "tcpedu,conns" */
    if (strncmp(opt_arg, ui->cli, n) != 0 || (opt_arg[n] != '\0' && opt_arg[n] != ',')) {
        fprintf(stderr, "tshark: invalid -z argument \"%s\"; use %s[,FILTER]\n", opt_arg, ui->cli);
        TCPEDU_STAT_INIT_FAIL;
    }
    /* every report lists server names: ask Wireshark for the fields */
    tcpedu_sites_for_report();
    r = g_new0(tcpedu_rep, 1);
    r->kind = ui->kind;
    r->filter = opt_arg[n] == ',' && opt_arg[n + 1] ? g_strdup(opt_arg + n + 1) : NULL;
    r->conns = g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL, agg_free);
    r->seen_first = g_byte_array_new();
    r->seen_more = g_hash_table_new(g_direct_hash, g_direct_equal);
    r->quic = g_hash_table_new(g_direct_hash, g_direct_equal);
    err = register_tap_listener("tcpedu", r, NULL, TL_REQUIRES_NOTHING, rep_reset, rep_packet,
                                rep_draw, rep_finish);
    if (!err && r->filter) {
        rep_selector *sel = g_new0(rep_selector, 1);
        sel->rep = r;
        err = register_tap_listener("tcpedu", sel, r->filter, TL_REQUIRES_NOTHING, NULL,
                                    sel_packet, NULL, sel_finish);
        if (err) {
            g_free(sel);
            remove_tap_listener(r);
        } else {
            r->sel = sel;
        }
    }
    if (err) {
        fprintf(stderr, "tshark: Couldn't register %s tap: %s\n", ui->cli, err->str);
        g_string_free(err, TRUE);
        TCPEDU_STAT_INIT_FAIL;
    }
    return TCPEDU_STAT_INIT_OK;
}

/* ---- stats tree: segments by phase, step and kind ------------------------- */

static const char st_root[] = "tcpedu segments";
static const char st_by_phase[] = "By phase and step";
static const char st_by_kind[] = "By segment kind";
static int st_node_root = -1, st_node_phase = -1, st_node_kind = -1;

static void tree_init(stats_tree *st)
{
    st_node_root = stats_tree_create_node(st, st_root, 0, STAT_DT_INT, TRUE);
    st_node_phase = stats_tree_create_node(st, st_by_phase, st_node_root, STAT_DT_INT, TRUE);
    st_node_kind = stats_tree_create_node(st, st_by_kind, st_node_root, STAT_DT_INT, TRUE);
}

static tap_packet_status tree_packet(stats_tree *st, packet_info *pinfo _U_, epan_dissect_t *edt _U_,
                                     const void *data, tap_flags_t flags _U_)
{
    const tcpedu_tap_rec *rec = (const tcpedu_tap_rec *)data;
    const tcpedu_verdict *v;
    char step[64];
    int ph, sn;

    if (!rec->e)
        return TAP_PACKET_DONT_REDRAW;
    v = rec->e->v;
    tick_stat_node(st, st_root, 0, TRUE);
    tick_stat_node(st, st_by_phase, st_node_root, TRUE);
    ph = tick_stat_node(st, tcpedu_phase_name(v->phase), st_node_phase, TRUE);
    if (v->step)
        g_snprintf(step, sizeof step, "step %u", v->step);
    else
        g_snprintf(step, sizeof step, "no step");
    sn = tick_stat_node(st, step, ph, TRUE);
    tick_stat_node(st, tcpedu_kind_name(v->kind), sn, FALSE);
    tick_stat_node(st, st_by_kind, st_node_root, TRUE);
    tick_stat_node(st, tcpedu_kind_name(v->kind), st_node_kind, FALSE);
    return TAP_PACKET_REDRAW;
}

void tcpedu_stats_register(void)
{
    static tap_param filter_param[] = {{PARAM_FILTER, "filter", "Filter", NULL, TRUE}};
    static stat_tap_ui uis[G_N_ELEMENTS(rep_uis)];
    size_t i;

    for (i = 0; i < G_N_ELEMENTS(rep_uis); i++) {
        uis[i].group = REGISTER_STAT_GROUP_GENERIC;
        uis[i].title = NULL;
        uis[i].cli_string = rep_uis[i].cli;
        uis[i].tap_init_cb = rep_init;
        uis[i].nparams = G_N_ELEMENTS(filter_param);
        uis[i].params = filter_param;
        register_stat_tap_ui(&uis[i], (void *)&rep_uis[i]);
    }
    stats_tree_register_plugin("tcpedu", "tcpedu", "tcpedu/Segments by phase, step and kind", 0,
                               tree_packet, tree_init, NULL);
}
