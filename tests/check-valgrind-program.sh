#!/bin/sh
# check-valgrind-program.sh BPTRACE: under `meson test --setup valgrind`
# (which sets BP_VALGRIND_SETUP), fails when the program is linked
# statically: memcheck replaces malloc in a dynamically linked program
# only, so it would check none of the program's heap and find no leak.
# Outside that setup there is nothing to check: exit 77 (skip).
bptrace=$1
[ -n "${BP_VALGRIND_SETUP:-}" ] || { echo "not under the valgrind setup"; exit 77; }
command -v readelf >/dev/null 2>&1 || { echo "no readelf (binutils)"; exit 77; }
if readelf -l "$bptrace" | grep -q 'program interpreter'; then
    echo "ok: $bptrace is dynamically linked: memcheck sees its heap"
    exit 0
fi
echo "FAIL: $bptrace is linked statically: memcheck cannot see its heap."
echo "Configure with -Dstatic_program=libyaml (or none) for the valgrind setup:"
echo "  meson configure BUILDDIR -Dstatic_program=libyaml"
exit 1
