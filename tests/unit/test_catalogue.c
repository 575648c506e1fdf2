/*
 * test_catalogue.c - every text exists in both languages, for every id the
 * observer can produce.
 */
#include "harness.h"
#include "tcpedu_catalogue.h"

static int complete(const tcpedu_text *t)
{
    return t->en && t->zh && t->en[0] && t->zh[0] && strcmp(t->en, "?") != 0 &&
           strcmp(t->zh, "?") != 0;
}

TEST(catalogue_every_anomaly_has_both_languages)
{
    unsigned a;
    CHECK_EQ_U(tcpedu_cat_anomaly_count(), TCPEDU_A_COUNT);
    for (a = 0; a < TCPEDU_A_COUNT; a++) {
        if (!complete(tcpedu_cat_anomaly(a)))
            fprintf(stderr, "anomaly %s lacks a text\n", tcpedu_anomaly_name(a));
        CHECK(complete(tcpedu_cat_anomaly(a)));
    }
}

TEST(catalogue_every_rule_has_both_languages)
{
    unsigned r;
    CHECK_EQ_U(tcpedu_cat_rule_count(), TCPEDU_X_COUNT);
    for (r = 0; r < TCPEDU_X_COUNT; r++) {
        if (!complete(tcpedu_cat_rule(r)))
            fprintf(stderr, "rule %s lacks a text\n", tcpedu_rule_name(r));
        CHECK(complete(tcpedu_cat_rule(r)));
    }
}

TEST(catalogue_every_phase_has_both_languages)
{
    unsigned p;
    CHECK_EQ_U(tcpedu_cat_phase_count(), TCPEDU_PH_COUNT);
    for (p = 0; p < TCPEDU_PH_COUNT; p++)
        CHECK(complete(tcpedu_cat_phase(p)));
    CHECK_STR(tcpedu_cat_pick(tcpedu_cat_phase(TCPEDU_PH_TEARDOWN), TCPEDU_LANG_ZH), "挥手");
    CHECK_STR(tcpedu_cat_pick(tcpedu_cat_phase(TCPEDU_PH_TEARDOWN), TCPEDU_LANG_EN), "Teardown");
    CHECK_STR(tcpedu_cat_pick(tcpedu_cat_anomaly(TCPEDU_A_COUNT), TCPEDU_LANG_EN), "?");
}

TEST(catalogue_every_teaching_text_has_both_languages)
{
    unsigned i;
    CHECK_EQ_U(tcpedu_cat_text_count(), TCPEDU_T_COUNT);
    for (i = 0; i < TCPEDU_T_COUNT; i++) {
        if (!complete(tcpedu_cat_text(i)))
            fprintf(stderr, "text %u lacks a language\n", i);
        CHECK(complete(tcpedu_cat_text(i)));
    }
    /* the state and style tables line up with the observer's enums */
    CHECK(strncmp(tcpedu_cat_state(TCPEDU_ST_TIME_WAIT)->en, "TIME-WAIT:", 10) == 0);
    CHECK(strncmp(tcpedu_cat_state(TCPEDU_ST_CLOSED)->en, "CLOSED:", 7) == 0);
    for (i = TCPEDU_ST_CLOSED; i <= TCPEDU_ST_TIME_WAIT; i++) {
        const char *n = tcpedu_state_name(i);
        CHECK(strncmp(tcpedu_cat_state(i)->en, n, strlen(n)) == 0);
        CHECK(strncmp(tcpedu_cat_state(i)->zh, n, strlen(n)) == 0);
    }
    CHECK_STR(tcpedu_cat_state(TCPEDU_ST_UNKNOWN)->en, "?");
    CHECK(strncmp(tcpedu_cat_td_style(TCPEDU_TD_THREE)->en, "Three segments", 14) == 0);
    CHECK(strncmp(tcpedu_cat_td_style(TCPEDU_TD_SIMULTANEOUS)->en, "Simultaneous", 12) == 0);
}

TEST(catalogue_every_site_text_has_both_languages)
{
    unsigned i;
    CHECK_EQ_U(tcpedu_cat_site_count(), TCPEDU_S_COUNT);
    for (i = 0; i < TCPEDU_S_COUNT; i++) {
        if (!complete(tcpedu_cat_site(i)))
            fprintf(stderr, "site text %u lacks a language\n", i);
        CHECK(complete(tcpedu_cat_site(i)));
    }
    CHECK(strncmp(tcpedu_cat_site(TCPEDU_S_END_OPEN)->en, "No teardown: ", 13) == 0);
    CHECK_STR(tcpedu_cat_site(TCPEDU_S_COUNT)->en, "?");
}

/* Wireshark cuts an item's label at 240 bytes: every site text must fit
 * with its label ("Why no teardown: ", "Meaning: "; the expert text after
 * a 63-byte name). */
TEST(catalogue_site_texts_fit_a_tree_label)
{
    unsigned i;
    for (i = 0; i < TCPEDU_S_COUNT; i++) {
        const tcpedu_text *t = tcpedu_cat_site(i);
        if (strlen(t->en) > 200 || strlen(t->zh) > 200)
            fprintf(stderr, "site text %u is %zu / %zu bytes\n", i, strlen(t->en), strlen(t->zh));
        CHECK(strlen(t->en) <= 200);
        CHECK(strlen(t->zh) <= 200);
    }
    CHECK(strlen(tcpedu_cat_site(TCPEDU_S_QUIC_EXPERT)->en) <= 170);
    CHECK(strlen(tcpedu_cat_site(TCPEDU_S_QUIC_EXPERT)->zh) <= 170);
}
