"""The PyTorch side of the bench, one task per process:

    /usr/bin/python3 bench/torch_bench.py --task mlp --threads 1

Speaks the line protocol of bench/protocol.mjs: one JSON command per line on stdin, one answer
`@@BENCH {json}` per command on stdout. The step timed for training tasks is the usual loop:
gather a shuffled batch, zero_grad, forward, CrossEntropyLoss, backward, optimizer.step, loss.item().
Optimizers use PyTorch's defaults (on CPU that is the for-loop implementation) except the
optimizer-alone task, which asks for foreach=True.
"""
import argparse
import gzip
import json
import os
import resource
import sys
import time

import numpy as np
import torch
from torch import nn

MARK = "@@BENCH "
MLP_SAMPLES = 8192
OPT_SHAPES = {"1m": [(100, 1000)] * 10, "10m": [(1000, 1000)] * 10}


def max_rss_mib():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def reply(obj):
    sys.stdout.write(MARK + json.dumps(obj) + "\n")
    sys.stdout.flush()


def loss_falls(losses):
    k = max(1, min(3, len(losses) // 2))
    first = float(np.mean(losses[:k]))
    last = float(np.mean(losses[-k:]))
    return {"first": first, "last": last, "ok": bool(np.isfinite(last) and last < first)}


def read_mnist(directory, split, limit=None):
    with gzip.open(os.path.join(directory, f"{split}-images-idx3-ubyte.gz")) as f:
        images = np.frombuffer(f.read(), dtype=np.uint8, offset=16)
    with gzip.open(os.path.join(directory, f"{split}-labels-idx1-ubyte.gz")) as f:
        labels = np.frombuffer(f.read(), dtype=np.uint8, offset=8)
    x = torch.from_numpy(images.astype(np.float32) / 255).reshape(-1, 1, 28, 28)
    return x[:limit], torch.from_numpy(labels.astype(np.int64))[:limit]


def seed_cnn():
    return nn.Sequential(
        nn.Conv2d(1, 32, 3), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(32, 64, 3), nn.ReLU(), nn.MaxPool2d(2),
        nn.Flatten(), nn.Linear(1600, 10),
    )


class Runner:
    """Trains `model` block by block on shuffled batches of (x, y), timing every step."""

    def __init__(self, model, optimizer, x, y, batch_size, drop_last, scheduler=None):
        self.model, self.optimizer, self.scheduler = model, optimizer, scheduler
        self.x, self.y, self.batch_size, self.drop_last = x, y, batch_size, drop_last
        self.generator = torch.Generator().manual_seed(0)
        n = len(y)
        self.batches_per_epoch = n // batch_size if drop_last else -(-n // batch_size)
        self.order, self.k = None, self.batches_per_epoch
        self.loss = nn.CrossEntropyLoss()

    def next_indices(self):
        if self.k >= self.batches_per_epoch:
            self.order, self.k = torch.randperm(len(self.y), generator=self.generator), 0
        idx = self.order[self.k * self.batch_size:(self.k + 1) * self.batch_size]
        self.k += 1
        return idx

    def run(self, n):
        times, cpu, losses = [], [], []
        self.model.train()
        for _ in range(n):
            t, c = time.perf_counter(), time.process_time()
            idx = self.next_indices()
            xb, yb = self.x[idx], self.y[idx]
            self.optimizer.zero_grad()
            loss = self.loss(self.model(xb), yb)
            loss.backward()
            self.optimizer.step()
            if self.scheduler is not None:
                self.scheduler.step()
            losses.append(loss.item())
            times.append((time.perf_counter() - t) * 1000)
            cpu.append((time.process_time() - c) * 1000)
        return {"times": times, "cpu": cpu, "losses": losses}


def accuracy(model, x, y):
    model.eval()
    correct = 0
    with torch.no_grad():
        for i in range(0, len(y), 1000):
            correct += (model(x[i:i + 1000]).argmax(1) == y[i:i + 1000]).sum().item()
    return correct / len(y)


class OptimizerBench:
    """optimizer.step() alone on 10 tensors with fixed gradients (foreach=True)."""

    def __init__(self, kind, size, warm=3):
        g = torch.Generator().manual_seed(3)
        shapes = OPT_SHAPES[size]
        self.params = [nn.Parameter(torch.rand(s, generator=g) * 2 - 1) for s in shapes]
        for p in self.params:
            p.grad = torch.rand(p.shape, generator=g) * 2 - 1
        lr = 1e-3 if kind == "adam" else 1e-2
        if kind == "adam":
            self.optimizer = torch.optim.Adam(self.params, lr=lr, foreach=True)
        else:
            self.optimizer = torch.optim.SGD(self.params, lr=lr, momentum=0.9, foreach=True)
        before = self.params[0].detach()[0, 0].item()
        g0 = self.params[0].grad[0, 0].item()
        self.optimizer.step()
        first = self.params[0].detach()[0, 0].item()
        expected = before - (lr * np.sign(g0) if kind == "adam" else lr * g0)
        self.sanity = {"first": first, "expected": expected, "ok": bool(abs(first - expected) <= 1e-6 + 1e-3 * lr)}
        for _ in range(warm):
            self.optimizer.step()

    def run(self, n):
        times, cpu = [], []
        for _ in range(n):
            t, c = time.perf_counter(), time.process_time()
            self.optimizer.step()
            times.append((time.perf_counter() - t) * 1000)
            cpu.append((time.process_time() - c) * 1000)
        return {"times": times, "cpu": cpu}


def curve_readings(lrs, losses):
    """The two readings of bench/curve.mjs: η at the lowest smoothed loss, η of the steepest descent."""
    low = int(np.argmin(losses))
    steep = -1
    for i in range(10, len(losses) - 2):
        if steep < 0 or losses[i + 1] - losses[i] < losses[steep + 1] - losses[steep]:
            steep = i
    return {"points": len(losses), "lrAtMin": lrs[low], "lrSteepest": lrs[steep] if steep >= 0 else float("nan"),
            "first": losses[0], "min": losses[low]}


class RangeBench:
    """fastai's lr_find as a plain PyTorch loop: η from 1e-7 to 10 exponentially (both ends), the
    debiased EMA of the loss (β = 0.98), stop when it passes 4 × its best; seed CNN from a fixed
    initialisation, SGD momentum 0.9."""

    def __init__(self, x, y, batch_size, num_iter):
        self.x, self.y, self.batch_size, self.num_iter = x, y, batch_size, num_iter
        self.order = torch.randperm(len(y), generator=torch.Generator().manual_seed(0))
        torch.manual_seed(0)
        self.start = seed_cnn().state_dict()
        lrs, losses, stopped = self.once()
        self.readings = {**curve_readings(lrs, losses), "stopped": stopped}
        self.sanity = {"first": self.readings["first"], "last": self.readings["min"],
                       "ok": bool(self.readings["min"] < self.readings["first"])}

    def once(self):
        model = seed_cnn()
        model.load_state_dict(self.start)
        optimizer = torch.optim.SGD(model.parameters(), lr=1e-7, momentum=0.9)
        loss_fn = nn.CrossEntropyLoss()
        n, beta = self.num_iter, 0.98
        lrs = [1e-7 * (10 / 1e-7) ** (i / (n - 1)) for i in range(n)]
        avg, best, smoothed = 0.0, float("inf"), []
        for i, lr in enumerate(lrs):
            for group in optimizer.param_groups:
                group["lr"] = lr
            idx = self.order[i * self.batch_size:(i + 1) * self.batch_size]
            optimizer.zero_grad()
            loss = loss_fn(model(self.x[idx]), self.y[idx])
            loss.backward()
            optimizer.step()
            value = loss.item()
            avg = beta * avg + (1 - beta) * value
            smoothed.append(avg / (1 - beta ** (i + 1)))
            if not np.isfinite(value):
                return lrs[:i + 1], smoothed, "non_finite"
            if smoothed[-1] > 4 * best:
                return lrs[:i + 1], smoothed, "diverged"
            best = min(best, smoothed[-1])
        return lrs, smoothed, "end"

    def run(self, n):
        times, cpu = [], []
        for _ in range(n):
            t, c = time.perf_counter(), time.process_time()
            self.once()
            times.append((time.perf_counter() - t) * 1000)
            cpu.append((time.process_time() - c) * 1000)
        return {"times": times, "cpu": cpu}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--task", required=True, choices=["mlp", "cnn", "opt", "e2e", "range"])
    parser.add_argument("--threads", type=int, default=1)
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(0)
    rss_at_start = max_rss_mib()
    state = {}

    def setup(o):
        t0 = time.perf_counter()
        if args.task in ("mlp", "cnn"):
            if args.task == "mlp":
                x, y = read_mnist(o["mnistDir"], "train", MLP_SAMPLES)
                x = x.reshape(-1, 784)
                model = nn.Sequential(nn.Linear(784, 256), nn.ReLU(), nn.Linear(256, 10))
            else:
                x, y = read_mnist(o["mnistDir"], "train")
                model = seed_cnn()
            runner = Runner(model, torch.optim.Adam(model.parameters(), lr=1e-3), x, y, o["batchSize"], True)
            state["runner"] = runner
            warmup = runner.run(o["warmup"])
            return {"setupSeconds": time.perf_counter() - t0, "warmupTimes": warmup["times"],
                    "warmupLosses": warmup["losses"], "sanity": loss_falls(warmup["losses"])}
        if args.task == "range":
            x, y = read_mnist(o["mnistDir"], "train")
            bench = state["runner"] = RangeBench(x, y, o["batchSize"], o["numIter"])
            return {"setupSeconds": time.perf_counter() - t0, "sanity": bench.sanity, "readings": bench.readings}
        if args.task == "opt":
            state["runner"] = OptimizerBench(o["optimizer"], o["size"], o.get("warm", 3))
            return {"setupSeconds": time.perf_counter() - t0, "sanity": state["runner"].sanity}
        x, y = read_mnist(o["mnistDir"], "train", o.get("limit"))
        state["test"] = read_mnist(o["mnistDir"], "t10k")
        model = seed_cnn()
        if o["recipe"] == "adam":
            optimizer, scheduler = torch.optim.Adam(model.parameters(), lr=1e-3), None
        else:
            optimizer = torch.optim.SGD(model.parameters(), lr=o["maxLr"], momentum=0.9, nesterov=True)
            steps = o["epochs"] * -(-len(y) // o["batchSize"])
            scheduler = torch.optim.lr_scheduler.OneCycleLR(optimizer, max_lr=o["maxLr"], total_steps=steps)
        state["runner"] = Runner(model, optimizer, x, y, o["batchSize"], False, scheduler)
        return {"setupSeconds": time.perf_counter() - t0}

    def epoch(_):
        runner = state["runner"]
        out = runner.run(runner.batches_per_epoch)
        t = time.perf_counter()
        acc = accuracy(runner.model, *state["test"])
        return {"trainSeconds": sum(out["times"]) / 1000, "cpuSeconds": sum(out["cpu"]) / 1000, "evalSeconds": time.perf_counter() - t,
                "testAccuracy": acc, "meanLoss": float(np.mean(out["losses"]))}

    handlers = {"setup": setup, "run": lambda o: state["runner"].run(o["n"]), "epoch": epoch}
    for line in sys.stdin:
        if not line.strip():
            continue
        command = json.loads(line)
        if command["op"] == "exit":
            reply({"maxRssMiB": max_rss_mib(), "rssAtStartMiB": rss_at_start})
            break
        try:
            reply(handlers[command["op"]](command))
        except Exception as error:  # the harness reports it in the table
            reply({"error": f"{type(error).__name__}: {error}"})


if __name__ == "__main__":
    main()
