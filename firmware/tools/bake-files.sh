#!/bin/sh
# Writes an assembly file that links files into a firmware image (ports/cortex-m/golden_baked.c):
#   bake-files.sh golden DIR OUT.S   index.txt and every NAME.img / NAME.trace it lists, as golden_files
#   bake-files.sh images DIR OUT.S   only the NAME.img files (the rest is read over semihosting)
#   bake-files.sh bench IMAGE OUT.S  one image, as bench_image / bench_image_len
# OUT.S is rewritten only when it changes, so make rebuilds only then.
set -e
mode=$1; src=$(cd "$(dirname "$2")" && pwd)/$(basename "$2"); out=$3
tmp=$out.tmp
{
    echo '    .section .rodata.baked,"a"'
    if [ "$mode" = bench ]; then
        echo '    .balign 4'
        echo '    .global bench_image'
        echo 'bench_image:'
        echo "    .incbin \"$src\""
        echo 'bench_image_end:'
        echo '    .balign 4'
        echo '    .global bench_image_len'
        echo 'bench_image_len: .word bench_image_end - bench_image'
    else
        if [ "$mode" = images ]; then
            files="$(grep -v '^#' "$src/index.txt" | awk 'NF {print $1 ".img"}')"
        else
            files="index.txt $(grep -v '^#' "$src/index.txt" | awk 'NF {print $1 ".img " $1 ".trace"}')"
        fi
        i=0
        for f in $files; do
            [ -f "$src/$f" ] || { echo "bake-files.sh: $src/$f is missing" >&2; exit 1; }
            echo '    .balign 4'
            echo "d$i: .incbin \"$src/$f\""
            echo "e$i:"
            echo "n$i: .asciz \"$f\""
            i=$((i + 1))
        done
        echo '    .balign 4'
        echo '    .global golden_files'
        echo 'golden_files:'
        j=0
        while [ $j -lt $i ]; do
            echo "    .word n$j, d$j, e$j - d$j"
            j=$((j + 1))
        done
        echo '    .global golden_file_count'
        echo "golden_file_count: .word $i"
    fi
} > "$tmp"
if cmp -s "$tmp" "$out"; then rm -f "$tmp"; else mv "$tmp" "$out"; fi
