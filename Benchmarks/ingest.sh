#!/usr/bin/env bash
# Ingestion benchmark (a command that prints figures, not a timed test).
#
# For two sizes (city, national): generate the inbox once, ingest it into a fresh store with
# `miara ingest --timings` under /usr/bin/time (wall time, peak memory, rows/s per dataset), and
# in the same run time the sqlite3 command-line `.import` of the same stays CSV files into a
# plain table; print the ratio. Usage: Benchmarks/ingest.sh [city|national ...]
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
sizes=("$@"); [ ${#sizes[@]} -gt 0 ] || sizes=(city national)

for size in "${sizes[@]}"; do
  dir=$ROOT/$size
  if [ ! -d "$dir/inbox" ]; then
    echo "== generating $size inbox"
    /usr/bin/time -f "generate: %e s, peak %M KB" "$MIARA" generate --scale "$size" --seed 1 --out "$dir/inbox" --as-of $AS_OF | tail -1
  fi
  [ -f "$dir/key" ] || { head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n' > "$dir/key"; chmod 600 "$dir/key"; }
  cat > "$dir/pipeline.yaml" <<YAML
inbox: inbox
store: miara.sqlite
outputs: out
as_of: $AS_OF
pseudonym_key_file: key
standard: $PWD/Pipelines/standard.yaml
surveys: $PWD/Pipelines/surveys
measures: $PWD/Pipelines/measures.yaml
YAML
  rm -f "$dir"/miara.sqlite*
  echo "== $size: miara ingest"
  /usr/bin/time -f "miara ingest: wall %e s, peak memory %M KB" "$MIARA" ingest --pipeline "$dir/pipeline.yaml" --timings \
    > "$dir/ingest.log" 2> "$dir/ingest.err" || { cat "$dir/ingest.err"; exit 1; }
  grep -E "^timing|files,|rows read" "$dir/ingest.log"
  grep -E "miara ingest: wall" "$dir/ingest.err"
  stays_s=$(awk '/^timing ngo\/stays/ {print $5}' "$dir/ingest.log")
  cross_s=$(awk '/^timing cross-row/ {print $4}' "$dir/ingest.log")

  echo "== $size: sqlite3 .import of the same stays CSV files"
  rm -f "$dir/import.sqlite"
  script=$dir/import.sql
  : > "$script"
  echo "CREATE TABLE stays_raw(stay_id, person_id, facility_id, admitted, discharged, destination);" >> "$script"
  # One transaction around all files: the fastest the CLI can do (no commit per file).
  echo ".mode csv" >> "$script"
  echo "BEGIN;" >> "$script"
  for f in "$dir"/inbox/ngo/stays/*.csv; do
    sep=","; head -1 "$f" | grep -q ";" && sep=";"
    printf '.separator "%s"\n.import --skip 1 "%s" stays_raw\n' "$sep" "$f" >> "$script"
  done
  echo "COMMIT;" >> "$script"
  start=$(date +%s.%N)
  sqlite3 "$dir/import.sqlite" < "$script" 2>/dev/null || true
  end=$(date +%s.%N)
  import_s=$(awk -v a="$start" -v b="$end" 'BEGIN { print b - a }')
  rows=$(sqlite3 "$dir/import.sqlite" "select count(*) from stays_raw")
  printf "sqlite3 .import: %d rows in %.3f s\n" "$rows" "$import_s"
  awk -v s="$stays_s" -v c="$cross_s" -v i="$import_s" 'BEGIN {
    printf "ratio (miara stays files / .import): %.2fx   with all cross-row checks added: %.2fx\n", s / i, (s + c) / i }' 
done
