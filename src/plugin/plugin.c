/*
 * plugin.c - the symbols Wireshark's plugin loader looks for.  Everything
 * else in the module has hidden visibility.
 */
#include "tcpedu_compat.h"

#include <ws_symbol_export.h>

#include "packet-tcpedu.h"

#ifndef TCPEDU_VERSION
#define TCPEDU_VERSION "0.0.0"
#endif

WS_DLL_PUBLIC_DEF const gchar plugin_version[] = TCPEDU_VERSION;
WS_DLL_PUBLIC_DEF const int plugin_want_major = WIRESHARK_VERSION_MAJOR;
WS_DLL_PUBLIC_DEF const int plugin_want_minor = WIRESHARK_VERSION_MINOR;

WS_DLL_PUBLIC void plugin_register(void);

#if TCPEDU_PLUGIN_DESCRIBE
WS_DLL_PUBLIC uint32_t plugin_describe(void);

uint32_t plugin_describe(void)
{
    return WS_PLUGIN_DESC_DISSECTOR;
}
#endif

void plugin_register(void)
{
    static proto_plugin plug;

    plug.register_protoinfo = proto_register_tcpedu;
    plug.register_handoff = proto_reg_handoff_tcpedu;
    proto_register_plugin(&plug);
}
