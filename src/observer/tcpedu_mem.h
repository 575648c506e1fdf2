/* tcpedu_mem.h - memory for the records kept for a whole capture (issue 8)
 *
 * The plugin keeps about 50 bytes per frame and 100-600 bytes per
 * connection until the capture is closed: pages of frame entries, pages of
 * connections, the observer's records, the 4-tuple and stream tables.
 * They are written in frame order but read all over (the 4-tuple table at
 * random), so with 4 KiB pages the processor spends a good part of
 * tcpedu's time on page faults and TLB misses (docs/PERFORMANCE.md, fifth
 * round).  On Linux this memory comes from mappings advised to use
 * transparent huge pages (madvise(MADV_HUGEPAGE): 2 MiB pages, 512 times
 * fewer faults and TLB entries); the kernel decides
 * (/sys/kernel/mm/transparent_hugepage/enabled: "always" or "madvise"
 * grants them, "never" does not).  Elsewhere, or with huge pages turned
 * off, it is plain calloc() memory.
 *
 * Plain C: no GLib, no epan (the unit tests use it as the plugin does).
 * One arena per process, as the plugin has one capture open at a time.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef TCPEDU_MEM_H
#define TCPEDU_MEM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/** Whether mappings made from now on ask for huge pages (the plugin's
 *  tcpedu.huge_pages preference; default on). */
void tcpedu_mem_set_huge(bool on);

/** @p size zeroed bytes, 16-byte aligned, from the arena; they live until
 *  tcpedu_mem_reset().  Never NULL (aborts when memory runs out, as
 *  g_malloc() does). */
void *tcpedu_mem_alloc0(size_t size);

/** A zeroed table of @p size bytes on its own, 16-byte aligned, for tables
 *  that grow by copying; give it back with tcpedu_mem_table_free() (the
 *  arena's reset does not free tables).  Never NULL. */
void *tcpedu_mem_table0(size_t size);

/** Give back table @p p (NULL: nothing). */
void tcpedu_mem_table_free(void *p);

/** Free the arena: every tcpedu_mem_alloc0() block since the last reset. */
void tcpedu_mem_reset(void);

/** Bytes the arena holds now (its chunks, whole), for the tests. */
uint64_t tcpedu_mem_arena_bytes(void);

/** Whether tables and chunks of @p size bytes would be advised to use huge
 *  pages now (Linux, huge pages on, at least one huge page in size). */
bool tcpedu_mem_huge_for(size_t size);

#endif
