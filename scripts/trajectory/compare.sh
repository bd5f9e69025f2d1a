#!/bin/sh
# One trajectory comparison: lrkit trains and exports, PyTorch replays and compares (docs/parity.md).
#   npm run build && scripts/trajectory/compare.sh --case adamw-onecycle --model cnn --steps 200 --weight-decay 0.01
# The arguments go to export.mjs; the run's files go to a fresh temporary folder, removed afterwards.
set -e
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
node "$(dirname "$0")/export.mjs" "$@" --out "$dir"
/usr/bin/python3 "$(dirname "$0")/replay.py" "$dir" --every 50
