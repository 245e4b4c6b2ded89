#!/usr/bin/env bash
# Ingestion benchmark (a command that prints figures, not a timed test).
#
# For two sizes (city, national): generate the inbox once, ingest it into a fresh store with
# `miara ingest --timings` under /usr/bin/time (wall time, peak memory, rows/s per dataset); in
# the same run time the sqlite3 command-line `.import` of every CSV file of the same inbox into
# plain tables in one transaction, and DuckDB's read_csv of the same files (Benchmarks/baselines.sh),
# and print the ratios of time and size and the store's largest tables; then time a night that
# adds one day of NGO services to the store. With MIARA_PREVIOUS naming an earlier release's
# binary, that binary ingests the same inbox into its own store just before, and the ratios of
# wall and CPU time are printed. Usage: Benchmarks/ingest.sh [city|national ...]
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps
if [ -z "${MIARA:-}" ]; then
  swift build -c release --product miara >/dev/null
  MIARA=$PWD/.build/release/miara
fi
ROOT=$PWD/Outputs/bench
AS_OF=2026-10-31
mkdir -p "$ROOT"
source Benchmarks/workspace.sh
source Benchmarks/baselines.sh
sizes=("$@"); [ ${#sizes[@]} -gt 0 ] || sizes=(city national)

for size in "${sizes[@]}"; do
  dir=$ROOT/$size
  bench_workspace "$dir" "$size"
  if [ -n "${MIARA_PREVIOUS:-}" ]; then
    sed 's/^store: .*/store: previous.sqlite/' "$dir/pipeline.yaml" > "$dir/pipeline-previous.yaml"
    rm -f "$dir"/previous.sqlite*
    echo "== $size: the previous release's ingest ($MIARA_PREVIOUS)"
    /usr/bin/time -f "previous ingest: wall %e s, peak memory %M KB, cpu %U+%S s" -o "$dir/previous.time" \
      "$MIARA_PREVIOUS" ingest --pipeline "$dir/pipeline-previous.yaml" > /dev/null 2>&1 || true
    cat "$dir/previous.time"
  fi
  rm -f "$dir"/miara.sqlite*
  echo "== $size: miara ingest"
  /usr/bin/time -f "miara ingest: wall %e s, peak memory %M KB, cpu %U+%S s" "$MIARA" ingest --pipeline "$dir/pipeline.yaml" --timings \
    > "$dir/ingest.log" 2> "$dir/ingest.err" || { cat "$dir/ingest.err"; exit 1; }
  grep -E "^timing|files,|rows read" "$dir/ingest.log"
  grep -E "miara ingest: wall" "$dir/ingest.err"
  ingest_s=$(awk '/miara ingest: wall/ {print $4}' "$dir/ingest.err")
  ingest_kb=$(awk '/miara ingest: wall/ {print $8}' "$dir/ingest.err")
  sqlite3 "$dir/miara.sqlite" "PRAGMA wal_checkpoint(TRUNCATE);" >/dev/null
  store_bytes=$(stat -c %s "$dir/miara.sqlite")
  if [ -n "${MIARA_PREVIOUS:-}" ]; then
    awk -v s="$ingest_s" '/previous ingest: wall/ { split($(NF-1), a, "+"); p = $4; pc = a[1] + a[2] } END { if (p > 0) printf "ingest / previous release: wall %.2fx\n", s / p }' "$dir/previous.time"
    awk '/previous ingest: wall/ { split($(NF-1), a, "+"); print a[1] + a[2] }' "$dir/previous.time" > "$dir/previous.cpu"
    rm -f "$dir"/previous.sqlite*
  fi

  echo "== $size: sqlite3 .import of every CSV of the same inbox (a plain table per dataset, one transaction)"
  bench_import "$dir"
  import_s=$IMPORT_S; import_bytes=$IMPORT_BYTES; import_cpu=$IMPORT_CPU
  csvs=$(find "$dir/inbox" -iname '*.csv' | wc -l)
  xlsx=$(find "$dir/inbox" -iname '*.xlsx' | wc -l)
  echo "($csvs CSV files imported; $xlsx XLSX files cannot be imported by sqlite3 and are read by miara only)"
  ingest_cpu=$(awk '/miara ingest: wall/ {split($(NF-1), a, "+"); print a[1] + a[2]}' "$dir/ingest.err")
  # On a shared machine wall time depends on the neighbours; CPU time much less.
  awk -v s="$ingest_s" -v i="$import_s" -v kb="$ingest_kb" -v sb="$store_bytes" -v ib="$import_bytes" \
      -v sc="$ingest_cpu" -v ic="$import_cpu" 'BEGIN {
    printf "ingest / .import time: wall %.2fx, cpu %.2fx (target 3x)   peak memory %.0f MB (target 500 MB)\n", s / i, sc / ic, kb / 1024
    printf "store %.1f MB / .import database %.1f MB: %.2fx (target 2.5x)\n", sb / 1048576, ib / 1048576, sb / ib }'
  # What the store holds, by table and index (sqlite3's dbstat, when it is compiled in).
  sqlite3 "$dir/miara.sqlite" "SELECT name, round(sum(pgsize) / 1048576.0, 1) AS MB FROM dbstat GROUP BY name ORDER BY 2 DESC LIMIT 8" 2>/dev/null \
    | awk -F'|' 'BEGIN { printf "largest in the store:" } { printf " %s %s MB;", $1, $2 } END { print "" }' || true

  # DuckDB's read_csv of the same CSV files (Benchmarks/baselines.sh; said so when DuckDB is missing).
  echo "== $size: DuckDB read_csv of every CSV of the same inbox"
  bench_duckdb "$dir"
  if [ -n "$DUCKDB_S" ]; then
    duck_cpu=$(awk '{ print $2 + $3 }' "$dir/duckdb.time")
    awk -v s="$ingest_s" -v d="$DUCKDB_S" -v sc="$ingest_cpu" -v dc="$duck_cpu" -v sb="$store_bytes" -v db="$DUCKDB_BYTES" 'BEGIN {
      printf "ingest / DuckDB read_csv time: wall %.2fx, cpu %.2fx (target 4x)   store / DuckDB database: %.2fx\n", s / d, sc / dc, sb / db }'
    rm -f "$dir/import.duckdb" "$dir/import.duckdb.wal"
  fi
  if [ -s "$dir/previous.cpu" ]; then
    awk -v sc="$ingest_cpu" '{ if ($1 > 0) printf "ingest / previous release: cpu %.2fx\n", sc / $1 }' "$dir/previous.cpu"
    rm -f "$dir/previous.cpu"
  fi

  echo "== $size: a night adding one day of NGO services (the as-of moves one day forward)"
  next=$(date -d "$AS_OF + 1 day" +%F)
  night=$dir/inbox/ngo/services/zz-night-$next.csv
  echo "facility_id,date,service,quantity,person_id" > "$night"
  find "$dir/inbox/ngo/services" -iname '*.csv' ! -name 'zz-night-*' -exec grep -h ",$AS_OF," {} + 2>/dev/null \
    | awk -F, 'NF == 5' | sed "s/,$AS_OF,/,$next,/" | sort -u >> "$night" || true
  echo "$(($(wc -l < "$night") - 1)) services rows dated $next"
  /usr/bin/time -f "one-day night: wall %e s, peak memory %M KB, cpu %U+%S s (target 3 s)" "$MIARA" ingest --pipeline "$dir/pipeline.yaml" --as-of "$next" --timings \
    > "$dir/night.log" 2> "$dir/night.err" || { cat "$dir/night.err"; exit 1; }
  grep -E "files,|^timing (cross|read|indexes)" "$dir/night.log"
  grep -E "one-day night" "$dir/night.err"
  rm -f "$night"
done
