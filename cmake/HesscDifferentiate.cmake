# hessc_differentiate(<target>)
#
# Makes the HESSC_DIFF functions in <target>'s C++ sources differentiable,
# whatever the compiler:
# - with the Clang the plugin is built for (clang++-19), through the plugin:
#   `-fplugin=<HESSC_PLUGIN>` on the target;
# - with any other compiler, through the hessc command: each source that
#   mentions HESSC_DIFF is replaced in the target by the source hessc writes
#   (the original plus its derivatives), regenerated whenever the source or
#   anything it includes changes, the way protobuf or flex integrate.
# It says which it chose. Expects HESSC_PLUGIN and the Hessc::hessc target.
function(hessc_differentiate target)
  get_target_property(sources ${target} SOURCES)
  get_target_property(source_dir ${target} SOURCE_DIR)
  set(compiler "${CMAKE_CXX_COMPILER_ID} ${CMAKE_CXX_COMPILER_VERSION}")
  if(CMAKE_CXX_COMPILER_ID STREQUAL "Clang" AND
     CMAKE_CXX_COMPILER_VERSION VERSION_GREATER_EQUAL 19 AND
     CMAKE_CXX_COMPILER_VERSION VERSION_LESS 20)
    message(STATUS "hessc: ${target}: the plugin (${compiler})")
    target_compile_options(${target} PRIVATE "-fplugin=${HESSC_PLUGIN}")
    # New plugin, new derivatives.
    set_property(SOURCE ${sources} TARGET_DIRECTORY ${target}
                 APPEND PROPERTY OBJECT_DEPENDS ${HESSC_PLUGIN})
    return()
  endif()

  message(STATUS "hessc: ${target}: the hessc command (${compiler} cannot load the plugin)")
  set(out_dir ${CMAKE_CURRENT_BINARY_DIR}/hessc/${target})
  # hessc parses with Clang: give it the target's include paths, definitions
  # and language standard.
  set(includes "$<TARGET_PROPERTY:${target},INCLUDE_DIRECTORIES>")
  set(defines "$<TARGET_PROPERTY:${target},COMPILE_DEFINITIONS>")
  get_target_property(standard ${target} CXX_STANDARD)
  if(NOT standard)
    set(standard 17)
  endif()
  set(new_sources)
  foreach(source IN LISTS sources)
    get_filename_component(path ${source} ABSOLUTE BASE_DIR ${source_dir})
    get_filename_component(ext ${path} LAST_EXT)
    set(annotated FALSE)
    if(ext MATCHES "^\\.(cpp|cc|cxx|C)$" AND EXISTS ${path})
      file(STRINGS ${path} uses REGEX "HESSC_DIFF" LIMIT_COUNT 1)
      if(uses)
        set(annotated TRUE)
      endif()
    endif()
    if(NOT annotated)
      list(APPEND new_sources ${source})
      continue()
    endif()
    get_filename_component(stem ${path} NAME_WE)
    set(output ${out_dir}/${stem}.cpp)
    add_custom_command(
      OUTPUT ${output} ${out_dir}/${stem}.hessc.cpp ${out_dir}/${stem}.hessc.h
      COMMAND Hessc::hessc -o ${out_dir} --depfile ${path} --
              -std=c++${standard}
              "$<$<BOOL:${includes}>:-I$<JOIN:${includes},;-I>>"
              "$<$<BOOL:${defines}>:-D$<JOIN:${defines},;-D>>"
      DEPENDS ${path} Hessc::hessc
      DEPFILE ${out_dir}/${stem}.d
      COMMAND_EXPAND_LISTS
      COMMENT "hessc: differentiating ${source}"
      VERBATIM)
    list(APPEND new_sources ${output})
    # The original's quoted includes are found next to it.
    get_filename_component(dir ${path} DIRECTORY)
    target_include_directories(${target} PRIVATE ${dir})
  endforeach()
  set_property(TARGET ${target} PROPERTY SOURCES ${new_sources})
  # The headers of declarations, for other sources and editors.
  target_include_directories(${target} PRIVATE ${out_dir})
endfunction()
