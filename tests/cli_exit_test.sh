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

# A folder of hostile inputs: every one gives exactly one line, the run goes on, exit 1.
hostile="$tmp/hostile"; mkdir -p "$hostile/sub"
cp "$src/corpus/seeds/seed-000.txt" "$hostile/good.txt"
: > "$hostile/empty.txt"
printf '   \n\t \n' > "$hostile/spaces.txt"
printf 'abc\000\001\002\377binary\000\000' > "$hostile/binary.txt"
head -c 200000000 /dev/zero | tr '\0' 'a' > "$hostile/huge-one-line.txt"   # 200 MB, one line
printf '<html><body><p>Khối thi đua số 3 tổ chức hội nghị</p></body></html>' > "$hostile/page.html"
ln -s "$hostile/nowhere.txt" "$hostile/vanished.txt"             # listed, gone when read
ln -s loop-b "$hostile/sub/loop-a"; ln -s loop-a "$hostile/sub/loop-b"
printf 'Khối thi đua' > "$hostile/sub/deep.txt"
"$bin" extract -q "$hostile" "$hostile/sub/loop-a" >"$tmp/out" 2>"$tmp/err"; check "hostile exit" 1 $?
# good empty spaces binary huge page vanished sub/deep + the loop given by name = 9 inputs
check "hostile lines" 9 "$(wc -l <"$tmp/out")"
check "hostile records" 5 "$(grep -c '"schema"' "$tmp/out")"
grep -q '"too_large"' "$tmp/out"; check "huge file refused" 0 $?
grep -q '"binary_input"' "$tmp/out"; check "binary refused" 0 $?
grep -q 'vanished.txt' "$tmp/err"; check "vanished file named" 0 $?
grep -q 'loop-a.*[Ss]ymbolic' "$tmp/err"; check "symlink loop named" 0 $?
head -c 3000000 /dev/zero | tr '\0' 'a' > "$hostile/long-line.txt"   # 3 MB, one line: read and processed
"$bin" extract -q "$hostile/long-line.txt" >"$tmp/out" 2>"$tmp/err"; check "long line read" 0 $?
check "long line one record" 1 "$(grep -c '"schema"' "$tmp/out")"
rm -rf "$hostile"

# -o replaces a file only when the run completes: a killed run, and a run in which no input gave a
# record, leave yesterday's file as it was and no temporary file beside it.
out_dir="$tmp/outputs"; mkdir -p "$out_dir"
many=(); for _ in $(seq 3000); do many+=("$src/corpus/seeds"); done
for fmt in jsonl json csv xlsx; do
  "$bin" extract -q "$src/corpus/seeds" -o "$out_dir/out.$fmt"; check "$fmt written" 0 $?
  before=$(cksum <"$out_dir/out.$fmt")
  "$bin" extract -q -j 2 "${many[@]}" -o "$out_dir/out.$fmt" 2>/dev/null & pid=$!
  sleep 0.5; kill -TERM "$pid" 2>/dev/null; wait "$pid"
  check "$fmt killed run keeps the file" "$before" "$(cksum <"$out_dir/out.$fmt")"
  check "$fmt killed run leaves no temporary" "" "$(ls -A "$out_dir" | grep thidua)"
  "$bin" extract -q "$src/corpus/seedz" -o "$out_dir/out.$fmt" 2>"$tmp/err"; check "$fmt typo exit" 1 $?
  check "$fmt typo keeps the file" "$before" "$(cksum <"$out_dir/out.$fmt")"
  grep -q "left as it was" "$tmp/err"; check "$fmt typo says so" 0 $?
