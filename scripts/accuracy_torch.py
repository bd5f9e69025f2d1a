"""PyTorch's side of the CNN recipes in bench/ACCURACY.md (scripts/accuracy.mjs), over several seeds.

    /usr/bin/python3 scripts/accuracy_torch.py [--recipe NAME[,NAME]] [--seeds 0,1,2]

Trains the seed CNN as a PyTorch user would (pixels / 255, per-channel standardisation fitted on
the training set where the recipe says `standardize: true`, default initialisation,
`torch.manual_seed(seed)`, a shuffled DataLoader-style batch order without dropping the last
batch, CrossEntropyLoss, the scheduler stepped after every batch) on the whole training set, and
prints the test accuracy after each epoch, then each recipe's mean over the seeds.
"""
import argparse
import gzip
import io
import os
import re
import tarfile
import time

import numpy as np
import torch
from torch import nn

DATA = os.environ.get("LRKIT_DATA_DIR", os.path.join(os.path.dirname(__file__), "..", "..", "shared", "datasets"))

SGD_ONECYCLE = {
    "optimizer": lambda params: torch.optim.SGD(params, lr=0.1, momentum=0.9, nesterov=True, weight_decay=5e-4),
    "scheduler": lambda opt, total: torch.optim.lr_scheduler.OneCycleLR(opt, max_lr=0.1, total_steps=total),
}
ADAM = {"optimizer": lambda params: torch.optim.Adam(params, lr=1e-3), "scheduler": None}

RECIPES = {
    "mnist-cnn-adam": {"dataset": "mnist", "epochs": 2, "batch_size": 64, **ADAM},
    "mnist-cnn-onecycle": {"dataset": "mnist", "epochs": 2, "batch_size": 64, **SGD_ONECYCLE},
    "fashion-mnist-cnn": {"dataset": "fashion-mnist", "epochs": 3, "batch_size": 64, "standardize": True, **SGD_ONECYCLE},
    "fashion-mnist-cnn-adamw-onecycle": {
        "dataset": "fashion-mnist", "epochs": 1, "batch_size": 128,
        "optimizer": lambda params: torch.optim.AdamW(params, lr=1e-3, weight_decay=1e-2),
        "scheduler": lambda opt, total: torch.optim.lr_scheduler.OneCycleLR(opt, max_lr=1e-2, total_steps=total),
    },
    "cifar10-cnn": {"dataset": "cifar10", "epochs": 2, "batch_size": 64, "standardize": True, **ADAM},
}


def read_idx(dataset, split):
    directory = os.path.join(DATA, dataset)
    with gzip.open(os.path.join(directory, f"{split}-images-idx3-ubyte.gz")) as f:
        images = np.frombuffer(f.read(), dtype=np.uint8, offset=16)
    with gzip.open(os.path.join(directory, f"{split}-labels-idx1-ubyte.gz")) as f:
        labels = np.frombuffer(f.read(), dtype=np.uint8, offset=8)
    return torch.from_numpy(images.astype(np.float32) / 255).reshape(-1, 1, 28, 28), torch.from_numpy(labels.astype(np.int64))


def read_cifar10():
    """Both splits of the JPEG image folder, classes in sorted order (torchvision's ImageFolder), pixels / 255, [N, 3, 32, 32]."""
    from PIL import Image
    images = {"train": [], "test": []}
    labels = {"train": [], "test": []}
    with tarfile.open(os.path.join(DATA, "cifar10", "cifar10-jpeg.tar.gz")) as archive:
        members = sorted((m for m in archive.getmembers() if m.isfile() and m.name.endswith(".jpg")), key=lambda m: m.name)
        classes = sorted({m.name.split("/")[-2] for m in members})
        for m in members:
            split, name = m.name.split("/")[-3:-1]
            images[split].append(np.asarray(Image.open(io.BytesIO(archive.extractfile(m).read())).convert("RGB")))
            labels[split].append(classes.index(name))

    def tensors(split):
        x = torch.from_numpy(np.stack(images[split]).astype(np.float32) / 255).permute(0, 3, 1, 2).contiguous()
        return x, torch.tensor(labels[split])

    return tensors("train"), tensors("test")


def read_data(recipe):
    """(train, test) as (x, y) tensors; with `standardize`, x ↦ (x − μ_c) / σ_c with each channel's μ, σ over the training pixels (population σ)."""
    data = read_cifar10() if recipe["dataset"] == "cifar10" else (read_idx(recipe["dataset"], "train"), read_idx(recipe["dataset"], "t10k"))
    if not recipe.get("standardize"):
        return data
    (x, y), (xt, yt) = data
    mean = x.double().mean(dim=(0, 2, 3), keepdim=True)
    std = x.double().std(dim=(0, 2, 3), keepdim=True, unbiased=False)
    return (((x - mean) / std).float(), y), (((xt - mean) / std).float(), yt)


def seed_cnn(channels, side):
    pooled = ((side - 2) // 2 - 2) // 2
    return nn.Sequential(
        nn.Conv2d(channels, 32, 3), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(32, 64, 3), nn.ReLU(), nn.MaxPool2d(2),
        nn.Flatten(), nn.Linear(64 * pooled * pooled, 10),
    )


def accuracy(model, x, y):
    model.eval()
    with torch.no_grad():
        correct = sum((model(x[k:k + 1000]).argmax(1) == y[k:k + 1000]).sum().item() for k in range(0, len(y), 1000))
    model.train()
    return correct / len(y)


def train(recipe, seed, data):
    (x, y), (xt, yt) = data
    torch.manual_seed(seed)
    model = seed_cnn(x.shape[1], x.shape[2])
    optimizer = recipe["optimizer"](model.parameters())
    b = recipe["batch_size"]
    steps = -(-len(y) // b)
    scheduler = recipe["scheduler"] and recipe["scheduler"](optimizer, recipe["epochs"] * steps)
    loss_fn = nn.CrossEntropyLoss()
    out = []
    for _ in range(recipe["epochs"]):
        order = torch.randperm(len(y))
        for k in range(0, len(y), b):
            idx = order[k:k + b]
            optimizer.zero_grad()
            loss_fn(model(x[idx]), y[idx]).backward()
            optimizer.step()
            if scheduler:
                scheduler.step()
        out.append(accuracy(model, xt, yt))
    return out


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--recipe", default=",".join(RECIPES), help=f"comma-separated, of: {', '.join(RECIPES)}")
    parser.add_argument("--seeds", default="0,1,2")
    args = parser.parse_args()
    torch.set_num_threads(1)
    found = re.search(r"BLAS_INFO=(\w+)", torch.__config__.show())
    link = "/etc/alternatives/libblas.so.3-x86_64-linux-gnu"
    library = os.path.realpath(link) if os.path.exists(link) else "?"
    print(f"torch {torch.__version__}, BLAS_INFO={found.group(1) if found else '?'} ({library}), {torch.get_num_threads()} thread(s)")
    for name in args.recipe.split(","):
        recipe = RECIPES[name]
        data = read_data(recipe)
        finals = []
        for seed in [int(s) for s in args.seeds.split(",")]:
            started = time.time()
            per_epoch = train(recipe, seed, data)
            finals.append(per_epoch[-1])
            print(f"{name} seed {seed}: test accuracy by epoch {' '.join(f'{a:.4f}' for a in per_epoch)} ({time.time() - started:.0f} s)", flush=True)
        print(f"{name}: mean over {len(finals)} seeds {np.mean(finals):.4f} (min {min(finals):.4f}, max {max(finals):.4f})", flush=True)


if __name__ == "__main__":
    main()
