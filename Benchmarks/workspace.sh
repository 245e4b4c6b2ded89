# Sourced by the benchmarks: one definition of a benchmark folder.
# bench_workspace DIR SIZE — generates the SIZE inbox (seed 1, as-of $AS_OF) into DIR/inbox when it
# is missing, makes a private pseudonym key DIR/key once, and writes DIR/pipeline.yaml (store
# miara.sqlite, outputs out, this checkout's catalogues). Needs $MIARA and $AS_OF.
bench_workspace() {
  local dir=$1 size=$2
  mkdir -p "$dir"
  if [ ! -d "$dir/inbox" ]; then
    echo "== generating the $size inbox"
    /usr/bin/time -f "generate: %e s, peak %M KB" "$MIARA" generate --scale "$size" --seed 1 --out "$dir/inbox" --as-of "$AS_OF" | tail -1
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
}
