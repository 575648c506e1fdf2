/*
 * tcpedu-render.h - the textbook ladder (SVG, tcpedu-ladder.c) and the lab
 * report page (HTML, tcpedu-html.c), drawn from the tap's per-connection
 * records.  Every state, step and number comes from the observer's verdicts;
 * nothing here decides a state.
 */
#ifndef TCPEDU_RENDER_H
#define TCPEDU_RENDER_H

#include <glib.h>

#include "packet-tcpedu.h"
#include "tcpedu_catalogue.h"

/* One connection to draw: its record and its segments in capture order. */
typedef struct {
    const tcpedu_gconn *g;
    const tcpedu_fentry *const *segs;
    guint nsegs;
} tcpedu_rconn;

/* Appends one <svg> element (no XML declaration) with a ladder per
 * connection, stacked; @p fold_data folds the data segments between the
 * handshake and the teardown into one band.  @p n == 0 draws @p message. */
void tcpedu_ladder_svg(GString *out, const tcpedu_rconn *conns, guint n, gboolean fold_data,
                       tcpedu_lang lang, const char *message);

/* The message shown when nothing is drawn: no complete connection in the
 * capture, or (@p filtered) none that matches the filter (free it). */
char *tcpedu_render_message(gboolean filtered, tcpedu_lang lang);

/* Appends a whole HTML page: summary, ladder, one table per step, anomalies. */
void tcpedu_report_html(GString *out, const tcpedu_rconn *conns, guint n, const char *filter,
                        tcpedu_lang lang, const char *message);

/* XML/HTML text escaping (&, <, >, "). */
void tcpedu_xml_escape(GString *out, const char *s);

/* Helpers shared with tcpedu-stats.c (defined there). */
char *tcpedu_fmt_addr_port(const tcpedu_addr *a, guint16 port);
char *tcpedu_fmt_flags(guint16 flags);
int tcpedu_client_side(const tcpedu_gconn *g);

/* The explanation (catalogue text id) of a segment's acknowledgment number
 * (packet-tcpedu.c, the same one the tree shows). */
unsigned tcpedu_ack_text_id(const tcpedu_fentry *e);

/* The step label "Handshake 2/3", "Teardown 1", "Reset", "Data" in @p lang. */
char *tcpedu_step_label(const tcpedu_fentry *e, tcpedu_lang lang);

#endif