done
"$bin" extract -q "$src/corpus/seeds" -o "$out_dir/missing-folder/x/out.jsonl"; check "output folder made" 0 $?
cp "$src/corpus/seeds/seed-000.txt" "$out_dir/in.txt"; before=$(cksum <"$out_dir/in.txt")
"$bin" extract -q "$out_dir/in.txt" -o "$out_dir/in.txt" 2>/dev/null; check "output over an input refused" 2 $?
check "the input is intact" "$before" "$(cksum <"$out_dir/in.txt")"
: >"$out_dir/real.jsonl"; ln -s real.jsonl "$out_dir/link.jsonl"
"$bin" extract -q "$src/corpus/seeds" -o "$out_dir/link.jsonl"; check "through a link exit" 0 $?
check "a link stays a link" "link" "$([ -L "$out_dir/link.jsonl" ] && echo link)"
check "the file it points to is written" 5 "$(wc -l <"$out_dir/real.jsonl")"
"$bin" extract -q "$src/corpus/seeds" -o "/proc/no-such/out.jsonl" 2>"$tmp/err" </dev/null; check "unwritable output exit" 1 $?
check "unwritable output told before reading" 1 "$(grep -c 'cannot' "$tmp/err")"

# Folders: only regular files are read (a FIFO gets an error line and the run goes on), hidden folders
# are passed over, extensions match in any case, and the run's own output is not read back.
walk="$tmp/walk"; mkdir -p "$walk/.git" "$walk/sub"
cp "$src/corpus/seeds/seed-000.txt" "$walk/A.TXT"
cp "$src/corpus/seeds/seed-001.txt" "$walk/.git/hidden.txt"
mkfifo "$walk/sub/pipe.txt"
timeout 20 "$bin" extract -q "$walk" -o "$walk/records.txt" --format jsonl 2>"$tmp/err"; check "fifo exit" 1 $?
check "fifo lines" 2 "$(wc -l <"$walk/records.txt")"
grep -q '"not_regular"' "$walk/records.txt"; check "fifo error code" 0 $?
timeout 20 "$bin" extract -q "$walk" -o "$walk/records.txt" --format jsonl 2>"$tmp/err"
check "own output not read back" 2 "$(wc -l <"$walk/records.txt")"
"$bin" extract -q "$walk/.git/hidden.txt" >"$tmp/out"; check "hidden file named is read" 1 "$(grep -c '"schema"' "$tmp/out")"

# A file name that is not UTF-8: valid output, the exact name kept (escaped), two such names never one.
odd="$tmp/odd"; mkdir -p "$odd"
cp "$src/corpus/seeds/seed-000.txt" "$odd/$(printf 'caf\xe9.txt')"
cp "$src/corpus/seeds/seed-001.txt" "$odd/$(printf 'caf\xe8.txt')"
"$bin" extract -q "$odd" >"$tmp/out"; check "odd names exit" 0 $?
python3 -c 'import json,sys; [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]' "$tmp/out"; check "odd names: valid JSON Lines" 0 $?
check "odd names: exact forms" 2 "$(grep -c 'path_escaped":"[^"]*caf\\\\x[eE][89]' "$tmp/out")"
"$bin" extract -q "$odd" --format csv >"$tmp/out.csv"
python3 -c 'import csv,sys; rows=list(csv.reader(open(sys.argv[1], encoding="utf-8"))); sys.exit(len({r[0] for r in rows[1:]}) != 2)' "$tmp/out.csv"
check "odd names: valid CSV, two rows told apart" 0 $?

# No silent misconfiguration, no silent loss of output.
mkdir -p "$tmp/norules"
"$bin" extract --rules "$tmp/norules" "$src/corpus/seeds" >"$tmp/out" 2>"$tmp/err"; check "empty --rules exit" 2 $?
grep -q "no rule gives the field 'date'" "$tmp/err"; check "empty --rules names a field" 0 $?
check "empty --rules prints no record" 0 "$(wc -l <"$tmp/out")"
"$bin" rules check "$tmp/norules" >/dev/null 2>&1; check "rules check of an empty folder" 2 $?
for cmd in "--help" "--version" "rules check" "eval $src/corpus/seeds"; do
  # shellcheck disable=SC2086
  "$bin" $cmd >/dev/full 2>"$tmp/err"; check "$cmd to a full disk exits 1" 1 $?
  grep -q "cannot write output" "$tmp/err"; check "$cmd to a full disk says so" 0 $?
done

echo "$((checks - fails)) passed, $fails failed"
[ "$fails" -eq 0 ]
