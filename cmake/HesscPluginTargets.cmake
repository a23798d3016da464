# hessc_use_plugin(<target>): compile <target>'s sources with the plugin
# built in this tree, so they may call f_grad for their annotated functions.
# Requires the project to be compiled with the Clang the plugin is built for.
function(hessc_use_plugin target)
  set(plugin ${CMAKE_BINARY_DIR}/lib/hessc/HesscPlugin.so)
  target_compile_options(${target} PRIVATE "-fplugin=${plugin}")
  target_include_directories(${target} PRIVATE ${PROJECT_SOURCE_DIR}/include)
  add_dependencies(${target} HesscPlugin)
  # A new plugin means new generated code: recompile.
  get_target_property(sources ${target} SOURCES)
  set_property(SOURCE ${sources} TARGET_DIRECTORY ${target}
               APPEND PROPERTY OBJECT_DEPENDS ${plugin})
endfunction()
