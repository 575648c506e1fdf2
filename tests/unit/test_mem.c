/*
 * test_mem.c - the memory the plugin keeps records in for a whole capture
 * (tcpedu_mem.h, issue 8): zeroed, aligned, apart, freed by a reset; the
 * same with huge pages on and off.
 */
#include "harness.h"
#include "tcpedu_mem.h"

/* Every byte of @p p is zero. */
static int all_zero(const void *p, size_t n)
{
    const unsigned char *b = (const unsigned char *)p;
    size_t i;
    for (i = 0; i < n; i++)
        if (b[i])
            return 0;
    return 1;
}

/* Allocate records of many sizes, fill each with its own byte, then check
 * that none was overwritten by another (the arena hands out disjoint,
 * aligned, zeroed blocks), including records big enough to get a chunk of
 * their own. */
static void arena_round(bool huge)
{
    enum { N = 3000 };
    static unsigned char *rec[N];
    static size_t len[N];
    size_t i;

    tcpedu_mem_set_huge(huge);
    tcpedu_mem_reset();
    CHECK_EQ_U(tcpedu_mem_arena_bytes(), 0);
    for (i = 0; i < N; i++) {
        /* 1 B .. 80 KiB (a page of connections is 80 KiB), and two of 5 MiB
         * (chunks of their own, mapped when huge pages are on) */
        len[i] = i == 100 || i == 2000 ? (size_t)5 << 20 : 1 + (i * 7919) % (80 * 1024);
        rec[i] = (unsigned char *)tcpedu_mem_alloc0(len[i]);
        CHECK(rec[i] != NULL);
        CHECK_EQ_U((uintptr_t)rec[i] % 16, 0);
        CHECK(all_zero(rec[i], len[i]));
        memset(rec[i], (int)(i % 251) + 1, len[i]);
    }
    for (i = 0; i < N; i++) {
        size_t j;
        int ok = 1;
        for (j = 0; j < len[i]; j++)
            ok &= rec[i][j] == (unsigned char)(i % 251 + 1);
        CHECK(ok);
    }
    /* about 120 MB asked for: the arena holds that and at most a chunk
     * (16 MiB) of unused ends more */
    {
        uint64_t asked = 0;
        for (i = 0; i < N; i++)
            asked += (len[i] + 15) / 16 * 16;
        CHECK(tcpedu_mem_arena_bytes() >= asked);
        CHECK(tcpedu_mem_arena_bytes() <= asked + asked / 8 + ((uint64_t)16 << 20));
    }
    tcpedu_mem_reset();
    CHECK_EQ_U(tcpedu_mem_arena_bytes(), 0);
    /* no bytes asked for still gives a block of its own */
    CHECK(tcpedu_mem_alloc0(0) != NULL);
    CHECK(tcpedu_mem_alloc0(0) != tcpedu_mem_alloc0(0));
    tcpedu_mem_reset();
    /* after a reset the arena starts again, zeroed */
    rec[0] = (unsigned char *)tcpedu_mem_alloc0(4096);
    CHECK(all_zero(rec[0], 4096));
    tcpedu_mem_reset();
}

TEST(mem_arena_blocks_are_zeroed_aligned_and_apart)
{
    arena_round(true);
    arena_round(false);
    tcpedu_mem_set_huge(true);
}

/* Tables, small and of several huge pages, grown by copying as the plugin
 * grows its 4-tuple and stream tables. */
TEST(mem_tables_grow_by_copying)
{
    int h;
    for (h = 0; h < 2; h++) {
        uint32_t *t = NULL;
        size_t cap = 0, n;
        tcpedu_mem_set_huge(h == 0);
        CHECK_EQ_U(tcpedu_mem_huge_for(1), 0);
        for (n = 1024; n <= ((size_t)8 << 20); n *= 2) {
            uint32_t *u = (uint32_t *)tcpedu_mem_table0(n * sizeof *u);
            size_t i;
            int ok = 1;
            CHECK_EQ_U((uintptr_t)u % 16, 0);
            CHECK(all_zero(u, n * sizeof *u));
            if (t)
                memcpy(u, t, cap * sizeof *t);
            tcpedu_mem_table_free(t);
            for (i = 0; i < cap; i++)
                ok &= u[i] == (uint32_t)(i * 2654435761u);
            CHECK(ok);
            for (i = cap; i < n; i++)
                u[i] = (uint32_t)(i * 2654435761u);
            t = u;
            cap = n;
        }
        tcpedu_mem_table_free(t);
        tcpedu_mem_table_free(NULL);
    }
    tcpedu_mem_set_huge(true);
}
