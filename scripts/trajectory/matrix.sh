#!/bin/sh
# Every trajectory comparison of docs/parity.md — four recipes × {cnn, mlp} × {no weight decay, 1e-2} — and their table.
#   npm run build && scripts/trajectory/matrix.sh [--steps 200]
# Extra arguments go to each export.mjs run. Each run's comparison is kept as JSON in a temporary folder, removed afterwards.
set -e
here=$(dirname "$0")
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
for model in cnn mlp; do
  for case in sgd-onecycle adam adamw-onecycle rmsprop; do
    for wd in 0 0.01; do
      name="$model-$case-$wd"
      node "$here/export.mjs" --case "$case" --model "$model" --weight-decay "$wd" "$@" --out "$dir/$name" > /dev/null
      /usr/bin/python3 "$here/replay.py" "$dir/$name" --every 1000000 --json "$dir/$name.json" > "$dir/$name.log"
      head -n 1 "$dir/$name.log" > "$dir/blas"
      tail -n 1 "$dir/$name.log" | sed "s/^/$name: /" >&2
    done
  done
done
cat "$dir/blas"
/usr/bin/python3 "$here/table.py" "$dir"/*.json
