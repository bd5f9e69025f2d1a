import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { ConfigError } from "../../errors.js";
import { openStore, StoreError } from "../../store/index.js";
import { runsCommand } from "./runs.js";

let dir: string;
let path: string;
let sgd: string;
let adam: string;
let found: string;
let sweepId: string;
let trial: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "lrkit-runs-cli-"));
  path = join(dir, "runs.db");
  const store = openStore(path);
  sgd = store.createRun({ name: "sgd", kind: "train", config: { optimizer: { type: "SGD", lr: 0.1 }, epochs: 2, seed: 0 } });
  store.logSteps(sgd, [
    { step: 0, epoch: 0, lr: 0.1, loss: 2, gradNorm: 1.5 },
    { step: 1, epoch: 1, lr: 0.05, loss: 1 },
  ]);
  store.logEpoch(sgd, { epoch: 0, step: 1, lr: 0.1, trainLoss: 2, val: { loss: 1.8, accuracy: 0.5 }, seconds: 0.25 });
  store.logEpoch(sgd, { epoch: 1, step: 2, lr: 0.05, trainLoss: 1, val: { loss: 1.2, accuracy: 0.75 }, seconds: 0.25 });
  store.finishRun(sgd, { status: "completed", metrics: { accuracy: 0.75 } });
  store.logSharpness(sgd, [
    { step: 0, sharpness: 12.5, threshold: 20 },
    { step: 1, sharpness: NaN, threshold: 40, preconditioned: 150, preconditionedThreshold: 380 },
  ]);
  adam = store.createRun({ name: "adam", kind: "train", config: { optimizer: { type: "Adam", lr: 0.001 }, epochs: 2, seed: 0 } });
  store.logSteps(adam, [{ step: 0, epoch: 0, lr: 0.001, loss: NaN, gradNorm: Infinity }]);
  store.finishRun(adam, { status: "diverged", error: "loss is NaN at step 0", metrics: { loss: NaN } });
  found = store.createRun({ kind: "find", config: { start_lr: 1e-7, end_lr: 10 } });
  store.finishRun(found, { status: "completed", summary: { lrs: [1e-7, 1e-4, 0.1, 4.751], losses: [2.3, 2.2, 1.1, 9] } });
  sweepId = store.createSweep({ name: "grid", config: {} });
  trial = store.createRun({ kind: "sweep-trial", config: { lr: 0.3 }, sweepId, trialKey: "lr=0.3" });
  store.logSteps(trial, [{ step: 0, epoch: 0, lr: 0.3, loss: 0.5 }]);
  store.close();
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs `lrkit runs ARGS…` through the Command object and returns what it printed. */
async function runs(...args: string[]): Promise<string> {
  let out = "";
  const spy = vi.spyOn(process.stdout, "write").mockImplementation((chunk: string | Uint8Array) => {
    out += String(chunk);
    return true;
  });
  try {
    await runsCommand().parseAsync([...args, "--store", path], { from: "user" });
  } finally {
    spy.mockRestore();
  }
  return out;
}

function cells(line: string | undefined): string[] {
  return (line ?? "").trim().split(/\s{2,}/);
}

describe("lrkit runs", () => {
  it("lists runs newest first with kind, status, epochs, steps, best validation values and lr", async () => {
    const lines = (await runs()).trimEnd().split("\n");
    expect(cells(lines[0])).toEqual(["id", "name", "kind", "status", "created", "epochs", "steps", "best val", "lr"]);
    expect(lines.slice(1).map((l) => l.split(" ")[0])).toEqual([trial, found, adam, sgd]);
    const sgdCells = cells(lines[4]);
    expect(sgdCells.slice(0, 4)).toEqual([sgd, "sgd", "train", "completed"]);
    expect(sgdCells.slice(5)).toEqual(["2", "2", "loss=1.2 accuracy=0.75", "0.1"]);
    expect(cells(lines[3]).slice(5)).toEqual(["0", "1", "0.001"]);
    expect(cells(lines[2])).toEqual([found, "find", "completed", expect.any(String), "0", "4", "1e-7…4.751"]);
  });

  it("filters by status and prints JSON", async () => {
    const list = JSON.parse(await runs("--status", "diverged", "--json"));
    expect(list.map((r: { id: string }) => r.id)).toEqual([adam]);
    expect(list[0]).toMatchObject({ error: "loss is NaN at step 0", stepCount: 1 });
    expect(JSON.parse(await runs("--sweep", sweepId, "--json")).map((r: { id: string }) => r.id)).toEqual([trial]);
    expect(JSON.parse(await runs("--limit", "1", "--json")).map((r: { id: string }) => r.id)).toEqual([trial]);
    await expect(runs("--limit", "0")).rejects.toThrow(ConfigError);
  });

  it("prints an empty list for a store that does not exist yet", async () => {
    let out = "";
    const spy = vi.spyOn(process.stdout, "write").mockImplementation((chunk: string | Uint8Array) => {
      out += String(chunk);
      return true;
    });
    try {
      await runsCommand().parseAsync(["--store", join(dir, "none.db")], { from: "user" });
    } finally {
      spy.mockRestore();
    }
    expect(out).toBe(`no runs yet: ${join(dir, "none.db")} does not exist\n`);
  });
});

