# Writes OUT, a C++ source that holds the files of DIR matching GLOBS (";"-separated, e.g. "*.rules;*.txt"),
# each as a string, returned by FUNCTION (declared in HEADER) as a map from the path below DIR to the
# content. Run by the build (see CMakeLists.txt) to compile rules/ and the text layer's encoding tables
# into the library.
set(files)
foreach(glob IN LISTS GLOBS)
  file(GLOB_RECURSE found RELATIVE "${DIR}" "${DIR}/${glob}")
  list(APPEND files ${found})
endforeach()
list(SORT files)
set(out "// Generated from ${NAME} by tools/embed_files.cmake: do not edit.\n#include \"${HEADER}\"\n\n")
string(APPEND out "namespace thidua {\n\nconst std::map<std::string, std::string>& ${FUNCTION}() {\n")
string(APPEND out "  static const std::map<std::string, std::string> files{\n")
foreach(f IN LISTS files)
  file(READ "${DIR}/${f}" content)
  string(APPEND out "      {\"${f}\", R\"thidua_embedded(${content})thidua_embedded\"},\n")
endforeach()
string(APPEND out "  };\n  return files;\n}\n\n}  // namespace thidua\n")
file(WRITE "${OUT}.tmp" "${out}")
file(COPY_FILE "${OUT}.tmp" "${OUT}" ONLY_IF_DIFFERENT)
