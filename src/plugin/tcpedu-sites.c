/*
 * tcpedu-sites.c - which site a connection went to (server names from
 * Wireshark's TLS, HTTP and DNS fields), why its teardown is missing, and
 * QUIC visits that have no TCP at all.  tcpedu-sites.h states the rules.
 *
 * All of this is glue data kept next to the connection record; the
 * observer knows nothing of it.  Like the rest of the glue it is computed
 * on the first pass and only read back on later passes: a single pass
 * cannot show on a SYN the TLS server name or Host header that arrive
 * later; with -2 and in the GUI every segment shows it.
 */
#include "tcpedu_compat.h"

#include <string.h>

#include <epan/expert.h>
#include <epan/packet.h>
#include <epan/prefs.h>
#ifdef _WIN32
#include <windows.h>
#else
#include <dlfcn.h>
#endif
#include <epan/proto_data.h>

#include "tcpedu-sites.h"
#include "tcpedu_catalogue.h"

static int proto_tcpedu_sites = -1;  /* the tcpedu protocol */
static int proto_quic = -1;

static int hf_server_name = -1;
static int hf_server_name_src = -1;
static int hf_server_name_frame = -1;
static int hf_server_name_explain = -1;
static int hf_td_missing = -1;
static int hf_td_missing_explain = -1;
static int hf_td_missing_howto = -1;
static int hf_quic_only = -1;
static int hf_quic_explain = -1;
static gint ett_quic = -1;
static expert_field ei_quic_only = EI_INIT;

/* The fields read here, resolved at handoff and added to the wanted list. */
enum { N_SNI, N_HOST, N_DNS_QRY, N_DNS_OWNER, N_DNS_CNAME, N_DNS_A, N_DNS_AAAA, N_IP_DST,
       N_IPV6_DST, N_COUNT };
static const char *const name_fields[N_COUNT] = {
    [N_SNI] = "tls.handshake.extensions_server_name",
    [N_HOST] = "http.host",
    [N_DNS_QRY] = "dns.qry.name",
    [N_DNS_OWNER] = "dns.resp.name",
    [N_DNS_CNAME] = "dns.cname",
    [N_DNS_A] = "dns.a",
    [N_DNS_AAAA] = "dns.aaaa",
    [N_IP_DST] = "ip.dst",
    [N_IPV6_DST] = "ipv6.dst",
};
static int name_hf[N_COUNT];

/* Per capture (file scope, rebuilt by tcpedu_sites_init). */
static wmem_map_t *interned;      /* name -> the same name: one pointer per name */
static wmem_map_t *dns_by_addr;   /* tcpedu_addr * -> dns_answer * (latest) */
static wmem_map_t *tcp_names;     /* interned name -> 1: names of TCP connections */
static wmem_map_t *quic_by_name;  /* interned name -> tcpedu_quic * */
static wmem_array_t *quic_sites;  /* tcpedu_quic *, in order of first packet */
static guint32 quic_notice_pass1; /* frame of the expert info as the first pass saw it */

typedef struct {
    const char *name;
    guint32 frame;
} dns_answer;

static guint addr_hash(gconstpointer k)
{
    const tcpedu_addr *a = (const tcpedu_addr *)k;
    guint h = 2166136261u;
    guint i;
    for (i = 0; i < a->len; i++)
        h = (h ^ a->b[i]) * 16777619u;
    return h;
}

static gboolean addr_equal(gconstpointer x, gconstpointer y)
{
    const tcpedu_addr *a = (const tcpedu_addr *)x, *b = (const tcpedu_addr *)y;
    return a->len == b->len && memcmp(a->b, b->b, a->len) == 0;
}

static void walk_done(void);

void tcpedu_sites_init(void)
{
    walk_done();
    interned = wmem_map_new(wmem_file_scope(), g_str_hash, g_str_equal);
    dns_by_addr = wmem_map_new(wmem_file_scope(), addr_hash, addr_equal);
    tcp_names = wmem_map_new(wmem_file_scope(), g_direct_hash, g_direct_equal);
    quic_by_name = wmem_map_new(wmem_file_scope(), g_direct_hash, g_direct_equal);
    quic_sites = wmem_array_new(wmem_file_scope(), sizeof(tcpedu_quic *));
    quic_notice_pass1 = 0;
}

