"""PyTorch's half of the trajectory comparison (docs/parity.md).

    /usr/bin/python3 scripts/trajectory/replay.py /tmp/traj [--every 25]

Reads what scripts/trajectory/export.mjs wrote — the recipe, lrkit's initial weights, the batch
order and lrkit's per-step log — and replays exactly that in PyTorch float32 twice: once as is
(the reference) and once with every gradient element multiplied by (1 + r·u), u = ±1 drawn per
element and step, to measure how far float32 noise alone carries a trajectory. r is measured:
r = ‖g_lrkit − g_torch‖ / ‖g_torch‖ for the two float32 gradients at the initial weights on the
first batch (grads.bin), so the perturbation is as large as the two implementations' rounding.
Images are read from the IDX files as a PyTorch user would (uint8 / 255, float32). Per step it
logs what lrkit logs: η and momentum/β₁ in force (read from the param group before
`optimizer.step()`), the loss, the global gradient 2-norm and each parameter's 2-norm after the
step.

For each column, with d(a, b) = |a − b| / |b|, lrkit parts from PyTorch at the first step t where

    d(lrkit, T)[t] > 10 · max_{s ≤ t} d(T′, T)[s] + 1e-4        (T′: the perturbed replay),

i.e. where lrkit is ten times further from PyTorch than float32 noise has carried PyTorch from
itself by then. The 1e-4 covers what a uniform perturbation does not: float32 sums over ~10⁵
terms taken in another order, and Adam's per-element normalisation, which turns the rounding of
near-zero gradient elements into whole-step differences (constant Adam, whose updates match
PyTorch's fixtures, is 2.5e-5 away from PyTorch in its gradient norm at step 2 on the seed CNN). Beside each column's largest difference from PyTorch
the table gives its "noise max", the largest d(T′, T): how far float32 noise alone moved PyTorch
over the same steps. The schedule's columns (η, β₁) are host float64 on both sides and compared
directly at 1e-9.
"""
import argparse
import gzip
import json
import os
import re

import numpy as np
import torch
from torch import nn

DATA = os.environ.get("LRKIT_DATA_DIR", os.path.join(os.path.dirname(__file__), "..", "..", "..", "shared", "datasets"))


def blas_info():
    found = re.search(r"BLAS_INFO=(\w+)", torch.__config__.show())
    link = "/etc/alternatives/libblas.so.3-x86_64-linux-gnu"
    library = os.path.realpath(link) if os.path.exists(link) else "?"
    return f"torch {torch.__version__}, BLAS_INFO={found.group(1) if found else '?'} ({library}), {torch.get_num_threads()} thread(s)"


def read_images(dataset, limit):
    directory = os.path.join(DATA, dataset)
    with gzip.open(os.path.join(directory, "train-images-idx3-ubyte.gz")) as f:
        images = np.frombuffer(f.read(), dtype=np.uint8, offset=16)[: limit * 784]
    with gzip.open(os.path.join(directory, "train-labels-idx1-ubyte.gz")) as f:
        labels = np.frombuffer(f.read(), dtype=np.uint8, offset=8)[:limit]
    x = torch.from_numpy(images.astype(np.float32) / 255).reshape(-1, 1, 28, 28)
    return x, torch.from_numpy(labels.astype(np.int64))


def build_model(spec):
    if spec["preset"] == "cnn":
        return nn.Sequential(
            nn.Conv2d(1, 32, 3), nn.ReLU(), nn.MaxPool2d(2),
            nn.Conv2d(32, 64, 3), nn.ReLU(), nn.MaxPool2d(2),
            nn.Flatten(), nn.Linear(1600, 10),
        )
    layers, width = [nn.Flatten()], 784
    for h in spec["hidden"]:
        layers += [nn.Linear(width, h), nn.ReLU()]
        width = h
    return nn.Sequential(*layers, nn.Linear(width, 10))


