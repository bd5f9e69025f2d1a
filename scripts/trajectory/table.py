"""The table of docs/parity.md from replay.py's --json files, one row per comparison.

    /usr/bin/python3 scripts/trajectory/table.py /tmp/traj/*.json

Per comparison: the first step at which any column parted from PyTorch beyond float32 noise (and
which column), and for the loss, the gradient norm and the parameter norms the largest relative
difference from PyTorch beside the largest that float32 noise alone produced ("noise max").
"""
import json
import sys


def worst(rows, prefix):
    return max((r for r in rows if r["column"].startswith(prefix)), key=lambda r: r["max_rel"])


def row(result):
    rows = result["rows"]
    parted = sorted((r["first"], r["column"]) for r in rows if r["first"] is not None)
    first = f"{parted[0][0]} ({parted[0][1]})" if parted else "none"
    cells = [f"{worst(rows, p)['max_rel']:.1e} ({worst(rows, p)['noise_max']:.1e})" for p in ("loss", "grad_norm", "|")]
    schedule = max(r["max_rel"] for r in rows if r["column"] in ("lr", "momentum"))
    return [result["model"]["preset"], result["optimizer"]["type"] + (" + OneCycleLR" if result["case"].endswith("onecycle") else ""),
            f"{result['optimizer'].get('weight_decay', 0):g}", f"{result['step0_gradient_diff']:.1e}", f"{schedule:.0e}", first, *cells]


def main():
    header = ["model", "recipe", "weight decay", "step-0 ‖Δg‖/‖g‖", "η, β₁ max diff", "first parted (column)",
              "loss max diff (noise)", "grad norm max diff (noise)", "param norm max diff (noise)"]
    results = [json.load(open(path)) for path in sys.argv[1:]]
    print("| " + " | ".join(header) + " |")
    print("|" + "---|" * len(header))
    for result in sorted(results, key=lambda r: (r["model"]["preset"], r["case"], r["optimizer"].get("weight_decay", 0))):
        print("| " + " | ".join(row(result)) + " |")


if __name__ == "__main__":
    main()
