#!/usr/bin/env bash
# Nightly-run benchmark (a command that prints figures, not a timed test): the figures of issue 23
# beside their targets, for this release and — with MIARA_PREVIOUS — the previous one, in one run.
#
# On a generated inbox (national by default, seed 1) each release runs the same nights on a fresh
# store of its own (the previous release cannot read this release's store), under /usr/bin/time
# (wall time and peak memory), with the seconds of the stages (ingest, compute, report = CSVs and
# workbooks) from each run's manifest:
#  1. the first night: `miara run` on an empty store; then the store's size (WAL checkpointed);
#     this release only: `miara verify --measures` on that store;
#  2. a night with nothing new;
#  3. a night after one day of NGO files (a new services file re-sending the last day's rows of
#     the largest services file);
#  4. a night after one person's record is corrected: the largest persons CSV sent again under its
#     own name with the ETHOS category of its first person changed (every other byte the same);
#  5. `miara compute` alone on the same store.
# Then sqlite3's `.import` and DuckDB's read_csv of the same CSV files (Benchmarks/baselines.sh),
# the ratios, the table of figures against the targets, and whether the two releases' last run
# folders hold the same bytes (CSVs and workbooks; the manifest aside).
#
# MIARA names this release's binary (default: a release build of this checkout); MIARA_PREVIOUS
# the previous release's binary and MIARA_PREVIOUS_CATALOGUE its measures.yaml (its standard.yaml
# and surveys/ are taken from beside it when there). MIARA_SKIP_VERIFY=1 leaves out step 1's verify.
# Usage: Benchmarks/run.sh [tiny|city|national]
set -euo pipefail
cd "$(dirname "$0")/.."
size=${1:-national}
if [ -z "${MIARA:-}" ]; then
  swift build -c release --product miara >/dev/null
  MIARA=$PWD/.build/release/miara
fi
AS_OF=2026-10-31
root=$PWD/Outputs/bench/run-$size
source Benchmarks/workspace.sh
source Benchmarks/baselines.sh
bench_workspace "$root" "$size"
persons_backup=$root/persons-original.csv
persons_file=$root/persons-file.txt

restore_inbox() {  # the inbox as generated: no one-day file, the persons file uncorrected
  rm -f "$root/inbox/ngo/services/one-day.csv"
  if [ -f "$persons_backup" ] && [ -f "$persons_file" ]; then cp "$persons_backup" "$(cat "$persons_file")"; fi
}
restore_inbox

declare -A F=()   # label:figure → value
timed() {  # dir, name, command…: runs it under /usr/bin/time, prints "name: wall X s, peak Y MB"
  local d=$1 name=$2; shift 2
  local rc=0
  /usr/bin/time -f "%e %M %U %S" -o "$d/$name.time" "$@" > "$d/$name.log" 2> "$d/$name.err" || rc=$?
  # 3 = done, with a file over max_reject_share (outputs written).
  if [ $rc -ne 0 ] && [ $rc -ne 3 ]; then grep -v '^0x' "$d/$name.err" | tail -8; exit 1; fi
  local u s
  read -r WALL KB u s < "$d/$name.time"
  PEAK=$((KB / 1024))
  CPU=$(awk -v u="$u" -v s="$s" 'BEGIN { print u + s }')
  # On a shared machine wall time depends on the neighbours; processor time much less.
  printf "%-34s wall %7.2f s   cpu %7.2f s   peak %6d MB\n" "$name" "$WALL" "$CPU" "$PEAK"
}
stages() {  # dir, label, key: the stage seconds of the run `latest` points at, from its manifest
  local line
  line=$(python3 -c 'import json, sys; t = json.load(open(sys.argv[1]))["timings"]; print(" ".join(str(t.get(k) or 0) for k in ("ingest", "compute", "report")))' "$1/out/latest/manifest.json")
  read -r F[$2:$3:ingest] F[$2:$3:compute] F[$2:$3:report] <<< "$line"
  printf "%34s ingest %.2f s, compute %.2f s, report %.2f s\n" "stages:" ${F[$2:$3:ingest]} ${F[$2:$3:compute]} ${F[$2:$3:report]}
}
night() {  # dir, label, key, name: one `miara run`, its figures kept under label:key
  local d=$1 label=$2 key=$3 name=$4
  timed "$d" "$name" "${BIN}" run --pipeline "$d/pipeline.yaml"
  F[$label:$key]=$WALL
  F[$label:$key:cpu]=$CPU
  F[$label:peak]=$(( PEAK > ${F[$label:peak]:-0} ? PEAK : ${F[$label:peak]:-0} ))
  F[$label:$key:peak]=$PEAK
  stages "$d" "$label" "$key"
}

