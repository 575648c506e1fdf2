# Minimal stand-ins for the macros of Wireshark's cmake/modules/WiresharkPlugin.cmake,
# enough to build tcpedu the way a Wireshark tree builds a custom plugin.
macro(set_module_info _plugin _ver_major _ver_minor _ver_micro _ver_extra)
  set(MODULE_VERSION "${_ver_major}.${_ver_minor}.${_ver_micro}")
endmacro()
macro(add_wireshark_plugin_library _plugin _subfolder)
  add_library(${_plugin} MODULE ${PLUGIN_FILES})
  set_target_properties(${_plugin} PROPERTIES PREFIX "" DEFINE_SYMBOL ""
    LIBRARY_OUTPUT_DIRECTORY ${CMAKE_BINARY_DIR}/run/plugins/x/${_subfolder})
endmacro()
macro(install_plugin _plugin _subfolder)
  install(TARGETS ${_plugin} LIBRARY DESTINATION lib/wireshark/plugins/x/${_subfolder})
endmacro()
