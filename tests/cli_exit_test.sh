#!/usr/bin/env bash
# The real binary, as a shell user meets it: exit codes, error lines, one line per input, broken pipes.
# usage: cli_exit_test.sh PATH/TO/thidua SOURCE_DIR
set -u
bin=$1; src=$2
fails=0; checks=0
check() {  # check NAME EXPECTED ACTUAL
  checks=$((checks + 1))
  if [ "$2" != "$3" ]; then echo "FAIL: $1: expected '$2', got '$3'"; fails=$((fails + 1)); fi
}
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT

"$bin" extract "$src/corpus/seeds" >"$tmp/out" 2>"$tmp/err"; check "seeds exit" 0 $?
check "seeds lines" 5 "$(wc -l <"$tmp/out")"

"$bin" extract "$src/corpus/seeds/seed-000.txt" "$tmp/missing.txt" >"$tmp/out" 2>"$tmp/err"; check "missing exit" 1 $?
check "missing lines" 2 "$(wc -l <"$tmp/out")"
grep -q '"error"' "$tmp/out"; check "error line" 0 $?
grep -q "missing.txt" "$tmp/err"; check "stderr names the file" 0 $?

"$bin" extract --nope >"$tmp/out" 2>"$tmp/err"; check "usage exit" 2 $?
check "usage prints no records" 0 "$(wc -l <"$tmp/out")"

# A reader that stops early is not an error: many inputs into `head -n 1`.
set -o pipefail
args=(); for _ in $(seq 200); do args+=("$src/corpus/seeds"); done
"$bin" extract "${args[@]}" 2>"$tmp/err" | head -n 1 >/dev/null; check "broken pipe exit" 0 $?
check "broken pipe quiet" "" "$(cat "$tmp/err")"

printf 'Khối thi đua' | "$bin" extract >"$tmp/out"; check "stdin exit" 0 $?
grep -q '"path":"-"' "$tmp/out"; check "stdin path" 0 $?

echo "$((checks - fails)) passed, $fails failed"
[ "$fails" -eq 0 ]