describe("lrkit runs show", () => {
  it("shows a run's fields, config, metrics and epochs, by id prefix", async () => {
    const text = await runs("show", sgd.slice(0, 12));
    expect(text).toMatch(new RegExp(`^run: +${sgd}$`, "m"));
    expect(text).toMatch(/^status: +completed$/m);
    expect(text).toMatch(/^steps: +2 logged, last step 1$/m);
    expect(text).toMatch(/^finished: +\S+ \S+ \(\d+(\.\d+)? s\)$/m);
    expect(text).not.toMatch(/^error:/m);
    expect(text).toContain("config:\n  optimizer:\n    type: SGD\n    lr: 0.1\n");
    expect(text).toContain("metrics:\n  accuracy: 0.75\n");
    expect(text).toContain("epochs:\n  epoch  step  lr    train loss  val loss  val accuracy  seconds\n  0      1     0.1   2           1.8       0.5           0.25\n");
    expect(text).toMatch(/sharpness:\n {2}step +λ_max +threshold +λ_max \/ threshold +λ_max\(P⁻¹H\) +its threshold +ratio\n {2}0 +12\.5 +20 +0\.625 +- +- +-\n {2}1 +NaN +40 +NaN +150 +380 +0\.3947/);
  });

  it("prints JSON with epochs, non-finite values as strings", async () => {
    const shown = JSON.parse(await runs("show", adam, "--json"));
    expect(shown).toMatchObject({ id: adam, status: "diverged", error: "loss is NaN at step 0", metrics: { loss: "NaN" }, epochs: [], stepCount: 1 });
  });

  it("fails on an unknown id naming the newest runs", async () => {
    await expect(runs("show", "zzzz")).rejects.toThrow(StoreError);
    await expect(runs("show", "zzzz")).rejects.toThrow(`no run "zzzz" in run store ${path}; newest runs: ${trial}, ${found}, ${adam}, ${sgd}`);
  });
});

describe("lrkit runs compare", () => {
  it("shows differing config keys and results side by side", async () => {
    const lines = (await runs("compare", sgd, adam)).split("\n");
    expect(lines[0]).toBe("config differences:");
    expect(cells(lines[1])).toEqual([sgd, adam]);
    expect(cells(lines[2])).toEqual(["optimizer.type", "SGD", "Adam"]);
    expect(cells(lines[3])).toEqual(["optimizer.lr", "0.1", "0.001"]);
    expect(lines[4]).toBe("");
    expect(lines[5]).toBe("results:");
    const result = (key: string) => cells(lines.find((l) => l.trim().startsWith(`${key} `)));
    expect(result("status")).toEqual(["status", "completed", "diverged"]);
    expect(result("final.val.accuracy")).toEqual(["final.val.accuracy", "0.75", "-"]);
    expect(result("best.val.loss")).toEqual(["best.val.loss", "1.2", "-"]);
    expect(result("error")).toEqual(["error", "-", "loss is NaN at step 0"]);
  });

  it("prints JSON and needs two ids", async () => {
    const comparison = JSON.parse(await runs("compare", sgd, found, "--json"));
    expect(comparison.runs).toEqual([sgd, found]);
    expect(comparison.config.map((r: { key: string }) => r.key)).toEqual(["optimizer.type", "optimizer.lr", "epochs", "seed", "start_lr", "end_lr"]);
    await expect(runs("compare", sgd)).rejects.toThrow(/needs at least two run ids; got 1/);
  });
});

describe("lrkit runs export", () => {
  it("writes CSV steps of the given runs to stdout", async () => {
    expect(await runs("export", adam, sgd)).toBe(`run_id,step,epoch,lr,loss,grad_norm,elapsed\n${adam},0,0,0.001,NaN,Infinity,\n${sgd},0,0,0.1,2,1.5,\n${sgd},1,1,0.05,1,,\n`);
  });

  it("writes JSON of a sweep's trials to a file", async () => {
    const out = join(dir, "sweep.json");
    expect(await runs("export", "--sweep", sweepId, "--format", "json", "--out", out)).toBe("");
    const exported = JSON.parse(readFileSync(out, "utf8"));
    expect(exported.runs.map((r: { id: string }) => r.id)).toEqual([trial]);
    expect(exported.runs[0]).toMatchObject({ trialKey: "lr=0.3", steps: [{ step: 0, epoch: 0, lr: 0.3, loss: 0.5 }], epochs: [] });
  });

  it("--rows sharpness writes one CSV row per sharpness probe; a run without probes has none", async () => {
    expect(await runs("export", adam, sgd, "--rows", "sharpness")).toBe(`run_id,step,sharpness,threshold,preconditioned,preconditioned_threshold\n${sgd},0,12.5,20,,\n${sgd},1,NaN,40,150,380\n`);
    await expect(runs("export", sgd, "--format", "json", "--rows", "sharpness")).rejects.toThrow("--rows sharpness: only CSV is exported by rows");
  });

  it("exports every run when no ids are given", async () => {
    const csv = await runs("export");
    expect(csv.trimEnd().split("\n")).toHaveLength(1 + 4);
  });
});