def load_weights(model, run, weights):
    offset = 0
    state = {}
    for p in run["params"]:
        size = int(np.prod(p["shape"]))
        state[p["name"]] = torch.from_numpy(weights[offset: offset + size].copy()).reshape(p["shape"])
        offset += size
    model.load_state_dict(state)


def first_gradient_difference(run, weights, grads, order, x, y):
    """‖g_lrkit − g_torch‖ / ‖g_torch‖ at the initial weights on the first batch."""
    model = build_model(run["model"])
    load_weights(model, run, weights)
    idx = torch.from_numpy(order[: run["batch_size"]].astype(np.int64))
    nn.CrossEntropyLoss()(model(x[idx]), y[idx]).backward()
    ours = np.concatenate([p.grad.numpy().ravel() for p in model.parameters()]).astype(np.float64)
    return float(np.linalg.norm(grads.astype(np.float64) - ours) / np.linalg.norm(ours))


def momentum_of(group):
    return group["betas"][0] if "betas" in group else group.get("momentum")


def replay(run, weights, order, x, y, perturb=0.0):
    noise = torch.Generator().manual_seed(0)
    model = build_model(run["model"])
    load_weights(model, run, weights)
    spec = dict(run["optimizer"])
    optimizer = getattr(torch.optim, spec.pop("type"))(model.parameters(), **spec)
    scheduler = None
    if run["scheduler"]:
        sched = dict(run["scheduler"])
        scheduler = getattr(torch.optim.lr_scheduler, sched.pop("type"))(optimizer, **sched)
    loss_fn = nn.CrossEntropyLoss()
    b = run["batch_size"]
    log = {"lr": [], "momentum": [], "loss": [], "grad_norm": [], "param_norms": []}
    for k in range(0, len(order), b):
        idx = torch.from_numpy(order[k: k + b].astype(np.int64))
        group = optimizer.param_groups[0]
        log["lr"].append(group["lr"])
        log["momentum"].append(momentum_of(group) if scheduler is not None and getattr(scheduler, "cycle_momentum", False) else None)
        optimizer.zero_grad()
        loss = loss_fn(model(x[idx]), y[idx])
        loss.backward()
        if perturb:
            for p in model.parameters():
                sign = torch.randint(0, 2, p.grad.shape, generator=noise) * 2 - 1
                p.grad.mul_(1 + sign * perturb)
        log["grad_norm"].append(torch.sqrt(sum((p.grad.double() ** 2).sum() for p in model.parameters())).item())
        log["loss"].append(loss.item())
        optimizer.step()
        if scheduler is not None:
            scheduler.step()
        log["param_norms"].append([p.detach().double().norm().item() for p in model.parameters()])
    return log


def columns(run, log):
    names = [p["name"] for p in run["params"]]
    out = {"lr": np.array(log["lr"], dtype=float), "loss": np.array(log["loss"]), "grad_norm": np.array(log["grad_norm"])}
    if log["momentum"][0] is not None:
        out["momentum"] = np.array(log["momentum"], dtype=float)
    norms = np.array(log["param_norms"])
    for i, name in enumerate(names):
        out[f"|{name}|"] = norms[:, i]
    return out