/* ---- names ----------------------------------------------------------------- */

/* The interned, normalised form of @p s (lower case, no trailing dot; with
 * @p strip_port also without ":port" and IPv6 brackets), or NULL. */
static const char *norm_name(const char *s, gboolean strip_port)
{
    char buf[256];
    const char *end;
    size_t n, i;
    char *found;

    if (!s)
        return NULL;
    end = s + strlen(s);
    if (strip_port) {
        const char *colon = strrchr(s, ':');
        if (s[0] == '[') {
            const char *rb = strchr(s, ']');
            if (rb) {
                s++;
                end = rb;
            }
        } else if (colon && colon == strchr(s, ':')) {
            end = colon;   /* one colon: host:port */
        }
    }
    while (end > s && end[-1] == '.')
        end--;
    n = (size_t)(end - s);
    if (n == 0 || n >= sizeof buf)
        return NULL;
    for (i = 0; i < n; i++)
        buf[i] = g_ascii_tolower(s[i]);
    buf[n] = '\0';
    /* An address literal (Host: 127.0.0.1:8080) is not a name: the
     * connection's server address already says it. */
    if (g_hostname_is_ip_address(buf))
        return NULL;
    found = (char *)wmem_map_lookup(interned, buf);
    if (!found) {
        found = wmem_strdup(wmem_file_scope(), buf);
        wmem_map_insert(interned, found, found);
    }
    return found;
}

static const char *string_of(const field_info *fi)
{
    if (!fi || fi->hfinfo->type != FT_STRING)
        return NULL;
    return fvalue_get_string(TCPEDU_FI_FVALUE((field_info *)fi));
}

/* The frame on which "auto" first asked for the fields (see below) was
 * dissected before the fields were asked for; if its tree is visible, its
 * items are found by walking it instead (found[], freed on the next frame). */
static proto_tree *walk_tree;
static GPtrArray *found[N_COUNT];

static void walk_done(void)
{
    unsigned n;
    for (n = 0; n < N_COUNT; n++)
        if (found[n]) {
            g_ptr_array_free(found[n], TRUE);
            found[n] = NULL;
        }
    walk_tree = NULL;
}

static GPtrArray *items_of(proto_tree *tree, int n)
{
    GPtrArray *a;
    if (name_hf[n] <= 0)
        return NULL;
    if (tree && tree == walk_tree) {
        if (!found[n])
            found[n] = proto_find_finfo(tree, name_hf[n]);
        a = found[n];
    } else {
        a = proto_get_finfo_ptr_array(tree, name_hf[n]);
    }
    return a && a->len ? a : NULL;
}

/* The item of @p a in the same data source as @p x that starts last before it. */
static field_info *nearest_before(GPtrArray *a, const field_info *x)
{
    field_info *best = NULL;
    guint i;
    for (i = 0; a && i < a->len; i++) {
        field_info *fi = (field_info *)g_ptr_array_index(a, i);
        if (fi->ds_tvb == x->ds_tvb && fi->start < x->start && (!best || fi->start > best->start))
            best = fi;
    }
    return best;
}

/* Is @p owner the query name @p qname, or reached from it through the
 * CNAME records of the same DNS message (the one of query item @p q)? */
static gboolean in_cname_chain(const char *qname, const char *owner, const field_info *q,
                               GPtrArray *owners, GPtrArray *cnames)
{
    const char *cur = qname;
    int hops;

    for (hops = 0; hops < 8 && cur; hops++) {
        const char *next = NULL;
        guint i;
        if (owner == cur)
            return TRUE;
        for (i = 0; cnames && i < cnames->len && !next; i++) {
            field_info *c = (field_info *)g_ptr_array_index(cnames, i);
            field_info *o;
            if (c->ds_tvb != q->ds_tvb || c->start <= q->start)
                continue;
            o = nearest_before(owners, c);
            if (o && norm_name(string_of(o), FALSE) == cur)
                next = norm_name(string_of(c), FALSE);
        }
        cur = next;
    }
    return FALSE;
}

