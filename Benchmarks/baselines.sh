# Sourced by the benchmarks: the two readers miara's ingest is compared with, on the CSV files of
# one inbox (XLSX files are read by miara only).
# bench_import DIR — sqlite3's `.import` of every CSV file of DIR/inbox into a plain table per
#   dataset folder, in one transaction, into DIR/import.sqlite; sets IMPORT_S (wall), IMPORT_CPU,
#   IMPORT_BYTES (the database file) and prints one line.
# bench_duckdb DIR — DuckDB's read_csv of the same files (Benchmarks/duckdb-read.py) into
#   DIR/import.duckdb; sets DUCKDB_S (wall; empty when the duckdb Python module is missing) and
#   DUCKDB_BYTES; installs the module from PyPI when it is missing.
bench_import() {
  local dir=$1 script=$1/import.sql f rel ds table sep skip
  rm -f "$dir/import.sqlite"
  { echo ".mode csv"; echo "BEGIN;"; } > "$script"
  local -A made=()
  while IFS= read -r f; do
    rel=${f#"$dir/inbox/"}
    ds=$(dirname "$rel"); table=$(echo "$ds" | tr -c 'a-zA-Z0-9\n' '_')
    sep=","; head -1 "$f" | grep -q ";" && sep=";"
    skip=""; [ -n "${made[$table]:-}" ] && skip="--skip 1"
    made[$table]=1
    printf '.separator "%s"\n.import %s "%s" %s\n' "$sep" "$skip" "$f" "$table" >> "$script"
  done < <(find "$dir/inbox" -iname '*.csv' | LC_ALL=C sort)
  echo "COMMIT;" >> "$script"
  /usr/bin/time -f "%e %U %S %M" -o "$dir/import.time" sqlite3 "$dir/import.sqlite" < "$script" > /dev/null 2>&1 || true
  read -r IMPORT_S u s _ < "$dir/import.time"
  IMPORT_CPU=$(awk -v u="$u" -v s="$s" 'BEGIN { print u + s }')
  IMPORT_BYTES=$(stat -c %s "$dir/import.sqlite")
  printf "%-34s wall %7.2f s   cpu %6.2f s   database %6.1f MB\n" "sqlite3 .import (CSV files)" "$IMPORT_S" "$IMPORT_CPU" \
    "$(awk -v b="$IMPORT_BYTES" 'BEGIN { print b / 1048576 }')"
}

bench_duckdb() {
  local dir=$1
  DUCKDB_S=""; DUCKDB_BYTES=""
  if ! python3 -c 'import duckdb' 2>/dev/null; then
    python3 -m pip install -q duckdb > /dev/null 2>&1 || true
  fi
  if ! python3 -c 'import duckdb' 2>/dev/null; then
    echo "DuckDB read_csv: not measured (the duckdb Python module cannot be installed: python3 -m pip install duckdb)"
    return
  fi
  rm -f "$dir/import.duckdb" "$dir/import.duckdb.wal"
  /usr/bin/time -f "%e %U %S %M" -o "$dir/duckdb.time" python3 "$(dirname "${BASH_SOURCE[0]}")/duckdb-read.py" "$dir/inbox" "$dir/import.duckdb" \
    > "$dir/duckdb.log" 2>&1 || { tail -3 "$dir/duckdb.log"; return; }
  local u s
  read -r DUCKDB_S u s _ < "$dir/duckdb.time"
  DUCKDB_BYTES=$(stat -c %s "$dir/import.duckdb")
  printf "%-34s wall %7.2f s   cpu %6.2f s   database %6.1f MB   (%s)\n" "DuckDB read_csv (CSV files)" "$DUCKDB_S" \
    "$(awk -v u="$u" -v s="$s" 'BEGIN { print u + s }')" "$(awk -v b="$DUCKDB_BYTES" 'BEGIN { print b / 1048576 }')" "$(tail -1 "$dir/duckdb.log")"
}
