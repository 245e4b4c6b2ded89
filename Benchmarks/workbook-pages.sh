#!/usr/bin/env bash
# Printed pages of the demo's workbooks (a command that prints figures, not a timed test).
#
# Runs the demo at the fixed as-of 2026-11-30 into Outputs/bench/pages, converts every workbook
# and template kind to PDF with LibreOffice headless (as a user printing them would) and prints
# the page counts: every municipal workbook (the largest must print to at most 60 pages), its
# Summary (one page), the ministry workbook, the benchmark workbook, the largest provider
# scorecard, and the template of every dataset (ngo/costs and ngo/services with a reporting
# month, ngo/stays also for the largest provider of the demo, with its own ids). Exits 1 when the
# largest municipal workbook needs more than 60 pages, the Summary more than one or a template
# more than 3 (its data sheet one page, the instructions at most two).
# Usage: Benchmarks/workbook-pages.sh
set -euo pipefail
cd "$(dirname "$0")/.."
command -v soffice >/dev/null || { echo "LibreOffice (soffice) is not installed"; exit 2; }
command -v pdfinfo >/dev/null || { echo "pdfinfo (poppler-utils) is not installed"; exit 2; }
if [ -z "${MIARA:-}" ]; then
  swift build --product miara >/dev/null
  MIARA=$PWD/.build/debug/miara
fi
dir=$PWD/Outputs/bench/pages
rm -rf "$dir" && mkdir -p "$dir/Pipelines"
cp -r Pipelines/. "$dir/Pipelines/"
sed -e 's#^as_of: .*#as_of: 2026-11-30#' -e 's#\.\./Outputs/demo#../out#' Pipelines/demo.yaml > "$dir/Pipelines/demo.yaml"
"$MIARA" demo --pipeline "$dir/Pipelines/demo.yaml" > "$dir/demo.log" 2>&1 || { tail -5 "$dir/demo.log"; exit 1; }
run=$(cd "$dir/out/latest" && pwd -P)
pdf=$dir/pdf
mkdir -p "$pdf"
profile="-env:UserInstallation=file://$dir/profile"
pages() { pdfinfo "$1" | sed -n 's/^Pages: *//p'; }
largest=0; largest_name=
for f in "$run"/gmina-*.xlsx; do
  soffice --headless "$profile" --convert-to pdf --outdir "$pdf" "$f" >/dev/null 2>&1
  n=$(pages "$pdf/$(basename "${f%.xlsx}").pdf")
  echo "$(basename "$f"): $n pages"
  if [ "$n" -gt "$largest" ]; then largest=$n; largest_name=$(basename "$f"); fi
done
biggest_provider=$(ls -S "$run"/podmiot-*.xlsx | head -1)
for f in "$run/ministerstwo.xlsx" "$run/benchmark.xlsx" "$biggest_provider"; do
  soffice --headless "$profile" --convert-to pdf --outdir "$pdf" "$f" >/dev/null 2>&1
  echo "$(basename "$f"): $(pages "$pdf/$(basename "${f%.xlsx}").pdf") pages"
done
# The Summary's pages: those before the page where the next sheet (Ekonomiczne) starts.
summary_pages=
for ((i = 1; i <= largest; i++)); do
  text=$(pdftotext -f "$i" -l "$i" "$pdf/${largest_name%.xlsx}.pdf" -)
  if grep -q '^Ekonomiczne — ' <<< "$text"; then summary_pages=$((i - 1)); break; fi
done
echo "largest municipal workbook: $largest_name, $largest pages (limit 60); Summary: ${summary_pages:-?} page(s)"
[ "$largest" -le 60 ] || { echo "FAIL: more than 60 pages"; exit 1; }
[ "${summary_pages:-99}" -le 1 ] || { echo "FAIL: the Summary needs more than one page"; exit 1; }

# Templates: every dataset (the month for the two monthly ones), and one provider's own.
tpl=$dir/templates
mkdir -p "$tpl"
datasets="mops/municipalities mops/persons mops/benefits mops/programmes mops/staff
  ngo/providers ngo/facilities ngo/contracts ngo/stays ngo/services ngo/costs ngo/audits"
provider=$(basename "$biggest_provider" .xlsx | sed -n 's/.*-\(REGON\|KRS\|NIP\)-\([0-9]*\)$/\1:\2/p')
worst=0
for d in $datasets; do
  name=${d/\//-}
  month=(); case $d in ngo/costs|ngo/services) month=(--month 2026-03);; esac
  "$MIARA" template --pipeline "$dir/Pipelines/demo.yaml" --dataset "$d" "${month[@]}" --out "$tpl/$name.xlsx" >/dev/null
  files=("$tpl/$name.xlsx")
  if [ "$d" = ngo/stays ] && [ -n "$provider" ]; then
    "$MIARA" template --pipeline "$dir/Pipelines/demo.yaml" --dataset "$d" --provider "$provider" --out "$tpl/$name-provider.xlsx" >/dev/null
    files+=("$tpl/$name-provider.xlsx")
  fi
  for f in "${files[@]}"; do
    soffice --headless "$profile" --convert-to pdf --outdir "$pdf" "$f" >/dev/null 2>&1
    n=$(pages "$pdf/$(basename "${f%.xlsx}").pdf")
    echo "template $(basename "$f"): $n pages"
    if [ "$n" -gt "$worst" ]; then worst=$n; fi
  done
done
echo "largest template: $worst pages (limit 3)"
[ "$worst" -le 3 ] || { echo "FAIL: a template needs more than 3 pages"; exit 1; }