void tcpedu_sites_frame(proto_tree *tree, guint32 frame)
{
    GPtrArray *addrs[2], *qry, *owners, *cnames;
    int k;

    addrs[0] = items_of(tree, N_DNS_A);
    addrs[1] = items_of(tree, N_DNS_AAAA);
    if (!addrs[0] && !addrs[1])
        return;
    qry = items_of(tree, N_DNS_QRY);
    owners = items_of(tree, N_DNS_OWNER);
    cnames = items_of(tree, N_DNS_CNAME);
    for (k = 0; k < 2; k++) {
        guint i;
        for (i = 0; addrs[k] && i < addrs[k]->len; i++) {
            field_info *x = (field_info *)g_ptr_array_index(addrs[k], i);
            field_info *q = nearest_before(qry, x), *o = nearest_before(owners, x);
            const char *qname;
            tcpedu_addr *key;
            dns_answer *ans;

            if (!q || !o || !x->ds_tvb || x->length != (k ? 16 : 4) ||
                !tvb_bytes_exist(x->ds_tvb, x->start, x->length))
                continue;
            /* nearest_before(qry, o) == q: the record is in q's message */
            if (nearest_before(qry, o) != q)
                continue;
            qname = norm_name(string_of(q), FALSE);
            if (!qname || !in_cname_chain(qname, norm_name(string_of(o), FALSE), q, owners, cnames))
                continue;   /* e.g. an additional record about a name server */
            key = wmem_new0(wmem_file_scope(), tcpedu_addr);
            key->len = (guint8)x->length;
            tvb_memcpy(x->ds_tvb, key->b, x->start, x->length);
            ans = wmem_new(wmem_file_scope(), dns_answer);
            ans->name = qname;
            ans->frame = frame;
            wmem_map_insert(dns_by_addr, key, ans);
        }
    }
}

static tcpedu_conn_names *names_of(tcpedu_gconn *g)
{
    if (!g->names)
        g->names = wmem_new0(wmem_file_scope(), tcpedu_conn_names);
    return g->names;
}

void tcpedu_sites_new_conn(tcpedu_gconn *g)
{
    int s;
    if (wmem_map_size(dns_by_addr) == 0)
        return;
    for (s = 0; s < 2; s++) {
        const dns_answer *a = (const dns_answer *)wmem_map_lookup(dns_by_addr, &g->addr[s]);
        if (a) {
            names_of(g)->dns_name[s] = a->name;
            g->names->dns_frame[s] = a->frame;
        }
    }
}

static field_info *first_between(GPtrArray *a, int above, int below)
{
    guint i;
    for (i = 0; a && i < a->len; i++) {
        field_info *fi = (field_info *)g_ptr_array_index(a, i);
        if (fi->total_layer_num > above && fi->total_layer_num < below)
            return fi;
    }
    return NULL;
}

const char *tcpedu_site_name(const tcpedu_gconn *g, guint8 *src)
{
    int client = tcpedu_gconn_obs(g)->client, cl = client < 0 ? 0 : client;
    const tcpedu_conn_names *n = g->names;
    if (n && n->name) {
        if (src)
            *src = n->name_src;
        return n->name;
    }
    if (n && n->dns_name[!cl]) {
        if (src)
            *src = TCPEDU_NAME_DNS;
        return n->dns_name[!cl];
    }
    if (src)
        *src = TCPEDU_NAME_NONE;
    return NULL;
}

