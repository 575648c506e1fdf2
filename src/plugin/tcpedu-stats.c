/*
 * tcpedu-stats.c - tshark -z reports and Wireshark statistics fed by the
 * "tcpedu" tap.  (Filled in by the batch-reports issue.)
 */
#include "tcpedu_compat.h"

#include "packet-tcpedu.h"

void tcpedu_stats_register(void)
{
}