one_new_day() {  # the largest services CSV re-sends its last day: its rows of the latest date, as a new file
  local src day key
  src=$(ls -S "$root"/inbox/ngo/services/*.csv | sed -n 1p)
  # date column 2, as YYYY-MM-DD or DD.MM.YYYY: the latest day, then its rows
  key='{ d = $2; k = (d ~ /^[0-9][0-9][.]/) ? substr(d, 7, 4) substr(d, 4, 2) substr(d, 1, 2) : d; gsub("-", "", k) }'
  day=$(awk -F'[;,]' "NR > 1 $key NR > 1 && k > m { m = k } END { print m }" "$src")
  { head -1 "$src"; awk -F'[;,]' -v day="$day" "NR > 1 $key NR > 1 && k == day" "$src"; } > "$root/inbox/ngo/services/one-day.csv"
  echo "one-day.csv: $(($(wc -l < "$root/inbox/ngo/services/one-day.csv") - 1)) services rows of $day from $(basename "$src")"
}

correct_one_person() {  # the largest persons CSV sent again with its first person's ETHOS category changed
  local src sep
  if [ ! -f "$persons_file" ]; then
    src=$(ls -S "$root"/inbox/mops/persons/*.csv | sed -n 1p)
    echo "$src" > "$persons_file"
    cp "$src" "$persons_backup"
  fi
  src=$(cat "$persons_file")
  sep=","; head -1 "$persons_backup" | grep -q ";" && sep=";"
  awk -F"$sep" -v OFS="$sep" '
    NR == 1 { for (i = 1; i <= NF; i++) { h = $i; gsub(/^\xef\xbb\xbf|["\r ]/, "", h); if (h == "ethos") c = i } }
    NR > 1 && !done && c && $c ~ /^[1-6]\r?$/ { cr = ($c ~ /\r$/) ? "\r" : ""; $c = (($c + 0) % 6 + 1) cr; done = NR; id = $1 }
    { print }
    END { if (!done) { print "no person row with an ETHOS category in " FILENAME > "/dev/stderr"; exit 1 } }' "$persons_backup" > "$src"
  echo "$(basename "$src"): sent again, $(cmp -l "$persons_backup" "$src" | wc -l) byte(s) changed (one person's ETHOS category), $(($(wc -l < "$src") - 1)) rows"
}

series() {  # label, binary, measures.yaml: the nights on a fresh store of the label's own
  local label=$1 d=$root/$1 cat=$3 catdir
  BIN=$2
  catdir=$(dirname "$cat")
  mkdir -p "$d"
  rm -rf "$d"/miara.sqlite* "$d/out" "$d/compute" "$d"/*.err
  {
    echo "inbox: $root/inbox"; echo "store: $d/miara.sqlite"; echo "outputs: $d/out"; echo "as_of: $AS_OF"
    echo "pseudonym_key_file: $root/key"; echo "measures: $cat"
    if [ -f "$catdir/standard.yaml" ]; then echo "standard: $catdir/standard.yaml"; else echo "standard: $PWD/Pipelines/standard.yaml"; fi
    if [ -d "$catdir/surveys" ]; then echo "surveys: $catdir/surveys"; else echo "surveys: $PWD/Pipelines/surveys"; fi
  } > "$d/pipeline.yaml"
  restore_inbox
  echo "== $label ($BIN): the first night, miara run on an empty store"
  night "$d" "$label" first "run (first night)"
  sqlite3 "$d/miara.sqlite" "PRAGMA wal_checkpoint(TRUNCATE);" > /dev/null
  F[$label:store]=$(stat -c %s "$d/miara.sqlite")
  printf "%-34s %.1f MB\n" "store after the first night" "$(awk -v b="${F[$label:store]}" 'BEGIN { print b / 1048576 }')"
  if [ "$label" = this ] && [ "${MIARA_SKIP_VERIFY:-}" != 1 ]; then
    timed "$d" "verify --measures" "$BIN" verify --measures --pipeline "$d/pipeline.yaml"
    tail -1 "$d/verify --measures.log"
  fi
  echo "== $label: a second night, nothing new"
  night "$d" "$label" nothing "run (nothing new)"
  echo "== $label: a night after one day of NGO files"
  one_new_day
  night "$d" "$label" day "run (one new day)"
  echo "== $label: a night after one person's record is corrected in a re-sent file"
  correct_one_person
  night "$d" "$label" person "run (one corrected person)"
  echo "== $label: the compute stage alone on the same store"
  timed "$d" "compute" "$BIN" compute --pipeline "$d/pipeline.yaml" --out "$d/compute"
  F[$label:computealone]=$WALL
  F[$label:computealone:peak]=$PEAK
  restore_inbox
}

series this "$MIARA" "$PWD/Pipelines/measures.yaml"
labels=(this)
if [ -n "${MIARA_PREVIOUS:-}" ] && [ -n "${MIARA_PREVIOUS_CATALOGUE:-}" ]; then
  series previous "$MIARA_PREVIOUS" "$MIARA_PREVIOUS_CATALOGUE"
  labels+=(previous)
fi

echo "== the readers ingest is compared with, on the same CSV files"
bench_import "$root"
bench_duckdb "$root"

echo
echo "== figures (issue 23), $size inbox, as of $AS_OF; ratios from this run"
row() {  # title, target text, key, unit: this release's figure, the previous release's, the ratio
  local title=$1 target=$2 key=$3 unit=$4 this prev ratio=""
  this=${F[this:$key]:-}
  prev=${F[previous:$key]:-}
  if [ -n "$prev" ] && [ -n "$this" ]; then ratio=$(awk -v a="$this" -v b="$prev" 'BEGIN { if (b > 0) printf "%.2fx", a / b }'); fi
  printf "%-40s %-10s %12s %12s %8s\n" "$title" "$target" "${this:+$this $unit}" "${prev:+$prev $unit}" "$ratio"
}
ratio_of() { awk -v a="$1" -v b="$2" 'BEGIN { if (a != "" && b != "" && b > 0) printf "%.2f", a / b }'; }
for l in "${labels[@]}"; do
  F[$l:storeMB]=$(awk -v b="${F[$l:store]}" 'BEGIN { printf "%.1f", b / 1048576 }')
  F[$l:import]=$(ratio_of "${F[$l:first:ingest]}" "$IMPORT_S")
  F[$l:duckdb]=$(ratio_of "${F[$l:first:ingest]}" "${DUCKDB_S:-}")
  F[$l:storeratio]=$(ratio_of "${F[$l:store]}" "$IMPORT_BYTES")
done
printf "%-40s %-10s %12s %12s %8s\n" "figure" "target" "this" "previous" "this/prev"
row "first night, end to end" "30 s" first s
row "  its processor time (user + system)" "" first:cpu s
row "  its ingest stage" "" first:ingest s
row "  its compute stage (the periods)" "8 s" first:compute s
row "  its report stage" "" first:report s
row "compute alone (miara compute)" "" computealone s
row "a night with nothing new" "" nothing s
row "a night with one new day of NGO files" "10 s" day s
row "  its processor time" "" day:cpu s
row "  its compute stage" "" day:compute s
row "a night with one corrected person" "10 s" person s
row "  its processor time" "" person:cpu s
row "  its compute stage" "" person:compute s
row "ingest stage / sqlite3 .import" "3x" import x
row "ingest stage / DuckDB read_csv" "4x" duckdb x
row "store / .import database" "2.5x" storeratio x
row "store after the first night" "" storeMB MB
row "peak memory, the first night" "500 MB" first:peak MB
row "peak memory, any night" "500 MB" peak MB

if [ "${#labels[@]}" -eq 2 ]; then
  same=0; differ=()
  this_folder=$root/this/out/latest; prev_folder=$root/previous/out/latest
  while IFS= read -r f; do
    if cmp -s "$this_folder/$f" "$prev_folder/$f"; then same=$((same + 1)); else differ+=("$f"); fi
  done < <(cd "$this_folder" && find . -type f ! -name manifest.json | sed 's#^\./##' | LC_ALL=C sort)
  only_prev=$(cd "$prev_folder" && find . -type f ! -name manifest.json | sed 's#^\./##' | while read -r f; do [ -e "$this_folder/$f" ] || echo "$f"; done | wc -l)
  echo "last run folders of the two releases (same inbox, same nights): $same files identical, ${#differ[@]} differ, $only_prev only in the previous release's"
  for f in "${differ[@]:0:10}"; do echo "  differs: $f"; done
fi
