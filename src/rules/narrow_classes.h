// Narrow character classes: the same matches from much smaller automata.
//
// RE2 compiles a Unicode property class such as \p{L} (about 650 ranges) into a large UTF-8 automaton:
// about 1.3 ms per occurrence, and the word edges {NB} and {NA} put one or two into nearly every rule,
// so compiling the rules took 0.2-0.3 s of every run and their DFA states were large. Vietnamese text
// lives in a few Unicode blocks (Latin, its extensions, the combining marks). So the rules search a
// *scan copy* of the text in which every letter, digit or mark outside those blocks is replaced by a
// stand-in of the same kind and the same UTF-8 length, and their \p{L}, \p{Lu}, \p{Ll}, \p{M} and
// \p{N} are narrowed to those blocks plus the stand-ins. On the scan copy each class accepts exactly
// the characters it accepted on the text, and no offset moves, so every match is the same.
//
// That holds when the patterns name no character the replacement touches: narrowing is used only for
// rule sets whose patterns pass can_narrow() (every rule shipped does; a test compares every field's
// matches with and without narrowing on every corpus document and on text in other scripts).
#pragma once

#include <string>
#include <string_view>

namespace thidua {

// False if the pattern names a letter, digit or mark outside the kept blocks (or a case variant of
// one), a stand-in, a property class other than L, Lu, Ll, M, N, or a case-folded Lu, Ll or M: then the
// scan copy could change what it matches.
bool can_narrow(std::string_view pattern);

// The pattern with each \p{L}, \p{Lu}, \p{Ll}, \p{M}, \p{N} replaced by its ranges within the kept
// blocks (stand-ins included; in a (?i) scope, the ranges of its case closure). Meant for patterns that
// pass can_narrow().
std::string narrow_classes(std::string_view pattern);

// The filter form of a pattern: every class larger than four characters (negated ones, property
// classes, \s, \d ...) made "any character", the rest as written. It matches everything the pattern
// matches, so the literals RE2's FilteredRE2 finds that each of its matches must contain hold for the
// pattern too; and it compiles in a fraction of the time. The rule set builds its filter from these
// forms and compiles each real pattern only when a document first needs it.
std::string filter_form(std::string_view pattern);

// The scan copy of `text`: `text` itself when it has nothing to replace (nearly every document), else a
// view of `storage`, which receives the copy. Same length; the same characters everywhere but the
// replaced ones.
std::string_view scan_copy(std::string_view text, std::string& storage);

}  // namespace thidua
