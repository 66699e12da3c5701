#!/bin/sh
# The library as another program uses it: `cmake --install` into a fresh prefix, then examples/ built
# against it with find_package(thidua) and with pkg-config, and run: each must print, for every seed,
# the record `thidua extract` prints. The public headers must not reach for ICU, RE2 or nlohmann/json.
# usage: install_test.sh BUILD_DIR SOURCE_DIR THIDUA_BINARY
set -eu
build=$1 src=$2 thidua=$3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cmake --install "$build" --prefix "$work/prefix" >/dev/null
test -x "$work/prefix/bin/thidua"
test -f "$work/prefix/include/thidua/thidua.h"
if grep -rlE '#include [<"](unicode/|re2/|nlohmann/)' "$work/prefix/include/thidua"; then
  echo "install_test: a public header includes a dependency's header" >&2
  exit 1
fi

cmake -S "$src/examples" -B "$work/example" -DCMAKE_PREFIX_PATH="$work/prefix" >/dev/null
cmake --build "$work/example" >/dev/null
pcdir=$(dirname "$(find "$work/prefix" -name thidua.pc)")
# shellcheck disable=SC2046
c++ -std=c++17 "$src/examples/extract_file.cc" -o "$work/extract_pc" \
  $(PKG_CONFIG_PATH="$pcdir" pkg-config --cflags --libs thidua)

n=0
for f in "$src"/corpus/seeds/*.txt; do
  "$thidua" extract "$f" > "$work/want.json" 2>/dev/null
  "$work/example/extract_file" "$f" > "$work/got_cmake.json"
  "$work/extract_pc" "$f" > "$work/got_pc.json"
  cmp -s "$work/want.json" "$work/got_cmake.json" || { echo "install_test: $f differs (find_package)" >&2; exit 1; }
  cmp -s "$work/want.json" "$work/got_pc.json" || { echo "install_test: $f differs (pkg-config)" >&2; exit 1; }
  n=$((n + 1))
done
test "$n" -gt 0
echo "install_test: $n records identical through find_package(thidua) and pkg-config"
