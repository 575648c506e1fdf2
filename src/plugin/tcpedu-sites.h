/*
 * tcpedu-sites.h - which site a connection went to, why its teardown is
 * missing, and QUIC visits without TCP (tcpedu-sites.c).
 *
 * Server names come from Wireshark's own fields, never from parsing TLS,
 * HTTP or DNS here:
 *   tls-sni    tls.handshake.extensions_server_name sent by the client on
 *              this connection (TLS Client Hello)
 *   http-host  http.host of a request sent by the client on this connection
 *   dns        a DNS answer (dns.qry.name -> dns.a / dns.aaaa, following
 *              dns.cname) seen BEFORE the connection's first segment that
 *              gave the server's address
 * Precedence: tls-sni > http-host > dns.  The first SNI (or Host) of a
 * connection wins; a later different one is ignored.  Of several DNS
 * answers for one address, the latest before the connection counts.
 * Names are stored in lower case, without a trailing dot, and http-host
 * without its ":port".  An address literal (Host: 127.0.0.1:8080) is not
 * a name and is ignored.
 */
#ifndef TCPEDU_SITES_H
#define TCPEDU_SITES_H

#include <epan/packet.h>
#include <epan/prefs.h>

#include "packet-tcpedu.h"

typedef enum {
    TCPEDU_NAME_NONE = 0,
    TCPEDU_NAME_SNI,
    TCPEDU_NAME_HOST,
    TCPEDU_NAME_DNS,
    TCPEDU_NAME_COUNT
} tcpedu_name_src;

/* "tls-sni", "http-host", "dns", "none". */
const char *tcpedu_name_src_name(unsigned src);

/* Why a connection has no complete FIN teardown, as the end of the capture
 * shows it. */
typedef enum {
    TCPEDU_END_NONE = 0,      /* closed by FINs, or never established */
    TCPEDU_END_OPEN,          /* still open at the end (keep-alive) */
    TCPEDU_END_RESET,         /* ended by RST after the handshake */
    TCPEDU_END_INCOMPLETE,    /* FIN(s) seen, the capture stopped first */
    TCPEDU_END_COUNT
} tcpedu_end_why;

const char *tcpedu_end_why_name(unsigned why);   /* "open_at_end", "reset", "incomplete", "" */
tcpedu_end_why tcpedu_end_why_of(const tcpedu_gconn *g);
/* The catalogue row explaining @p why, or with @p how saying how to get a
 * teardown (NULL for TCPEDU_END_NONE). */
const struct tcpedu_text *tcpedu_end_why_text(tcpedu_end_why why, gboolean how);

/* A site the capture visited over QUIC (one per server name). */
typedef struct tcpedu_quic {
    const char *name;         /* from the TLS server name in a QUIC Initial */
    guint32 first_frame;      /* first QUIC packet carrying that name */
    guint32 frames;           /* QUIC packets carrying it */
    tcpedu_addr server;       /* destination address of the first one */
} tcpedu_quic;

/* Registration (called from proto_register_tcpedu / handoff). */
void tcpedu_sites_register(int proto);
void tcpedu_sites_handoff(dissector_handle_t post);
/* When names are looked for (preference tcpedu.server_names; see
 * tcpedu-sites.c). */
enum { TCPEDU_SITES_AUTO, TCPEDU_SITES_ALWAYS, TCPEDU_SITES_NEVER };
void tcpedu_sites_prefs_register(module_t *prefs);
void tcpedu_sites_prefs_apply(void);
/* A tcpedu -z report is registered: ask for the fields (unless "never"). */
void tcpedu_sites_for_report(void);
/* First pass, a frame has a tree: in "auto", ask from the next frame on. */
void tcpedu_sites_tree_seen(proto_tree *tree);
/* Per capture (called from tcpedu_init). */
void tcpedu_sites_init(void);

/* First pass, every frame with a tree, before its TCP layers: DNS answers. */
void tcpedu_sites_frame(proto_tree *tree, guint32 frame);
/* First pass: a connection was created (DNS names of both addresses). */
void tcpedu_sites_new_conn(tcpedu_gconn *g);
/* First pass, after the observer saw a segment of @p g sent by @p side in
 * the TCP layer at @p layer: SNI/Host items in layers above it and below
 * @p upper (the next TCP layer, or G_MAXINT). */
void tcpedu_sites_segment(proto_tree *tree, int layer, int upper, tcpedu_gconn *g, guint8 side,
                          guint32 frame);
/* First pass, a frame with a QUIC layer and no TCP: the QUIC site it names,
 * or NULL. */
const tcpedu_quic *tcpedu_sites_quic_frame(packet_info *pinfo, proto_tree *tree);

/* The connection's server name and its source (TCPEDU_NAME_NONE: NULL). */
const char *tcpedu_site_name(const tcpedu_gconn *g, guint8 *src);
/* Does any TCP connection of the capture (so far) have server name @p name? */
gboolean tcpedu_sites_tcp_has(const char *name);
/* QUIC sites in order of first packet; QUIC-only = no TCP connection to it. */
guint tcpedu_sites_quic_count(void);
const tcpedu_quic *tcpedu_sites_quic_at(guint i);

/* Display, every pass. */
void tcpedu_sites_show_conn(proto_tree *ct, tvbuff_t *tvb, packet_info *pinfo, const tcpedu_gconn *g);
/* The compact tree's hidden copy: name, source, frame and why there is no
 * teardown, for filters. */
void tcpedu_sites_hide_conn(proto_tree *t, tvbuff_t *tvb, packet_info *pinfo, const tcpedu_gconn *g);
/* The headline text of a connection's first SYN naming the site, or NULL. */
const char *tcpedu_sites_syn_text(const tcpedu_gconn *g, wmem_allocator_t *scope);
void tcpedu_sites_show_quic(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree, const tcpedu_quic *q);

#endif
