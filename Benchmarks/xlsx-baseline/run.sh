#!/usr/bin/env bash
# Times miara's XLSX writing against libxlsxwriter used directly from C, on the same cells:
# a long measures sheet of N rows × 12 columns (strings and numbers), constant-memory mode.
#
#   Benchmarks/xlsx-baseline/run.sh [ROWS]      (default 200000)
#
# Swift side: the hidden command `miara bench-xlsx --rows N --out FILE`
# (Workbooks.writeMeasuresSheet(benchmarkRows(N))).
# Prints wall time and peak RSS of each (GNU time) and the Swift ÷ C ratios.
set -euo pipefail
ROWS="${1:-200000}"
HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
SCRATCH="${SCRATCH:-$ROOT/.build}"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

echo "== building the C baseline"
cc -O2 -o "$WORK/baseline" "$HERE/baseline.c" -lxlsxwriter

echo "== building miara (release)"
cd "$ROOT"
# The hidden `miara bench-xlsx` command is the Swift side.
swift build -c release --product miara --scratch-path "$SCRATCH" >"$WORK/build.log" 2>&1 || { tail -30 "$WORK/build.log"; exit 1; }
BIN="$SCRATCH/release"

SWIFT_CMD=("$BIN/miara" bench-xlsx --rows "$ROWS" --out "$WORK/swift.xlsx")

measure() {   # label, command… → prints "seconds kb"
  local label="$1"; shift
  /usr/bin/time -f '%e %M' -o "$WORK/$label.time" "$@" >"$WORK/$label.out" 2>&1 || { cat "$WORK/$label.out"; exit 1; }
  cat "$WORK/$label.time" | tail -1
}

echo "== $ROWS rows × 12 columns"
# Warm the page cache and the shared libraries once, then time each.
"$WORK/baseline" 1000 "$WORK/warm.xlsx" >/dev/null
read -r C_S C_KB < <(measure c "$WORK/baseline" "$ROWS" "$WORK/c.xlsx")
read -r S_S S_KB < <(measure swift "${SWIFT_CMD[@]}")
[ -s "$WORK/swift.xlsx" ] || { echo "the Swift side wrote no file"; cat "$WORK/swift.out"; exit 1; }

# Same cells? Compare the worksheet XML of both files.
if command -v unzip >/dev/null; then
  if cmp -s <(unzip -p "$WORK/c.xlsx" xl/worksheets/sheet1.xml) <(unzip -p "$WORK/swift.xlsx" xl/worksheets/sheet1.xml); then
    SAME="identical worksheet XML"
  else
    SAME="worksheet XML DIFFERS"
  fi
else
  SAME="(unzip missing: not compared)"
fi

printf '%-8s %10s %12s\n' side seconds "peak RSS MB"
printf '%-8s %10s %12.1f\n' C "$C_S" "$(echo "$C_KB / 1024" | bc -l)"
printf '%-8s %10s %12.1f\n' Swift "$S_S" "$(echo "$S_KB / 1024" | bc -l)"
printf 'ratio Swift/C: time %.2f×, peak RSS %.2f× — %s (target: time within 1.3×)\n' \
  "$(echo "$S_S / $C_S" | bc -l)" "$(echo "$S_KB / $C_KB" | bc -l)" "$SAME"
