/*
 * tcpedu_names.c - stable names of the observer's enumerations.
 *
 * These strings are public interface: display filters compare against them
 * (tcpedu.phase == "teardown"), reports print them and docs/FIELDS.md lists
 * them.  Designated initializers keep each name next to its enum value.
 */
#include "tcpedu_observer.h"

#include <stddef.h>

#define NAME_OF(table, i) \
    (((i) < sizeof(table) / sizeof((table)[0]) && (table)[i]) ? (table)[i] : "?")

/* RFC 9293 section 3.3.2 spells the states with hyphens. */
static const char *const state_names[TCPEDU_ST_COUNT] = {
    [TCPEDU_ST_UNKNOWN] = "UNKNOWN",
    [TCPEDU_ST_CLOSED] = "CLOSED",
    [TCPEDU_ST_LISTEN] = "LISTEN",
    [TCPEDU_ST_SYN_SENT] = "SYN-SENT",
    [TCPEDU_ST_SYN_RECEIVED] = "SYN-RECEIVED",
    [TCPEDU_ST_ESTABLISHED] = "ESTABLISHED",
    [TCPEDU_ST_FIN_WAIT_1] = "FIN-WAIT-1",
    [TCPEDU_ST_FIN_WAIT_2] = "FIN-WAIT-2",
    [TCPEDU_ST_CLOSE_WAIT] = "CLOSE-WAIT",
    [TCPEDU_ST_CLOSING] = "CLOSING",
    [TCPEDU_ST_LAST_ACK] = "LAST-ACK",
    [TCPEDU_ST_TIME_WAIT] = "TIME-WAIT",
};

static const char *const phase_names[TCPEDU_PH_COUNT] = {
    [TCPEDU_PH_NONE] = "none",
    [TCPEDU_PH_HANDSHAKE] = "handshake",
    [TCPEDU_PH_DATA] = "data",
    [TCPEDU_PH_TEARDOWN] = "teardown",
    [TCPEDU_PH_RESET] = "reset",
};

static const char *const kind_names[TCPEDU_SEG_COUNT] = {
    [TCPEDU_SEG_NONE] = "none",
    [TCPEDU_SEG_SYN] = "syn",
    [TCPEDU_SEG_SYN_ACK] = "syn-ack",
    [TCPEDU_SEG_ACK] = "ack",
    [TCPEDU_SEG_DATA] = "data",
    [TCPEDU_SEG_FIN] = "fin",
    [TCPEDU_SEG_RST] = "rst",
    [TCPEDU_SEG_KEEPALIVE] = "keep-alive",
    [TCPEDU_SEG_ZERO_WINDOW_PROBE] = "zero-window-probe",
    [TCPEDU_SEG_ODD] = "invalid-flags",
};

static const char *const dir_names[TCPEDU_DIR_COUNT] = {
    [TCPEDU_DIR_UNKNOWN] = "unknown",
    [TCPEDU_DIR_C2S] = "client-to-server",
    [TCPEDU_DIR_S2C] = "server-to-client",
};

static const char *const roles_names[TCPEDU_ROLES_COUNT] = {
    [TCPEDU_ROLES_UNKNOWN] = "unknown",
    [TCPEDU_ROLES_FROM_SYN] = "from-syn",
    [TCPEDU_ROLES_FROM_SYNACK] = "from-syn-ack",
    [TCPEDU_ROLES_GUESSED] = "guessed-from-ports",
};

static const char *const ackchk_names[TCPEDU_ACKCHK_COUNT] = {
    [TCPEDU_ACKCHK_NONE] = "none",
    [TCPEDU_ACKCHK_OK] = "ok",
    [TCPEDU_ACKCHK_BAD] = "wrong",
};

