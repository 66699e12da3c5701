#!/bin/sh
# The man page and the bash completion know every option `thidua --help` lists (they are written by
# hand, so this keeps them in step), and the completion script loads in bash and completes.
# usage: dist_test.sh THIDUA_BINARY SOURCE_DIR
set -eu
thidua=$1 src=$2
opts=$("$thidua" --help | grep -oE '(^| )--[a-z][a-z0-9-]*' | tr -d ' ' | sort -u)
test -n "$opts"
missing=0
for o in $opts; do
  escaped=$(printf '%s' "$o" | sed 's/-/\\\\-/g')
  grep -q -- "$escaped" "$src/dist/thidua.1" || { echo "dist_test: thidua.1 lacks $o" >&2; missing=1; }
  grep -q -- "$o" "$src/dist/thidua.bash-completion" || { echo "dist_test: completion lacks $o" >&2; missing=1; }
done
test "$missing" -eq 0
got=$(bash -c ". '$src/dist/thidua.bash-completion'; COMP_WORDS=(thidua extract --enc); COMP_CWORD=2; _thidua; echo \"\${COMPREPLY[*]}\"")
test "$got" = "--encoding" || { echo "dist_test: completion of --enc gave '$got'" >&2; exit 1; }
got=$(bash -c ". '$src/dist/thidua.bash-completion'; COMP_WORDS=(thidua extract --format x); COMP_CWORD=3; _thidua; echo \"\${COMPREPLY[*]}\"")
test "$got" = "xlsx" || { echo "dist_test: completion of --format x gave '$got'" >&2; exit 1; }
echo "dist_test: $(echo "$opts" | wc -l) options in the man page and the completion"