void tcpedu_sites_segment(proto_tree *tree, int layer, int upper, tcpedu_gconn *g, guint8 side,
                          guint32 frame)
{
    const char *name;
    const char *had = g->names ? g->names->name : NULL;
    int client = tcpedu_gconn_obs(g)->client;

    /* Only what the client sends names the server; SNI before Host. */
    if ((!had || g->names->name_src != TCPEDU_NAME_SNI) && (client < 0 || side == client)) {
        field_info *fi = first_between(items_of(tree, N_SNI), layer, upper);
        guint8 src = TCPEDU_NAME_SNI;
        if (!fi && !had) {
            fi = first_between(items_of(tree, N_HOST), layer, upper);
            src = TCPEDU_NAME_HOST;
        }
        name = fi ? norm_name(string_of(fi), src == TCPEDU_NAME_HOST) : NULL;
        if (name) {
            names_of(g)->name = name;
            g->names->name_src = src;
            g->names->name_frame = frame;
        }
    }
    name = tcpedu_site_name(g, NULL);
    if (name && name != g->names->name_noted) {
        wmem_map_insert(tcp_names, (gpointer)name, GINT_TO_POINTER(1));
        g->names->name_noted = name;
    }
}

gboolean tcpedu_sites_tcp_has(const char *name)
{
    return name && wmem_map_contains(tcp_names, name);
}

/* ---- QUIC -------------------------------------------------------------------- */

static int quic_layer(packet_info *pinfo)
{
    wmem_list_frame_t *f;
    int pos = 1;
    for (f = wmem_list_head(pinfo->layers); f; f = wmem_list_frame_next(f), pos++)
        if (GPOINTER_TO_INT(wmem_list_frame_data(f)) == proto_quic)
            return pos;
    return 0;
}

static void dst_below(proto_tree *tree, int layer, tcpedu_addr *out)
{
    field_info *best = NULL;
    int k;
    memset(out, 0, sizeof *out);
    for (k = N_IP_DST; k <= N_IPV6_DST; k++) {
        GPtrArray *a = items_of(tree, k);
        guint i;
        for (i = 0; a && i < a->len; i++) {
            field_info *fi = (field_info *)g_ptr_array_index(a, i);
            if (fi->total_layer_num < layer && (!best || fi->total_layer_num > best->total_layer_num))
                best = fi;
        }
    }
    if (best && best->ds_tvb && (best->length == 4 || best->length == 16) &&
        tvb_bytes_exist(best->ds_tvb, best->start, best->length)) {
        out->len = (guint8)best->length;
        tvb_memcpy(best->ds_tvb, out->b, best->start, best->length);
    }
}

const tcpedu_quic *tcpedu_sites_quic_frame(packet_info *pinfo, proto_tree *tree)
{
    int layer;
    field_info *fi;
    const char *name;
    tcpedu_quic *q;

    if (proto_quic <= 0 || !tree || !(layer = quic_layer(pinfo)))
        return NULL;
    fi = first_between(items_of(tree, N_SNI), layer, G_MAXINT);
    name = fi ? norm_name(string_of(fi), FALSE) : NULL;
    if (!name)
        return NULL;
    q = (tcpedu_quic *)wmem_map_lookup(quic_by_name, name);
    if (!q) {
        q = wmem_new0(wmem_file_scope(), tcpedu_quic);
        q->name = name;
        q->first_frame = pinfo->num;
        dst_below(tree, layer, &q->server);
        wmem_map_insert(quic_by_name, (gpointer)name, q);
        wmem_array_append_one(quic_sites, q);
        if (!quic_notice_pass1 && !tcpedu_sites_tcp_has(name))
            quic_notice_pass1 = pinfo->num;
    }
    q->frames++;
    return q;
}

guint tcpedu_sites_quic_count(void)
{
    return quic_sites ? wmem_array_get_count(quic_sites) : 0;
}

const tcpedu_quic *tcpedu_sites_quic_at(guint i)
{
    return *(tcpedu_quic **)wmem_array_index(quic_sites, i);
}

/* The frame that carries the once-per-capture QUIC expert info: on later
 * passes the first QUIC site without TCP at the end of the capture; in a
 * single pass the first one without TCP so far. */