static const char *const rstchk_names[TCPEDU_RSTCHK_COUNT] = {
    [TCPEDU_RSTCHK_NONE] = "none",
    [TCPEDU_RSTCHK_EXACT] = "exact",
    [TCPEDU_RSTCHK_SYN_SENT_OK] = "acknowledges-syn",
    [TCPEDU_RSTCHK_UNCHECKED] = "unchecked",
    [TCPEDU_RSTCHK_IN_WINDOW] = "in-window-not-exact",
    [TCPEDU_RSTCHK_OUT_OF_WINDOW] = "out-of-window",
    [TCPEDU_RSTCHK_SYN_SENT_BAD] = "does-not-acknowledge-syn",
};

static const char *const td_names[TCPEDU_TD_COUNT] = {
    [TCPEDU_TD_NONE] = "none",
    [TCPEDU_TD_FOUR] = "four-segment",
    [TCPEDU_TD_THREE] = "three-segment",
    [TCPEDU_TD_SIMULTANEOUS] = "simultaneous",
    [TCPEDU_TD_RESET] = "reset",
    [TCPEDU_TD_INCOMPLETE] = "incomplete",
};

static const char *const outcome_names[TCPEDU_OUT_COUNT] = {
    [TCPEDU_OUT_NONE] = "none",
    [TCPEDU_OUT_SYN_UNANSWERED] = "syn-unanswered",
    [TCPEDU_OUT_REFUSED] = "refused",
    [TCPEDU_OUT_HANDSHAKE_INCOMPLETE] = "handshake-incomplete",
    [TCPEDU_OUT_RESET_IN_HANDSHAKE] = "reset-in-handshake",
    [TCPEDU_OUT_OPEN] = "open",
    [TCPEDU_OUT_HALF_CLOSED] = "half-closed",
    [TCPEDU_OUT_CLOSING] = "closing",
    [TCPEDU_OUT_CLOSED] = "closed",
    [TCPEDU_OUT_RESET] = "reset",
};

static const char *const rule_names[TCPEDU_X_COUNT] = {
#define X(id, name) [TCPEDU_X_##id] = name,
#include "tcpedu_rules.h"
#undef X
};

static const struct {
    const char *name;
    tcpedu_severity sev;
    tcpedu_group group;
} anomaly_info[TCPEDU_A_COUNT] = {
#define X(id, name, sev, group) [TCPEDU_A_##id] = { name, TCPEDU_SEV_##sev, TCPEDU_GRP_##group },
#include "tcpedu_anomalies.h"
#undef X
};

const char *tcpedu_state_name(unsigned st) { return NAME_OF(state_names, st); }
const char *tcpedu_phase_name(unsigned ph) { return NAME_OF(phase_names, ph); }
const char *tcpedu_kind_name(unsigned k) { return NAME_OF(kind_names, k); }
const char *tcpedu_dir_name(unsigned d) { return NAME_OF(dir_names, d); }
const char *tcpedu_roles_name(unsigned r) { return NAME_OF(roles_names, r); }
const char *tcpedu_ackchk_name(unsigned a) { return NAME_OF(ackchk_names, a); }
const char *tcpedu_rstchk_name(unsigned r) { return NAME_OF(rstchk_names, r); }
const char *tcpedu_td_style_name(unsigned t) { return NAME_OF(td_names, t); }
const char *tcpedu_outcome_name(unsigned o) { return NAME_OF(outcome_names, o); }
const char *tcpedu_rule_name(unsigned r) { return NAME_OF(rule_names, r); }

const char *tcpedu_anomaly_name(unsigned a)
{
    return a < TCPEDU_A_COUNT ? anomaly_info[a].name : "?";
}

tcpedu_severity tcpedu_anomaly_severity(unsigned a)
{
    return a < TCPEDU_A_COUNT ? anomaly_info[a].sev : TCPEDU_SEV_NOTE;
}

tcpedu_group tcpedu_anomaly_group(unsigned a)
{
    return a < TCPEDU_A_COUNT ? anomaly_info[a].group : TCPEDU_GRP_SEQ;
}
