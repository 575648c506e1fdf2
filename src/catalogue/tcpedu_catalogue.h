/**
 * @file tcpedu_catalogue.h
 * @brief Every sentence tcpedu shows, in English and in Chinese.
 *
 * Rows are {en, zh, rfc}.  Numbers never go inside a translated sentence:
 * the glue puts them in fields of their own.  Plain C, no epan, so that a
 * unit test can check that no entry lacks a language.
 */
#ifndef TCPEDU_CATALOGUE_H
#define TCPEDU_CATALOGUE_H

#include "tcpedu_observer.h"

#ifdef __cplusplus
extern "C" {
#endif

/** One catalogue row. */
typedef struct tcpedu_text {
    const char *en;  /**< English */
    const char *zh;  /**< Simplified Chinese */
    const char *rfc; /**< where it comes from, e.g. "RFC 9293 3.5"; may be NULL */
} tcpedu_text;

/** Languages of the tcpedu.language preference. */
typedef enum { TCPEDU_LANG_EN = 0, TCPEDU_LANG_ZH = 1, TCPEDU_LANG_BOTH = 2 } tcpedu_lang;

/** Short statement of an anomaly (expert-info summary). */
const tcpedu_text *tcpedu_cat_anomaly(unsigned anomaly);
/** What a segment does, for the headline ("the server accepts and sends its own SYN"). */
const tcpedu_text *tcpedu_cat_rule(unsigned rule);
/** Phase name as students say it ("Handshake", "握手"). */
const tcpedu_text *tcpedu_cat_phase(unsigned phase);

/** Teaching texts that are not tied to one rule or anomaly. */
typedef enum {
    /* flags */
    TCPEDU_T_FLAG_SYN_ONLY,       /* SYN=1 ACK=0 in the first segment */
    TCPEDU_T_FLAG_SYN_ACK,        /* SYN=1 ACK=1 */
    TCPEDU_T_FLAG_HS_ACK,         /* SYN=0 ACK=1 in the third segment */
    TCPEDU_T_FLAG_ACK_ALWAYS,     /* ACK set on every segment after the handshake */
    TCPEDU_T_FLAG_FIN,            /* FIN (with ACK) */
    TCPEDU_T_FLAG_RST,
    TCPEDU_T_FLAG_ACK_MISSING,
    TCPEDU_T_FLAG_ECN_SETUP,      /* ECE+CWR in a SYN */
    TCPEDU_T_FLAG_ECN_ACCEPT,     /* ECE alone in a SYN-ACK */
    /* sequence numbers */
    TCPEDU_T_SEQ_ISN,             /* seq of a SYN is the ISN */
    TCPEDU_T_SEQ_DATA,            /* seq = number of the first payload byte */
    TCPEDU_T_SEQ_FIN,             /* FIN uses one number */
    TCPEDU_T_SEQ_RELATIVE,        /* relative vs raw */
    TCPEDU_T_SEQ_NO_ISN,          /* ISN not seen */
    /* acknowledgment numbers */
    TCPEDU_T_ACK_NONE,            /* ACK=0: the field means nothing */
    TCPEDU_T_ACK_SYN,             /* peer's ISN + 1 */
    TCPEDU_T_ACK_SYN_DATA,        /* ISN + 1 + data length (Fast Open accepted) */
    TCPEDU_T_ACK_FIN,             /* FIN's seq + 1 */
    TCPEDU_T_ACK_NEXT,            /* names the next byte expected */
    TCPEDU_T_ACK_WRONG,           /* not the expected value */
    /* header */
    TCPEDU_T_HDR_LEN,             /* data offset counts 32-bit words */
    TCPEDU_T_WIN_SYN,             /* never scaled in a SYN */
    TCPEDU_T_WIN_SCALED,
    TCPEDU_T_WIN_NOT_SCALED,
    TCPEDU_T_WIN_UNKNOWN,
    /* options */
    TCPEDU_T_OPT_MSS,
    TCPEDU_T_OPT_WSCALE,
    TCPEDU_T_OPT_SACK_PERM,
    TCPEDU_T_OPT_TS_SYN,          /* TSecr is 0 in a SYN */
    TCPEDU_T_OPT_TS_ECHO,         /* TSecr echoes the peer's TSval */
    TCPEDU_T_OPT_TFO_REQUEST,
    TCPEDU_T_OPT_TFO_COOKIE,
    TCPEDU_T_OPT_EFFECTIVE,       /* both sides must offer */
    /* what entering a state means, one per tcpedu_state */
    TCPEDU_T_ST_CLOSED,
    TCPEDU_T_ST_LISTEN,
    TCPEDU_T_ST_SYN_SENT,
    TCPEDU_T_ST_SYN_RECEIVED,
    TCPEDU_T_ST_ESTABLISHED,
    TCPEDU_T_ST_FIN_WAIT_1,
    TCPEDU_T_ST_FIN_WAIT_2,
    TCPEDU_T_ST_CLOSE_WAIT,
    TCPEDU_T_ST_CLOSING,
    TCPEDU_T_ST_LAST_ACK,
    TCPEDU_T_ST_TIME_WAIT,
    TCPEDU_T_ST_UNCHANGED,
    TCPEDU_T_ST_SINCE,            /* stays: in this state since the "since frame" */
    TCPEDU_T_ST_SYNACK_FROM_SR,   /* the SYN-ACK is sent from SYN-RECEIVED */
    TCPEDU_T_ST_TW_CLIENT,        /* final ACK: the client has been in TIME-WAIT since ... */
    TCPEDU_T_ST_TW_SERVER,        /* ... the same when the server closed first */
    TCPEDU_T_ST_NO_CHANGE,        /* duplicate, retransmission, dropped: no state changes */
    TCPEDU_T_ST_THREE_SEGMENT,    /* FIN+ACK in FIN-WAIT-1: straight to TIME-WAIT */
    TCPEDU_T_ST_CROSSED,          /* the segments crossed: processed after the receiver's own */
    TCPEDU_T_ST_REVISES,          /* this segment revises an earlier frame's guessed states */
    TCPEDU_T_ST_INFERRED,         /* a passive observer guesses */
    /* teardown styles, one per tcpedu_td_style */
    TCPEDU_T_TD_NONE,
    TCPEDU_T_TD_FOUR,
    TCPEDU_T_TD_THREE,
    TCPEDU_T_TD_SIMULTANEOUS,
    TCPEDU_T_TD_RESET,
    TCPEDU_T_TD_INCOMPLETE,
    /* robustness notices (the glue raises them) */
    TCPEDU_T_TIME_UNUSABLE,       /* frame time outside int64 nanoseconds */
    TCPEDU_T_LAYERS_DROPPED,      /* more TCP headers in a frame than analysed */
    /* timing */
    TCPEDU_T_RTT,
    TCPEDU_T_TEARDOWN_TIME,
    TCPEDU_T_COUNT
} tcpedu_text_id;

/** A teaching text. */
const tcpedu_text *tcpedu_cat_text(unsigned id);
/** The text of what entering state @p st means. */
const tcpedu_text *tcpedu_cat_state(unsigned st);
/** The text of teardown style @p td. */
const tcpedu_text *tcpedu_cat_td_style(unsigned td);

/** Number of rows of each table, for the completeness test. */
unsigned tcpedu_cat_text_count(void);
unsigned tcpedu_cat_anomaly_count(void);
unsigned tcpedu_cat_rule_count(void);
unsigned tcpedu_cat_phase_count(void);

/** Texts about the visited site, the missing teardown and QUIC
 *  (tcpedu-sites.c).  Kept apart from tcpedu_text_id so that each table
 *  grows on its own. */
typedef enum {
    TCPEDU_S_SYN_TO_BEFORE,   /* "the client asks to open a connection to " + name ... */
    TCPEDU_S_SYN_TO_AFTER,    /* ... + " (active open)" */
    TCPEDU_S_SRC_SNI,         /* where the name came from, one per tcpedu_name_src after NONE */
    TCPEDU_S_SRC_HOST,
    TCPEDU_S_SRC_DNS,
    TCPEDU_S_SINGLE_PASS,     /* the SYN cannot know the SNI/Host in a single pass */
    TCPEDU_S_END_OPEN,        /* no teardown: open at the end (keep-alive) */
    TCPEDU_S_END_RESET,       /* ended by RST instead of FINs */
    TCPEDU_S_END_INCOMPLETE,  /* FINs seen, the capture stopped before the end */
    TCPEDU_S_END_OPEN_HOW,    /* how to get a teardown, one per END_* above, same order */
    TCPEDU_S_END_RESET_HOW,
    TCPEDU_S_END_INCOMPLETE_HOW,
    TCPEDU_S_QUIC_ONLY,       /* QUIC to a name without TCP: why */
    TCPEDU_S_QUIC_HOW,        /* ... and what to do */
    TCPEDU_S_QUIC_SUMMARY,    /* expert-info summary */
    TCPEDU_S_QUIC_EXPERT,     /* expert-info text after the name (fits Wireshark's 240-byte label) */
    TCPEDU_S_COUNT
} tcpedu_site_text_id;

/** A text about the site, the missing teardown or QUIC. */
const tcpedu_text *tcpedu_cat_site(unsigned id);
unsigned tcpedu_cat_site_count(void);

/** The text in @p lang; for TCPEDU_LANG_BOTH the caller shows both. */
const char *tcpedu_cat_pick(const tcpedu_text *t, tcpedu_lang lang);

#ifdef __cplusplus
}
#endif
#endif
