/*
 * packet-tcpedu.h - registration entry points of the tcpedu post-dissector.
 */
#ifndef PACKET_TCPEDU_H
#define PACKET_TCPEDU_H

#include <glib.h>
#include <wsutil/nstime.h>

#include "tcpedu_observer.h"

void proto_register_tcpedu(void);
void proto_reg_handoff_tcpedu(void);

/* An IPv4 or IPv6 address as raw bytes (len 0 = not known). */
typedef struct {
    guint8 len;
    guint8 b[16];
} tcpedu_addr;

/* The glue's record of one connection: the observer's record plus what
 * only the glue knows (addresses, Wireshark's stream number). */
typedef struct {
    tcpedu_conn obs;
    guint32 stream;       /* tcp.stream */
    guint32 index;        /* tcpedu.conn: 1, 2, ... in order of first segment */
    guint32 reused_from;  /* tcpedu.conn of the previous connection on this 4-tuple */
    guint16 port[2];      /* side 0 = sender of the connection's first segment */
    tcpedu_addr addr[2];
} tcpedu_gconn;

/* What tcpedu stored about one TCP header in a frame. */
typedef enum { FE_SEGMENT, FE_QUOTED, FE_MALFORMED } fe_what;
typedef struct {
    guint8 what;          /* fe_what */
    guint8 has_stream;
    guint8 time_unusable; /* the frame's time is outside int64 nanoseconds */
    guint32 stream;
    tcpedu_gconn *conn;   /* FE_SEGMENT only */
    tcpedu_segment seg;
    tcpedu_verdict v;     /* FE_SEGMENT only; the observer may update it later */
} tcpedu_fentry;

/* Per-frame record: one entry per TCP header (tunnels carry several). */
typedef struct {
    guint n;
    guint dropped;        /* TCP layers beyond what tcpedu reads (see first_pass) */
    tcpedu_fentry e[];
} tcpedu_frame;

/* What the "tcpedu" tap delivers: one record per TCP segment, on every
 * pass (statistics read the connection through it). */
typedef struct {
    const tcpedu_fentry *e;
    guint32 frame;
    nstime_t abs_ts;
} tcpedu_tap_rec;

/* Statistics and reports (tcpedu-stats.c): registered by
 * proto_register_tcpedu. */
void tcpedu_stats_register(void);

/* The language preference (tcpedu_lang), for reports. */
int tcpedu_pref_language(void);

#endif
