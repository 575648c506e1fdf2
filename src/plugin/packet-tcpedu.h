/*
 * packet-tcpedu.h - registration entry points of the tcpedu post-dissector.
 */
#ifndef PACKET_TCPEDU_H
#define PACKET_TCPEDU_H

void proto_register_tcpedu(void);
void proto_reg_handoff_tcpedu(void);

#endif