static guint32 quic_notice_frame(packet_info *pinfo)
{
    guint i;
    if (!PINFO_FD_VISITED(pinfo))
        return quic_notice_pass1;
    for (i = 0; i < tcpedu_sites_quic_count(); i++)
        if (!tcpedu_sites_tcp_has(tcpedu_sites_quic_at(i)->name))
            return tcpedu_sites_quic_at(i)->first_frame;
    return 0;
}

/* ---- why there is no teardown ----------------------------------------------- */

tcpedu_end_why tcpedu_end_why_of(const tcpedu_gconn *g)
{
    switch (tcpedu_conn_outcome(tcpedu_gconn_obs(g))) {
    case TCPEDU_OUT_OPEN: return TCPEDU_END_OPEN;
    case TCPEDU_OUT_RESET: return TCPEDU_END_RESET;
    case TCPEDU_OUT_HALF_CLOSED: case TCPEDU_OUT_CLOSING: return TCPEDU_END_INCOMPLETE;
    default: return TCPEDU_END_NONE;
    }
}

const char *tcpedu_end_why_name(unsigned why)
{
    static const char *const names[TCPEDU_END_COUNT] = {"", "open_at_end", "reset", "incomplete"};
    return why < TCPEDU_END_COUNT ? names[why] : "";
}

const tcpedu_text *tcpedu_end_why_text(tcpedu_end_why why, gboolean how)
{
    if (why == TCPEDU_END_NONE || why >= TCPEDU_END_COUNT)
        return NULL;
    return tcpedu_cat_site((how ? TCPEDU_S_END_OPEN_HOW : TCPEDU_S_END_OPEN) + (why - TCPEDU_END_OPEN));
}

const char *tcpedu_name_src_name(unsigned src)
{
    static const char *const names[TCPEDU_NAME_COUNT] = {"none", "tls-sni", "http-host", "dns"};
    return src < TCPEDU_NAME_COUNT ? names[src] : "?";
}

/* ---- display --------------------------------------------------------------- */

static tcpedu_lang lang(void)
{
    return (tcpedu_lang)tcpedu_pref_language();
}

static const char *pick(const tcpedu_text *t, wmem_allocator_t *scope)
{
    if (lang() == TCPEDU_LANG_BOTH)
        return wmem_strdup_printf(scope, "%s / %s", t->en, t->zh);
    return tcpedu_cat_pick(t, lang());
}

static void add_string(proto_tree *t, int hf, tvbuff_t *tvb, const char *s)
{
    proto_item_set_generated(proto_tree_add_string(t, hf, tvb, 0, 0, s));
}

static void add_enum(proto_tree *t, int hf, tvbuff_t *tvb, guint32 v, const char *name)
{
    proto_item_set_generated(proto_tree_add_uint_format_value(t, hf, tvb, 0, 0, v, "%s", name));
}

const char *tcpedu_sites_syn_text(const tcpedu_gconn *g, wmem_allocator_t *scope)
{
    const char *name = tcpedu_site_name(g, NULL);
    const tcpedu_text *b = tcpedu_cat_site(TCPEDU_S_SYN_TO_BEFORE), *a = tcpedu_cat_site(TCPEDU_S_SYN_TO_AFTER);

    if (!name)
        return NULL;
    if (lang() == TCPEDU_LANG_BOTH)
        return wmem_strdup_printf(scope, "%s%s%s / %s%s%s", b->en, name, a->en, b->zh, name, a->zh);
    return wmem_strdup_printf(scope, "%s%s%s", tcpedu_cat_pick(b, lang()), name,
                              tcpedu_cat_pick(a, lang()));
}

/* The frame that gave connection @p g its name from source @p src. */
static guint32 name_frame_of(const tcpedu_gconn *g, guint8 src)
{
    if (!g->names)
        return 0;
    return src == TCPEDU_NAME_DNS ? g->names->dns_frame[tcpedu_gconn_obs(g)->client == 1 ? 0 : 1] : g->names->name_frame;
}

/* Is why there is no teardown known on this pass?  A reset is known when it
 * happens; that the capture ended with the connection open or half closed,
 * only on a later pass. */
