#!/usr/bin/env bash
# Nightly-run benchmark (a command that prints figures, not a timed test).
#
# On a generated inbox (national by default) and a fresh store:
#  1. a full first night: one `miara run` under /usr/bin/time (wall time and peak memory), with
#     the seconds of its stages (ingest, compute, report = CSVs and workbooks) from its manifest;
#     then `miara verify --measures` on that store;
#  2. a second night with nothing new (`miara run`);
#  3. a night after one day of NGO files (a new services file re-sending the last day's rows);
#  4. `miara compute` alone on the same store (wall time and peak memory of the compute stage);
#  5. with MIARA_PREVIOUS=<binary of the previous release> and MIARA_PREVIOUS_CATALOGUE=<its
#     measures.yaml>: its ingest of the same inbox into a store of its own (the previous release
#     cannot read this release's store) and its compute there, as ratios to this release's, and
#     whether both give the same measures.csv (this release adds the `incomplete` flag; it is
#     stripped before comparing).
# Usage: Benchmarks/run.sh [tiny|city|national]
set -euo pipefail
cd "$(dirname "$0")/.."
size=${1:-national}
if [ -z "${MIARA:-}" ]; then
  swift build -c release --product miara >/dev/null
  MIARA=$PWD/.build/release/miara
fi
AS_OF=2026-10-31
dir=$PWD/Outputs/bench/run-$size
source Benchmarks/workspace.sh
bench_workspace "$dir" "$size"
rm -f "$dir/inbox/ngo/services/one-day.csv"
rm -rf "$dir"/miara.sqlite* "$dir/out" "$dir"/*.err

timed() {  # name, command…: runs it under /usr/bin/time, prints "name: wall X s, peak Y MB"
  local name=$1; shift
  local rc=0
  /usr/bin/time -f "%e %M" -o "$dir/$name.time" "$@" > "$dir/$name.log" 2> "$dir/$name.err" || rc=$?
  # 3 = done, with a file over max_reject_share (outputs written).
  if [ $rc -ne 0 ] && [ $rc -ne 3 ]; then tail -5 "$dir/$name.err"; exit 1; fi
  read -r wall kb < "$dir/$name.time"
  printf "%-28s wall %7.2f s   peak %6d MB\n" "$name" "$wall" $((kb / 1024))
}
wall_of() { cut -d' ' -f1 "$dir/$1.time"; }

stages() {  # the stage seconds of the run folder `latest` points at, from its manifest
  python3 -c 'import json, sys; t = json.load(open(sys.argv[1]))["timings"]; print("  stages: " + ", ".join(f"{k} {t[k]:.2f} s" for k in ("ingest", "compute", "report") if k in t))' "$dir/out/latest/manifest.json"
}

echo "== $size, first night: miara run on an empty store"
timed "run (first night)" "$MIARA" run --pipeline "$dir/pipeline.yaml"
stages
timed "verify --measures" "$MIARA" verify --measures --pipeline "$dir/pipeline.yaml"
tail -1 "$dir/verify --measures.log"

echo "== $size, second night, nothing new"
timed "run (nothing new)" "$MIARA" run --pipeline "$dir/pipeline.yaml"
stages

echo "== $size, a night after one day of NGO files"
# The largest services CSV re-sends its last day: its rows of the latest date in it, as a new file.
src=$(ls -S "$dir"/inbox/ngo/services/*.csv | sed -n 1p)
# date column 2, as YYYY-MM-DD or DD.MM.YYYY: the latest day, then its rows
key='{ d = $2; k = (d ~ /^[0-9][0-9][.]/) ? substr(d, 7, 4) substr(d, 4, 2) substr(d, 1, 2) : d; gsub("-", "", k) }'
day=$(awk -F'[;,]' "NR > 1 $key NR > 1 && k > m { m = k } END { print m }" "$src")
{ head -1 "$src"; awk -F'[;,]' -v day="$day" "NR > 1 $key NR > 1 && k == day" "$src"; } > "$dir/inbox/ngo/services/one-day.csv"
echo "one-day.csv: $(($(wc -l < "$dir/inbox/ngo/services/one-day.csv") - 1)) services rows of $day from $(basename "$src")"
timed "run (one new day)" "$MIARA" run --pipeline "$dir/pipeline.yaml"
stages

echo "== $size, the compute stage alone on the same store"
timed "compute" "$MIARA" compute --pipeline "$dir/pipeline.yaml" --out "$dir/compute"

if [ -n "${MIARA_PREVIOUS:-}" ] && [ -n "${MIARA_PREVIOUS_CATALOGUE:-}" ]; then
  echo "== the previous release on the same inbox, in a store of its own"
  rm -f "$dir/inbox/ngo/services/one-day.csv"
  rm -rf "$dir"/previous.sqlite*
  sed "s#^measures: .*#measures: $MIARA_PREVIOUS_CATALOGUE#; s#^store: .*#store: previous.sqlite#" "$dir/pipeline.yaml" > "$dir/previous.yaml"
  timed "ingest (previous release)" "$MIARA_PREVIOUS" ingest --pipeline "$dir/previous.yaml"
  timed "compute (previous release)" "$MIARA_PREVIOUS" compute --pipeline "$dir/previous.yaml" --out "$dir/compute-previous"
  timed "compute (this release)" "$MIARA" compute --pipeline "$dir/pipeline.yaml" --out "$dir/compute"
  awk -v a="$(wall_of 'compute (this release)')" -v b="$(wall_of 'compute (previous release)')" \
    'BEGIN { printf "ratio compute this / previous release: %.2f\n", a / b }'
  for f in measures.csv benchmark.csv; do
    if sed -E 's/;incomplete$//; s/,incomplete$/,/' "$dir/compute/$f" | cmp -s - "$dir/compute-previous/$f"; then
      echo "$f: identical to the previous release's (the incomplete flag aside)"
    else
      echo "$f: differs from the previous release's (the incomplete flag aside): $(sed -E 's/;incomplete$//; s/,incomplete$/,/' "$dir/compute/$f" | diff - "$dir/compute-previous/$f" | grep -c '^[<>]') lines"
    fi
  done
fi
