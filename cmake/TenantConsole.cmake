# Project-wide helpers: warnings and the layering rule of DESIGN.md.

function(tc_set_warnings target)
    target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor)
    target_compile_definitions(${target} PRIVATE
        QT_NO_CAST_FROM_ASCII QT_NO_URL_CAST_FROM_STRING QT_NO_NARROWING_CONVERSIONS_IN_CONNECT
        QT_DISABLE_DEPRECATED_UP_TO=0x060400)
endfunction()

# Collects every library a target links, following targets transitively.
function(_tc_collect_links target out)
    set(seen "")
    set(queue ${target})
    while(queue)
        list(POP_FRONT queue current)
        if(current IN_LIST seen OR NOT TARGET ${current})
            continue()
        endif()
        list(APPEND seen ${current})
        get_target_property(aliased ${current} ALIASED_TARGET)
        if(aliased)
            list(APPEND queue ${aliased})
        endif()
        foreach(prop LINK_LIBRARIES INTERFACE_LINK_LIBRARIES)
            get_target_property(libs ${current} ${prop})
            if(libs)
                foreach(lib IN LISTS libs)
                    string(REGEX REPLACE "^\\$<LINK_ONLY:(.*)>$" "\\1" lib "${lib}")
                    list(APPEND queue ${lib})
                endforeach()
            endif()
        endforeach()
    endwhile()
    set(${out} ${seen} PARENT_SCOPE)
endfunction()

function(_tc_check_no_widgets target)
    _tc_collect_links(${target} links)
    foreach(forbidden Qt6::Widgets Qt::Widgets Qt6::Charts Qt::Charts Qt6::OpenGLWidgets)
        if(forbidden IN_LIST links)
            message(FATAL_ERROR
                "${target} is in models/ and must not depend on ${forbidden} "
                "(DESIGN.md: no widgets in the model layer).")
        endif()
    endforeach()
endfunction()

# Every library under models/ calls this: the check runs once the whole project is
# configured, so a widget dependency added later (even transitively) still fails.
function(tc_model_library target)
    cmake_language(EVAL CODE "cmake_language(DEFER DIRECTORY \"${CMAKE_SOURCE_DIR}\" CALL _tc_check_no_widgets ${target})")
endfunction()
