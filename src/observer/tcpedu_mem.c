/* tcpedu_mem.c - memory for the records kept for a whole capture
 * (tcpedu_mem.h says why).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#if defined(__linux__) && !defined(_DEFAULT_SOURCE)
#define _DEFAULT_SOURCE 1 /* MAP_ANONYMOUS, madvise() */
#endif

#include "tcpedu_mem.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#if defined(__linux__)
#include <sys/mman.h>
#if defined(MADV_HUGEPAGE) && defined(MAP_ANONYMOUS)
#define TCPEDU_MEM_MMAP 1
#endif
#endif

#define HUGE_PAGE ((size_t)2 << 20)
/* A chunk of the arena: 8 huge pages.  Records are at most a few tens of
 * KiB (a page of 1024 connections), so little is left at a chunk's end.
 * The first SMALL_TOTAL bytes come in ordinary chunks of SMALL_CHUNK: a
 * small capture does not pay for a whole huge page it does not fill. */
#define CHUNK_SIZE ((size_t)16 << 20)
#define SMALL_CHUNK ((size_t)1 << 20)
#define SMALL_TOTAL ((size_t)4 << 20)
#define ALIGN 16u

static bool huge_on = true;

/* Memory checkers see only whole allocations: under AddressSanitizer, or
 * when Wireshark's own allocators are told to use plain malloc (valgrind
 * runs, scripts/valgrind.sh), every record is an allocation of its own and
 * nothing is mapped. */
#if defined(__SANITIZE_ADDRESS__)
#define TCPEDU_MEM_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define TCPEDU_MEM_ASAN 1
#endif
#endif

static bool checked(void)
{
    static int each = -1;
    if (each < 0) {
#ifdef TCPEDU_MEM_ASAN
        each = 1;
#else
        each = getenv("WIRESHARK_DEBUG_WMEM_OVERRIDE") != NULL;
#endif
    }
    return each != 0;
}

/* The arena: a list of chunks, each starting with this header. */
typedef struct chunk {
    struct chunk *next;
    size_t size; /* the whole mapping or allocation */
    bool mapped;
} chunk;
#define HEADER (((sizeof(chunk) + ALIGN - 1) / ALIGN) * ALIGN)

static chunk *chunks;
static char *cur, *end;
static uint64_t arena_bytes;

static void out_of_memory(size_t size)
{
    fprintf(stderr, "tcpedu: out of memory (%zu bytes)\n", size);
    abort();
}

bool tcpedu_mem_huge_for(size_t size)
{
#ifdef TCPEDU_MEM_MMAP
    return huge_on && size >= HUGE_PAGE && !checked();
#else
    (void)size;
    return false;
#endif
}

void tcpedu_mem_set_huge(bool on)
{
    huge_on = on;
}

/* *@p size zeroed bytes; *mapped says how to give them back.  A mapping
 * is made whole huge pages long (*size grows to that). */
static void *get_zeroed(size_t *sizep, bool *mapped)
{
    size_t size = *sizep;
#ifdef TCPEDU_MEM_MMAP
    if (tcpedu_mem_huge_for(size)) {
        /* map a huge page more, and keep the 2 MiB-aligned part: the
         * kernel gives huge pages only to aligned 2 MiB ranges */
        size_t len;
        char *p, *a;
        size = (size + HUGE_PAGE - 1) & ~(HUGE_PAGE - 1);
        *sizep = size;
        len = size + HUGE_PAGE;
        p = (char *)mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        if (p == (char *)MAP_FAILED)
            out_of_memory(size);
        a = (char *)(((uintptr_t)p + HUGE_PAGE - 1) & ~(uintptr_t)(HUGE_PAGE - 1));
        if (a > p)
            munmap(p, (size_t)(a - p));
        if (p + len > a + size)
            munmap(a + size, (size_t)(p + len - (a + size)));
        /* advice only: without it (THP "never", an old kernel) the memory
         * is the same, in 4 KiB pages */
        (void)madvise(a, size, MADV_HUGEPAGE);
        *mapped = true;
        return a;
    }
#endif
    {
        void *p = calloc(1, size);
        if (!p)
            out_of_memory(size);
        *mapped = false;
        return p;
    }
}

static void put_back(void *p, size_t size, bool mapped)
{
#ifdef TCPEDU_MEM_MMAP
    if (mapped) {
        munmap(p, size);
        return;
    }
#else
    (void)size;
    (void)mapped;
#endif
    free(p);
}

/* A zeroed chunk of at least @p size bytes, header included, filled in. */
static chunk *make_chunk(size_t size)
{
    bool mapped;
    chunk *c = (chunk *)get_zeroed(&size, &mapped);
    c->size = size;
    c->mapped = mapped;
    return c;
}

void *tcpedu_mem_alloc0(size_t size)
{
    char *p;
    size = size ? (size + ALIGN - 1) / ALIGN * ALIGN : ALIGN;  /* never NULL, even for 0 bytes */
    if (checked() || !cur || size > (size_t)(end - cur)) {
        /* a new chunk (one of its own for a record bigger than a quarter
         * of a small chunk, or for every record under a memory checker);
         * what is left of the old one stays unused */
        bool own = size > SMALL_CHUNK / 4 || checked();
        chunk *c = make_chunk(own ? HEADER + size : arena_bytes < SMALL_TOTAL ? SMALL_CHUNK : CHUNK_SIZE);
        c->next = chunks;
        chunks = c;
        arena_bytes += c->size;
        p = (char *)c + HEADER;
        if (own)
            return p;
        cur = p;
        end = (char *)c + c->size;
    }
    p = cur;
    cur += size;
    return p;
}

/* A table is a chunk header (its size and how it was made) and the table. */
void *tcpedu_mem_table0(size_t size)
{
    return (char *)make_chunk(HEADER + size) + HEADER;
}

void tcpedu_mem_table_free(void *p)
{
    chunk *c;
    if (!p)
        return;
    c = (chunk *)(void *)((char *)p - HEADER);
    put_back(c, c->size, c->mapped);
}

void tcpedu_mem_reset(void)
{
    while (chunks) {
        chunk *c = chunks;
        chunks = c->next;
        put_back(c, c->size, c->mapped);
    }
    cur = end = NULL;
    arena_bytes = 0;
}

uint64_t tcpedu_mem_arena_bytes(void)
{
    return arena_bytes;
}