static gboolean end_why_known(tcpedu_end_why why, packet_info *pinfo)
{
    return why == TCPEDU_END_RESET || (why != TCPEDU_END_NONE && PINFO_FD_VISITED(pinfo));
}

void tcpedu_sites_show_conn(proto_tree *ct, tvbuff_t *tvb, packet_info *pinfo, const tcpedu_gconn *g)
{
    guint8 src;
    const char *name = tcpedu_site_name(g, &src);
    tcpedu_end_why why = tcpedu_end_why_of(g);
    unsigned i;

    if (name) {
        add_string(ct, hf_server_name, tvb, name);
        add_enum(ct, hf_server_name_src, tvb, src, tcpedu_name_src_name(src));
        proto_item_set_generated(proto_tree_add_uint(ct, hf_server_name_frame, tvb, 0, 0,
                                                     name_frame_of(g, src)));
        add_string(ct, hf_server_name_explain, tvb,
                   pick(tcpedu_cat_site(TCPEDU_S_SRC_SNI + (src - TCPEDU_NAME_SNI)), pinfo->pool));
    }
    /* A single pass has not yet seen the SNI/Host on the handshake. */
    if (!PINFO_FD_VISITED(pinfo) && !(g->names && g->names->name))
        for (i = 0; i < 4; i++)
            if (tcpedu_gconn_obs(g)->hs_frame[i] == pinfo->num)
                add_string(ct, hf_server_name_explain, tvb,
                           pick(tcpedu_cat_site(TCPEDU_S_SINGLE_PASS), pinfo->pool));
    if (end_why_known(why, pinfo)) {
        add_enum(ct, hf_td_missing, tvb, why, tcpedu_end_why_name(why));
        add_string(ct, hf_td_missing_explain, tvb, pick(tcpedu_end_why_text(why, FALSE), pinfo->pool));
        add_string(ct, hf_td_missing_howto, tvb, pick(tcpedu_end_why_text(why, TRUE), pinfo->pool));
    }
}

static void hide(proto_item *it)
{
    proto_item_set_generated(it);
    proto_item_set_hidden(it);
}

void tcpedu_sites_hide_conn(proto_tree *t, tvbuff_t *tvb, packet_info *pinfo, const tcpedu_gconn *g)
{
    guint8 src;
    const char *name = tcpedu_site_name(g, &src);
    tcpedu_end_why why = tcpedu_end_why_of(g);

    if (end_why_known(why, pinfo))
        hide(proto_tree_add_uint(t, hf_td_missing, tvb, 0, 0, why));
    if (!name)
        return;
    hide(proto_tree_add_string(t, hf_server_name, tvb, 0, 0, name));
    hide(proto_tree_add_uint(t, hf_server_name_src, tvb, 0, 0, src));
    hide(proto_tree_add_uint(t, hf_server_name_frame, tvb, 0, 0, name_frame_of(g, src)));
}

void tcpedu_sites_show_quic(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree, const tcpedu_quic *q)
{
    gboolean only = !tcpedu_sites_tcp_has(q->name);
    proto_item *ti = proto_tree_add_item(tree, proto_tcpedu_sites, tvb, 0, 0, ENC_NA);
    proto_tree *t = proto_item_add_subtree(ti, ett_quic);

    proto_item_set_generated(ti);
    proto_item_append_text(ti, ": QUIC (HTTP/3 over UDP) to %s%s", q->name,
                           only ? ", no TCP connection to it" : "");
    add_string(t, hf_server_name, tvb, q->name);
    add_enum(t, hf_server_name_src, tvb, TCPEDU_NAME_SNI, tcpedu_name_src_name(TCPEDU_NAME_SNI));
    proto_item_set_generated(proto_tree_add_boolean(t, hf_quic_only, tvb, 0, 0, only));
    if (only) {
        add_string(t, hf_quic_explain, tvb, pick(tcpedu_cat_site(TCPEDU_S_QUIC_ONLY), pinfo->pool));
        add_string(t, hf_quic_explain, tvb, pick(tcpedu_cat_site(TCPEDU_S_QUIC_HOW), pinfo->pool));
        if (quic_notice_frame(pinfo) == pinfo->num)
            expert_add_info_format(pinfo, ti, &ei_quic_only, "%s: %s", q->name,
                                   pick(tcpedu_cat_site(TCPEDU_S_QUIC_EXPERT), pinfo->pool));
    }
}

