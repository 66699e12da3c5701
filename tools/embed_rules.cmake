# Writes OUT, a C++ source holding every rules/*.rules and rules/**/*.txt file as a string, so that
# the thidua binary carries its default rules. Run by the build (see CMakeLists.txt).
file(GLOB_RECURSE files RELATIVE "${RULES_DIR}" "${RULES_DIR}/*.rules" "${RULES_DIR}/*.txt")
list(SORT files)
set(out "// Generated from rules/ by tools/embed_rules.cmake: do not edit.\n#include \"builtin_rules.h\"\n\n")
string(APPEND out "namespace thidua {\n\nconst std::map<std::string, std::string>& builtin_rule_files() {\n")
string(APPEND out "  static const std::map<std::string, std::string> files{\n")
foreach(f IN LISTS files)
  file(READ "${RULES_DIR}/${f}" content)
  string(APPEND out "      {\"${f}\", R\"thidua_rules(${content})thidua_rules\"},\n")
endforeach()
string(APPEND out "  };\n  return files;\n}\n\n}  // namespace thidua\n")
file(WRITE "${OUT}.tmp" "${out}")
file(COPY_FILE "${OUT}.tmp" "${OUT}" ONLY_IF_DIFFERENT)
