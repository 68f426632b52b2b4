#!/bin/sh
# build.sh [DIR]: the page's WebAssembly module, DIR/bp_web.js (default DIR:
# build-web), for `meson configure BUILD -Dweb_module=$PWD/DIR/bp_web.js`.
#
# The same C as the program's library (the lib_sources of src/*/meson.build,
# for the parts below check, and check's JSON report) with src/web/api.c,
# compiled by Emscripten (Debian's emscripten) into one script that holds
# its WebAssembly (SINGLE_FILE).  libyaml comes from Debian's source
# package, fetched into DIR (not the system's apt lists).  Objects are kept
# in DIR and remade only when their source is newer.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
src=$(dirname "$here")
out=${1:-build-web}
mkdir -p "$out/obj"
out=$(cd "$out" && pwd)

command -v emcc >/dev/null || { echo "build.sh: emcc not found (apt-get install emscripten)" >&2; exit 1; }
# emcc runs its JavaScript tools with node; Debian's modules (acorn) are in
# /usr/share/nodejs, which a node not from Debian does not look in.
export NODE_PATH="${NODE_PATH:+$NODE_PATH:}/usr/share/nodejs"

# ---- libyaml, from Debian's source package ----
yaml=$out/libyaml-0.2.5
if [ ! -d "$yaml/src" ]; then
    apt=$out/apt
    mkdir -p "$apt/lists/partial" "$apt/cache/archives/partial"
    printf 'Types: deb-src\nURIs: http://deb.debian.org/debian\nSuites: bookworm\nComponents: main\nSigned-By: /usr/share/keyrings/debian-archive-keyring.gpg\n' >"$apt/src.sources"
    aptopts="-o Dir::Etc::SourceList=/dev/null -o Dir::Etc::SourceParts=$apt -o Dir::State::Lists=$apt/lists -o Dir::Cache=$apt/cache -o Debug::NoLocking=1"
    # shellcheck disable=SC2086
    apt-get $aptopts update >/dev/null
    # shellcheck disable=SC2086
    (cd "$apt" && apt-get $aptopts source --download-only libyaml >/dev/null)
    tar -xzf "$apt"/libyaml_0.2.5.orig.tar.gz -C "$out"
fi

# ---- the sources ----
parts="util math lesson trace write render check class"
sources=""
for p in $parts; do
    for f in $(awk '/^lib_sources \+= files\(/ { on = 1; next }
                    on && /\)/ { on = 0 }
                    on { gsub(/[ ,'"'"']/, ""); if ($0 != "") print }' \
               "$src/$p/meson.build"); do
        sources="$sources $p/$f"
    done
done
sources="$sources check/report_text.c check/report_json.c web/api.c"

cflags="-O2 -std=c11 -D_POSIX_C_SOURCE=200809L -I$src -I$out -I$yaml/include
  -DYAML_VERSION_MAJOR=0 -DYAML_VERSION_MINOR=2 -DYAML_VERSION_PATCH=5
  -DYAML_VERSION_STRING=\"0.2.5\""
# the module's HTML needs no style or script of its own (see html.h)
python3 "$here/embed.py" "$out/html_assets.c" bp_html_page_css - \
    bp_html_page_js - bp_html_module_js -

objects=""
compile() { # source object
    if [ ! -f "$2" ] || [ "$1" -nt "$2" ] || [ "$src/bptrace/render.h" -nt "$2" ]; then
        echo "  CC $1"
        # shellcheck disable=SC2086
        emcc $cflags -c "$1" -o "$2"
    fi
    objects="$objects $2"
}
for s in $sources; do
    compile "$src/$s" "$out/obj/$(echo "$s" | tr / _).o"
done
compile "$out/html_assets.c" "$out/obj/html_assets.o"
for s in "$yaml"/src/*.c; do
    compile "$s" "$out/obj/yaml_$(basename "$s" .c).o"
done

echo "  LINK $out/bp_web.js"
# shellcheck disable=SC2086
emcc -O2 $objects -o "$out/bp_web.js" -sSINGLE_FILE=1 -sMODULARIZE=1 \
    -sEXPORT_NAME=createBpModule -sENVIRONMENT=web -sALLOW_MEMORY_GROWTH=1 \
    -sEXPORTED_FUNCTIONS=_bp_web_trace,_bp_web_check,_malloc,_free \
    -sEXPORTED_RUNTIME_METHODS=UTF8ToString,allocateUTF8