/* ---- registration -------------------------------------------------------- */

void tcpedu_sites_register(int proto)
{
    static value_string vs_src[TCPEDU_NAME_COUNT + 1];
    static value_string vs_end[TCPEDU_END_COUNT + 1];
    static hf_register_info hf[] = {
        {&hf_server_name, {"Server name", "tcpedu.conn.server_name", FT_STRING, TCPEDU_BASE_STRING,
                           NULL, 0x0, "The name the client used for the server (TLS SNI > HTTP Host > DNS)",
                           HFILL}},
        {&hf_server_name_src, {"Server name from", "tcpedu.conn.server_name_source", FT_UINT8, BASE_DEC,
                               VALS(vs_src), 0x0, NULL, HFILL}},
        {&hf_server_name_frame, {"Server name seen in frame", "tcpedu.conn.server_name_frame",
                                 FT_FRAMENUM, BASE_NONE, NULL, 0x0,
                                 "The Client Hello, HTTP request or DNS answer", HFILL}},
        {&hf_server_name_explain, {"Meaning", "tcpedu.conn.server_name.explain", FT_STRING,
                                   TCPEDU_BASE_STRING, NULL, 0x0, NULL, HFILL}},
        {&hf_td_missing, {"Why no teardown", "tcpedu.conn.teardown_missing", FT_UINT8, BASE_DEC,
                          VALS(vs_end), 0x0, NULL, HFILL}},
        {&hf_td_missing_explain, {"Why", "tcpedu.conn.teardown_missing.explain", FT_STRING,
                                  TCPEDU_BASE_STRING, NULL, 0x0, NULL, HFILL}},
        {&hf_td_missing_howto, {"How to get one", "tcpedu.conn.teardown_missing.howto", FT_STRING,
                                TCPEDU_BASE_STRING, NULL, 0x0, NULL, HFILL}},
        {&hf_quic_only, {"QUIC without TCP", "tcpedu.quic.only", FT_BOOLEAN, BASE_NONE, NULL, 0x0,
                         "No TCP connection of the capture goes to this name", HFILL}},
        {&hf_quic_explain, {"Meaning", "tcpedu.quic.explain", FT_STRING, TCPEDU_BASE_STRING, NULL, 0x0,
                            NULL, HFILL}},
    };
    static gint *ett[] = {&ett_quic};
    static ei_register_info ei[] = {
        {&ei_quic_only, {"tcpedu.quic_without_tcp", PI_PROTOCOL, PI_NOTE, NULL, EXPFILL}},
    };
    expert_module_t *expert;
    unsigned i;

    for (i = 0; i < TCPEDU_NAME_COUNT; i++)
        vs_src[i] = (value_string){i, tcpedu_name_src_name(i)};
    for (i = 0; i < TCPEDU_END_COUNT; i++)
        vs_end[i] = (value_string){i, i ? tcpedu_end_why_name(i) : "none"};
    ei[0].eiinfo.summary = tcpedu_cat_site(TCPEDU_S_QUIC_SUMMARY)->en;
    proto_tcpedu_sites = proto;
    proto_register_field_array(proto, hf, (int)G_N_ELEMENTS(hf));
    proto_register_subtree_array(ett, (int)G_N_ELEMENTS(ett));
    expert = expert_register_protocol(proto);
    expert_register_field_array(expert, ei, (int)G_N_ELEMENTS(ei));
}