def compare(lrkit, torch_log, perturbed):
    rows = []
    for name in torch_log:
        a, r = lrkit[name], torch_log[name]
        err = np.abs(a - r) / np.maximum(np.abs(r), 1e-300)
        if name in ("lr", "momentum"):
            bound = np.full_like(err, 1e-9)
        else:
            bound = 10 * np.maximum.accumulate(np.abs(perturbed[name] - r) / np.abs(r)) + 1e-4
        parted = np.nonzero(err > bound)[0]
        worst = int(np.argmax(err))
        rows.append({
            "column": name,
            "first": int(parted[0]) if len(parted) else None,
            "err_at_first": float(err[parted[0]]) if len(parted) else None,
            "noise_at_first": float(bound[parted[0]]) if len(parted) else None,
            "max_rel": float(err[worst]),
            "max_at": worst,
            "noise_max": float(np.max(np.abs(perturbed[name] - r) / np.maximum(np.abs(r), 1e-300))),
        })
    return rows


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("dir")
    parser.add_argument("--every", type=int, default=25, help="print every k-th step of the side-by-side log")
    parser.add_argument("--json", help="also write the comparison here")
    args = parser.parse_args()
    torch.set_num_threads(1)
    with open(os.path.join(args.dir, "run.json")) as f:
        run = json.load(f)
    weights = np.fromfile(os.path.join(args.dir, "weights.bin"), dtype="<f4")
    order = np.fromfile(os.path.join(args.dir, "order.bin"), dtype="<i4")
    grads = np.fromfile(os.path.join(args.dir, "grads.bin"), dtype="<f4")
    x, y = read_images(run["dataset"], run["samples"])
    print(blas_info())
    print(f"case {run['case']}: model {json.dumps(run['model'])}, optimizer {json.dumps(run['optimizer'])}, scheduler {json.dumps(run['scheduler'])}, "
          f"{len(run['log']['loss'])} steps of {run['batch_size']}")
    r0 = first_gradient_difference(run, weights, grads, order, x, y)
    print(f"step-0 gradients: ‖g_lrkit − g_torch‖ / ‖g_torch‖ = {r0:.2e} (the noise replay's perturbation)")
    lrkit = columns(run, run["log"])
    t32 = columns(run, replay(run, weights, order, x, y))
    perturbed = columns(run, replay(run, weights, order, x, y, perturb=r0))

    shown = ["lr", "momentum", "loss", "grad_norm"]
    total = lambda c: np.sqrt(sum(v ** 2 for k, v in c.items() if k.startswith("|")))
    header = f"{'step':>5} " + " ".join(f"{c + ' lrkit':>14} {c + ' torch':>14}" for c in shown if c in t32) + f" {'|θ| lrkit':>12} {'|θ| torch':>12}"
    print(header)
    steps = len(t32["loss"])
    for t in sorted(set(range(0, steps, args.every)) | {steps - 1}):
        cells = " ".join(f"{lrkit[c][t]:14.7g} {t32[c][t]:14.7g}" for c in shown if c in t32)
        print(f"{t:5d} {cells} {total(lrkit)[t]:12.7g} {total(t32)[t]:12.7g}")

    rows = compare(lrkit, t32, perturbed)
    print()
    print(f"{'column':<14} {'first step parted':>18} {'lrkit diff there':>17} {'noise bound':>12} {'max rel diff':>13} {'':>10} {'noise max':>10}")
    for r in rows:
        first = "—" if r["first"] is None else str(r["first"])
        err = "" if r["err_at_first"] is None else f"{r['err_at_first']:.2e}"
        bound = "" if r["noise_at_first"] is None else f"{r['noise_at_first']:.2e}"
        print(f"{r['column']:<14} {first:>18} {err:>17} {bound:>12} {r['max_rel']:>13.2e} {'(step ' + str(r['max_at']) + ')':>10} {r['noise_max']:>10.2e}")
    parted = [r["first"] for r in rows if r["first"] is not None]
    worst = lambda prefix: max((r for r in rows if r["column"].startswith(prefix)), key=lambda r: r["max_rel"])
    print(f"\nfirst step parted beyond float32 noise: {min(parted) if parted else 'none'} of {steps}; "
          f"max rel diff (noise max): loss {worst('loss')['max_rel']:.1e} ({worst('loss')['noise_max']:.1e}), "
          f"grad norm {worst('grad_norm')['max_rel']:.1e} ({worst('grad_norm')['noise_max']:.1e}), "
          f"parameter norm {worst('|')['max_rel']:.1e} ({worst('|')['noise_max']:.1e}, {worst('|')['column']})")
    if args.json:
        with open(args.json, "w") as f:
            json.dump({"case": run["case"], "model": run["model"], "optimizer": run["optimizer"], "steps": steps, "step0_gradient_diff": r0, "rows": rows}, f)


if __name__ == "__main__":
    main()
