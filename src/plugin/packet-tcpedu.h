/*
 * packet-tcpedu.h - registration entry points of the tcpedu post-dissector.
 */
#ifndef PACKET_TCPEDU_H
#define PACKET_TCPEDU_H

#include <glib.h>
#include <wsutil/nstime.h>
#include <epan/wmem_scopes.h>

#include "tcpedu_observer.h"

void proto_register_tcpedu(void);
void proto_reg_handoff_tcpedu(void);

/* An IPv4 or IPv6 address as raw bytes (len 0 = not known). */
typedef struct {
    guint8 len;
    guint8 b[16];
} tcpedu_addr;

/* "192.0.2.1:80" or "[fd77::1]:8080", formatted by Wireshark; scope NULL =
 * free with wmem_free(NULL, ...) (g_free). */
char *tcpedu_addr_port_str(wmem_allocator_t *scope, const tcpedu_addr *a, guint16 port);

/* The glue's record of one connection: the observer's record plus what
 * only the glue knows (addresses, Wireshark's stream number).
 *
 * A connection of which one segment has been seen (every connection of a
 * SYN scan) is "light": it keeps that segment (tcpedu_light), not the
 * observer's record, which is made from it, by observing the segment again
 * (the observer is deterministic), when a second segment arrives or
 * something reads it.  Read the observer's record through
 * tcpedu_gconn_obs() (makes it) or tcpedu_gconn_peek() (does not). */
typedef struct {
    tcpedu_conn *obs_rec;        /* NULL while light */
    void *light_slot;            /* while light: the entry keeping its one segment */
    guint32 stream;       /* tcp.stream */
    guint32 index;        /* tcpedu.conn: 1, 2, ... in order of first segment */
    guint32 reused_from;  /* tcpedu.conn of the previous connection on this 4-tuple */
    guint16 port[2];      /* side 0 = sender of the connection's first segment */
    tcpedu_addr addr[2];
    guint32 light_frame;  /* while light: the frame of its one segment */
    struct tcpedu_conn_names *names; /* NULL until a name is known (tcpedu-sites.c) */
} tcpedu_gconn;

/* The observer's record of @p g, made now if @p g is light; it stays. */
tcpedu_conn *tcpedu_gconn_obs(const tcpedu_gconn *g);

/* The observer's record of @p g without making it: for a light connection,
 * a copy made again in a buffer that the next call for another light
 * connection overwrites.  For what runs on every frame without a tree
 * (the Info column, expert infos), so that a scan stays light. */
const tcpedu_conn *tcpedu_gconn_peek(const tcpedu_gconn *g);

/* What the client called the server (tcpedu-sites.c); NULL = not known.
 * Made only for a connection that has a name, so a capture without names
 * pays 8 bytes per connection for them. */
typedef struct tcpedu_conn_names {
    const char *name;         /* TLS server name or HTTP Host seen on this connection */
    guint8 name_src;          /* tcpedu_name_src of name */
    guint32 name_frame;       /* frame that carried it */
    const char *dns_name[2];  /* DNS answer before the first segment naming addr[side] */
    guint32 dns_frame[2];     /* frame of that answer */
    const char *name_noted;   /* last name entered in the capture's set of TCP names */
} tcpedu_conn_names;

/* What tcpedu knows about one TCP header in a frame.  FE_UNSEEN: TCP was
 * reached without passing through "ip.proto", where tcpedu reads headers
 * (see packet-tcpedu.c). */
typedef enum { FE_SEGMENT, FE_QUOTED, FE_MALFORMED, FE_UNSEEN } fe_what;

/* A view of one TCP header, made again on every pass (in pinfo->pool): the
 * header as the hook read it now, joined with what tcpedu stored on the
 * first pass (the connection and the verdict, which stay valid for the
 * whole capture).  Keep a copy, not the pointer, beyond the packet. */
typedef struct {
    guint8 what;          /* fe_what */
    guint8 has_stream;
    guint8 time_unusable; /* the frame's time is outside int64 nanoseconds */
    guint32 stream;
    tcpedu_gconn *conn;   /* FE_SEGMENT only */
    tcpedu_segment seg;
    const tcpedu_verdict *v; /* FE_SEGMENT only; the observer may update it later */
} tcpedu_fentry;

/* The direction of entry @p e as known now: for a connection whose roles
 * were guessed from the ports, a later SYN on its 4-tuple may have revised
 * the guess (shown with -2 and in the GUI; still inferred). */
static inline guint8 tcpedu_entry_dir(const tcpedu_fentry *e)
{
    const tcpedu_conn *c = tcpedu_gconn_peek(e->conn);
    if (c->roles == TCPEDU_ROLES_GUESSED && c->client >= 0)
        return c->client == e->seg.side ? TCPEDU_DIR_C2S : TCPEDU_DIR_S2C;
    return e->v->dir;
}

/* The acknowledgment number the step of entry @p e should carry (when its
 * ack_check is not NONE): its own ack if the check passed. */
static inline guint32 tcpedu_entry_ack_expected(const tcpedu_fentry *e)
{
    return tcpedu_verdict_ack_expected(tcpedu_gconn_peek(e->conn), e->v, e->seg.ack);
}

/* The views of one frame's TCP headers (tunnels carry several). */
typedef struct {
    guint n;
    guint dropped;        /* TCP layers beyond what tcpedu reads (see tcp_layers) */
    tcpedu_fentry e[];
} tcpedu_frame;

/* What the "tcpedu" tap delivers: one record per TCP segment, on every
 * pass (statistics read the connection through it). */
typedef struct {
    const tcpedu_fentry *e;
    guint32 frame;
    guint8 entry;         /* which of the frame's TCP headers e is (0 = the first) */
    nstime_t abs_ts;
    const struct tcpedu_quic *quic;  /* a QUIC packet naming a site (then e is NULL) */
} tcpedu_tap_rec;

/* Statistics and reports (tcpedu-stats.c): registered by
 * proto_register_tcpedu. */
void tcpedu_stats_register(void);

/* The Flow Graph's "TCP lifecycle (tcpedu)" and -z flow,tcpedu,...
 * (tcpedu-flow.c; a no-op on versions whose layout was not checked). */
void tcpedu_flow_register(int proto);

/* The language preference (tcpedu_lang), for reports. */
int tcpedu_pref_language(void);

#endif