/* ---- when server names are looked for -----------------------------------
 *
 * The names come from Wireshark's TLS, HTTP, DNS and QUIC fields, which a
 * post-dissector can read only by asking for them; asking makes every
 * dissector build a (hidden) tree for every frame, about +20% on a plain
 * `tshark -r` (docs/PERFORMANCE.md).  Preference tcpedu.server_names:
 *   auto    (default) ask from the start in the Wireshark GUI and when a
 *           tcpedu -z report is registered; in other tshark runs, ask once
 *           tshark builds a tree anyway (-V, -T fields, -Y, custom columns),
 *           from that frame on (walking its tree when it is visible);
 *   always  ask from the start in every run (tshark then always builds a
 *           tree: slower, but names in -2 and from the first frame);
 *   never   do not look for names.
 */
static gint pref_server_names = TCPEDU_SITES_AUTO;
static dissector_handle_t sites_post_handle;
static gboolean sites_asked;     /* the fields are handed to epan now */
static gboolean sites_for_report;

static void sites_ask(gboolean on)
{
    GArray *a = NULL;
    unsigned n;

    if (!sites_post_handle || on == sites_asked)
        return;
    if (on) {
        a = g_array_new(FALSE, FALSE, (guint)sizeof(int));
        for (n = 0; n < N_COUNT; n++)
            if (name_hf[n] > 0)
                g_array_append_val(a, name_hf[n]);
    }
    set_postdissector_wanted_hfids(sites_post_handle, a);
    sites_asked = on;
}

void tcpedu_sites_for_report(void)
{
    sites_for_report = TRUE;
    if (pref_server_names != TCPEDU_SITES_NEVER)
        sites_ask(TRUE);
}

void tcpedu_sites_tree_seen(proto_tree *tree)
{
    walk_done();
    if (pref_server_names == TCPEDU_SITES_AUTO && !sites_asked) {
        sites_ask(TRUE);
        if (PTREE_DATA(tree)->visible)
            walk_tree = tree;
    }
}

/* Is this the Wireshark GUI?  Its tree-less first pass could never find a
 * name, so "auto" asks from the start there.  Qt's qVersion() has C
 * linkage and is in every Qt 5 and 6 process. */
static gboolean gui_running(void)
{
#ifdef _WIN32
    return GetModuleHandleA("Qt6Core.dll") != NULL || GetModuleHandleA("Qt5Core.dll") != NULL;
#else
    return dlsym(RTLD_DEFAULT, "qVersion") != NULL;
#endif
}

void tcpedu_sites_prefs_apply(void)
{
    if (pref_server_names == TCPEDU_SITES_NEVER)
        sites_ask(FALSE);
    else if (pref_server_names == TCPEDU_SITES_ALWAYS || sites_for_report || gui_running())
        sites_ask(TRUE);
}

void tcpedu_sites_prefs_register(module_t *prefs)
{
    static const enum_val_t vals[] = {
        {"auto", "Auto (GUI, reports, and tshark runs that build a tree)", TCPEDU_SITES_AUTO},
        {"always", "Always (tshark builds a tree for every frame: slower)", TCPEDU_SITES_ALWAYS},
        {"never", "Never", TCPEDU_SITES_NEVER},
        {NULL, NULL, -1}};
    prefs_register_enum_preference(prefs, "server_names", "Find server names",
                                   "Name each connection's server from the TLS server name, the HTTP "
                                   "Host or an earlier DNS answer. These are Wireshark's own fields, "
                                   "which need a protocol tree: 'auto' asks for them in the GUI, for "
                                   "tcpedu's -z reports, and in tshark once it builds a tree anyway "
                                   "(-V, -T fields, a filter); 'always' also in plain and two-pass "
                                   "(-2) tshark runs (they then build a tree: about 20% slower)",
                                   &pref_server_names, vals, FALSE);
}

void tcpedu_sites_handoff(dissector_handle_t post)
{
    unsigned n;
    proto_quic = proto_get_id_by_filter_name("quic");
    for (n = 0; n < N_COUNT; n++)
        name_hf[n] = proto_registrar_get_id_byname(name_fields[n]);
    sites_post_handle = post;
    tcpedu_sites_prefs_apply();
}
