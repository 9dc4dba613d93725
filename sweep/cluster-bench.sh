#!/usr/bin/env bash
# The cluster's overhead on one machine: wall time of the same 8-point grid on local[2] and on a
# 2-worker standalone cluster (sweep/local-cluster.sh), each run into a fresh directory.
#   sweep/cluster-bench.sh RUNS    (default 3; needs sweep/target/snn-sweep.jar and MNIST in the cache or $SNN_DATA)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
jar="$here/target/snn-sweep.jar"
runs="${1:-3}"
out="$(mktemp -d)"
G=(--dataset mnist --neurons 50 --train-images 2000 --label-images 500 --test-images 1000 --norm l1,l2 --seeds 4)
one() { # label master extra...
  local label="$1" master="$2"; shift 2
  local d="$out/$label-$RANDOM" t0 t1
  t0=$(date +%s.%N)
  java -Xmx2g -jar "$jar" sweep "${G[@]}" --master "$master" --dir "$d" -q "$@" > "$d.out" 2>&1 || { cat "$d.out"; exit 1; }
  t1=$(date +%s.%N)
  printf '%s %.1f %s\n' "$label" "$(echo "$t1 - $t0" | bc)" "$(tail -1 "$d.out")"
  printf '%s %.1f\n' "$label" "$(echo "$t1 - $t0" | bc)" >> "$out/times"
  cut -d, -f1,12,13,14 "$d/results.csv" | tail -n +2 | sort > "$d.acc"   # id, the three accuracies
  [ -f "$out/reference.acc" ] || cp "$d.acc" "$out/reference.acc"
  cmp -s "$out/reference.acc" "$d.acc" || { echo "$label: accuracies DIFFER from the first run"; exit 1; }
}
t0=$(date +%s.%N)
"$here/local-cluster.sh" start 2 | tee "$out/start"
printf 'cluster start %.1f s\n' "$(echo "$(date +%s.%N) - $t0" | bc)"
master="$(sed -n 's/^master: //p' "$out/start")"
trap '"$here/local-cluster.sh" stop' EXIT
for i in $(seq 1 "$runs"); do
  one local "local[2]"
  one cluster "$master"
  one cluster-nojars "$master" --spark-conf spark.jars=
done
echo "every run: the same accuracies, point by point"
for l in local cluster cluster-nojars; do
  awk -v l="$l" '$1 == l { print $2 }' "$out/times" | sort -n | awk -v l="$l" '{ v[NR] = $1 }
    END { printf "%-15s wall s over %d runs: min %.1f  median %.1f  max %.1f\n", l, NR, v[1], v[int((NR + 1) / 2)], v[NR] }'
done
