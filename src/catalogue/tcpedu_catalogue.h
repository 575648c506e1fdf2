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

/** Number of rows of each table, for the completeness test. */
unsigned tcpedu_cat_anomaly_count(void);
unsigned tcpedu_cat_rule_count(void);
unsigned tcpedu_cat_phase_count(void);

/** The text in @p lang; for TCPEDU_LANG_BOTH the caller shows both. */
const char *tcpedu_cat_pick(const tcpedu_text *t, tcpedu_lang lang);

#ifdef __cplusplus
}
#endif
#endif
