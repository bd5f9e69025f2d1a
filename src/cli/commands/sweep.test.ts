import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { ConfigError } from "../../errors.js";
import { openStore } from "../../store/index.js";
import { sweepCommand } from "./sweep.js";

let dir: string;
let store: string;
let config: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "lrkit-sweep-cli-"));
  store = join(dir, "runs.db");
  config = join(dir, "sweep.yaml");
  writeFileSync(
    config,
    `data: { name: iris }
model: { preset: mlp, hidden: [8] }
optimizer: { type: SGD, lr: 0.1, momentum: 0.9 }
epochs: 3
batch_size: 16
search:
  method: grid
  scheduler: { type: asha, reduction_factor: 2 }
  space:
    optimizer.lr: { loguniform: [1.0e-3, 1], points: 3 }
`,
  );
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs `lrkit sweep ARGS…` through the Command object; returns stdout and stderr. */
async function sweep(...args: string[]): Promise<{ out: string; err: string }> {
  let out = "";
  let err = "";
  const stdout = vi.spyOn(process.stdout, "write").mockImplementation((chunk: string | Uint8Array) => ((out += String(chunk)), true));
  const stderr = vi.spyOn(process.stderr, "write").mockImplementation((chunk: string | Uint8Array) => ((err += String(chunk)), true));
  try {
    await sweepCommand().parseAsync([...args, "--store", store, "--workers", "0"], { from: "user" });
  } finally {
    stdout.mockRestore();
    stderr.mockRestore();
  }
  return { out, err };
}

describe("lrkit sweep", () => {
  let json: { sweep_id: string; resumed: boolean; metric: string; trials: { key: string; run_id: string; status: string; value: number; stopped_early: boolean; epochs: number }[]; best: { key: string } };

  it("--json prints the ranked trials and the best one; a line per trial goes to stderr", async () => {
    const { out, err } = await sweep("--config", config, "--json");
    json = JSON.parse(out);
    expect(json).toMatchObject({ resumed: false, metric: "loss" });
    expect(json.trials).toHaveLength(3);
    expect(json.best.key).toBe(json.trials[0]!.key);
    expect(json.trials.map((t) => t.key).sort()).toEqual(['{"optimizer.lr":0.001}', '{"optimizer.lr":0.0316227766017}', '{"optimizer.lr":1}']);
    for (const t of json.trials) expect(t.stopped_early ? [1, 2] : [3]).toContain(t.epochs);
    expect(err.trim().split("\n")).toEqual([`sweep ${json.sweep_id}: 3 trials`, expect.any(String), expect.any(String), expect.any(String)]);
    expect(err).toMatch(/^\[1\/3\] optimizer\.lr=[\d.e-]+: (completed|stopped), \d epochs \(\d+\.\d s\)$/m);
  });

  it("--resume ID (without --config) continues the stored sweep: nothing left, so nothing runs", async () => {
    const { out, err } = await sweep("--resume", json.sweep_id);
    expect(err).toBe(`resuming sweep ${json.sweep_id}: 3 of 3 trials done\n`);
    expect(out).toContain(`sweep ${json.sweep_id} (resumed): 3 trials ranked on validation loss (min)`);
    expect(out).toMatch(/^#\s+optimizer\.lr\s+val loss\s+epochs\s+stopped early\s+time\s+status\s+run$/m);
    expect(out).toContain(`best: optimizer.lr=`);
    const reader = openStore(store, { readonly: true });
    try {
      expect(reader.listRuns({ sweepId: json.sweep_id })).toHaveLength(3);
    } finally {
      reader.close();
    }
  });

  it("--set overrides a key of --config; without --config it is refused", async () => {
    const { out } = await sweep("--config", config, "--json", "--set", "epochs=1", "--set", "search.scheduler=none");
    const result = JSON.parse(out) as typeof json;
    expect(result.sweep_id).not.toBe(json.sweep_id);
    expect(result.trials.map((t) => t.epochs)).toEqual([1, 1, 1]);
    await expect(sweep("--resume", json.sweep_id, "--set", "epochs=1")).rejects.toThrow("--set epochs=1: --set changes --config");
  });

  it("rejects a missing config, a bad --workers and a config without search, naming the key", async () => {
    await expect(sweep()).rejects.toThrow(ConfigError);
    await expect(sweepCommand().parseAsync(["--config", config, "--workers", "-1", "--store", store], { from: "user" })).rejects.toThrow('--workers: expected a whole number ≥ 0 (0 runs trials in this thread); got "-1"');
    const plain = join(dir, "plain.json");
    writeFileSync(plain, JSON.stringify({ data: { name: "iris" }, model: { preset: "mlp", hidden: [8] }, optimizer: { type: "SGD", lr: 0.1 }, epochs: 1, batch_size: 16 }));
    await expect(sweep("--config", plain)).rejects.toThrow(`${plain}.search: it is missing`);
  });
});
