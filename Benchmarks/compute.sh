#!/usr/bin/env bash
# Compute benchmark (a command that prints figures, not a timed test).
#
# Ingests the inbox of Benchmarks/ingest.sh (generated there if missing) into a fresh store, then
# computes one year with its halves and quarters (and the periods just before them, for
# delta_prev) at every grain, once on one connection and once on the default number, each under
# /usr/bin/time; prints wall time, peak memory, the slowest measures and the ratio of compute to
# ingest measured in this same run. Usage: Benchmarks/compute.sh [city|national] [YEAR]
set -euo pipefail
cd "$(dirname "$0")/.."
size=${1:-national}
year=${2:-2025}
scripts/install-deps
if [ -z "${MIARA:-}" ]; then
  swift build -c release --product miara >/dev/null
  MIARA=$PWD/.build/release/miara
fi
export MIARA
dir=$PWD/Outputs/bench/$size
# ingest.sh generates the inbox if needed, writes pipeline.yaml and ingests into a fresh store.
Benchmarks/ingest.sh "$size" | grep -E "^== $size: miara ingest|files,|read indexes|cross-row"
ingest_s=$(sed -n 's/^miara ingest: wall \([0-9.]*\) s.*/\1/p' "$dir/ingest.err")
echo "miara ingest: wall $ingest_s s"

periods=(--period "$year" --period "${year}H1" --period "${year}H2")
for q in 1 2 3 4; do periods+=(--period "${year}Q$q"); done
for jobs in 1 default; do
  flag=(); [ "$jobs" = default ] || flag=(--jobs "$jobs")
  echo "== $size: miara compute $year, halves, quarters (jobs: $jobs)"
  /usr/bin/time -f "miara compute: wall %e s, peak memory %M KB" "$MIARA" compute --pipeline "$dir/pipeline.yaml" \
    "${periods[@]}" "${flag[@]}" --timings --out "$dir/compute-$jobs" > "$dir/compute-$jobs.log" 2> "$dir/compute-$jobs.err" \
    || { cat "$dir/compute-$jobs.err"; exit 1; }
  head -1 "$dir/compute-$jobs.log"
  echo "slowest measures (seconds of query time, summed over periods):"
  grep '^timing' "$dir/compute-$jobs.err" | sort -k5 -n -r | head -5 | awk '{printf "  %s %s s\n", $2, $5}'
  wall=$(sed -n 's/^miara compute: wall \([0-9.]*\) s.*/\1/p' "$dir/compute-$jobs.err")
  grep '^miara compute: wall' "$dir/compute-$jobs.err"
  awk -v c="$wall" -v i="$ingest_s" 'BEGIN { printf "ratio compute / ingest: %.2f\n", c / i }'
done
cmp -s "$dir/compute-1/measures.csv" "$dir/compute-default/measures.csv" \
  && echo "measures.csv identical for both job counts" || { echo "measures.csv DIFFERS between job counts"; exit 1; }
