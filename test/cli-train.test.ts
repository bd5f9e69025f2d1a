/** End-to-end: `lrkit train` as a user runs it, on iris (seconds). */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { cliWithStore } from "./run-cli.js";

const dir = mkdtempSync(join(tmpdir(), "lrkit-train-"));
const store = join(dir, "runs.db");

const stderr = (result: { stderr: string }) => result.stderr;

const lrkit = cliWithStore(store);

const config = join(dir, "iris.yaml");
writeFileSync(
  config,
  `data: { name: iris }
model: { preset: mlp, hidden: [16] }
loss: cross_entropy
optimizer: { type: SGD, lr: 0.1, momentum: 0.9, nesterov: true }
scheduler: { type: OneCycleLR, max_lr: 0.2 }
clip: { max_norm: 1.0 }
epochs: 5
batch_size: 16
seed: 0
`,
);

describe("lrkit train", () => {
  it("--json prints the metrics, keeps the log and checkpoint with --out, and records the run", async () => {
    const out = join(dir, "out");
    const { code, stdout } = await lrkit("train", "--config", config, "--json", "--out", out);
    expect(code).toBe(0);
    const result = JSON.parse(stdout);
    expect(result.metrics.test.accuracy).toBeGreaterThan(0.9);
    expect(result).toMatchObject({ epochs: 5, stopped: null, device: "wasm" });
    expect(result.metrics.val).toHaveProperty("loss");
    expect(typeof result.wall_seconds).toBe("number");
    expect(typeof result.lr_final).toBe("number");
    const steps = readFileSync(join(out, "steps.csv"), "utf8").trim().split("\n");
    expect(steps[0]).toBe("step,epoch,lr,loss,grad_norm,elapsed");
    expect(steps).toHaveLength(result.steps + 1);
    expect(existsSync(join(out, "checkpoint.json"))).toBe(true);
    const listed = await lrkit("runs", "--json");
    expect(JSON.parse(listed.stdout).map((r: { id: string }) => r.id)).toContain(result.run_id);
    expect(JSON.parse((await lrkit("runs", "show", result.run_id, "--json")).stdout).plannedSteps).toBe(result.steps);
  });

  it("continues a 2-epoch run to 5 epochs from its checkpoint", async () => {
    const out = join(dir, "short");
    const constantLr = readFileSync(config, "utf8").replace("scheduler: { type: OneCycleLR, max_lr: 0.2 }\n", "");
    const shortConfig = join(dir, "short.yaml");
    const longConfig = join(dir, "long.yaml");
    writeFileSync(shortConfig, constantLr.replace("epochs: 5", "epochs: 2"));
    writeFileSync(longConfig, constantLr);
    const short = JSON.parse((await lrkit("train", "--config", shortConfig, "--out", out, "--no-record", "--json")).stdout);
    const straight = JSON.parse((await lrkit("train", "--config", longConfig, "--no-record", "--json")).stdout);
    const { code, stdout } = await lrkit("train", "--config", longConfig, "--resume", join(out, "checkpoint.json"), "--json", "--no-record");
    expect(code).toBe(0);
    const resumed = JSON.parse(stdout);
    expect(resumed.epochs).toBe(5);
    expect(resumed.steps).toBe((short.steps / 2) * 5);
    expect(resumed.metrics.test).toEqual(straight.metrics.test);
    expect(resumed.diagnosis).toEqual(straight.diagnosis);
  });

  it("after --resume into the same --out folder, steps.csv, epochs.jsonl and the stored run hold the whole run once", async () => {
    const out = join(dir, "whole");
    const shortConfig = join(dir, "whole-short.yaml");
    writeFileSync(shortConfig, readFileSync(config, "utf8").replace("scheduler: { type: OneCycleLR, max_lr: 0.2 }\n", "").replace("epochs: 5", "epochs: 2"));
    const longConfig = join(dir, "whole-long.yaml");
    writeFileSync(longConfig, readFileSync(shortConfig, "utf8").replace("epochs: 2", "epochs: 4"));
    await lrkit("train", "--config", shortConfig, "--out", out, "--json");
    const { stdout } = await lrkit("train", "--config", longConfig, "--resume", join(out, "checkpoint.json"), "--out", out, "--json");
    const resumed = JSON.parse(stdout);
    const steps = readFileSync(join(out, "steps.csv"), "utf8").trim().split("\n").slice(1);
    expect(steps.map((line) => Number(line.split(",")[0]))).toEqual(Array.from({ length: resumed.steps }, (_, i) => i));
    const elapsed = steps.map((line) => Number(line.split(",")[5]));
    expect(elapsed.every((t, i) => t > 0 && (i === 0 || t >= elapsed[i - 1]!)), "wall time rises through the resume").toBe(true);
    expect(readFileSync(join(out, "epochs.jsonl"), "utf8").trim().split("\n").map((line) => JSON.parse(line).epoch)).toEqual([0, 1, 2, 3]);
    const shown = JSON.parse((await lrkit("runs", "show", resumed.run_id, "--json")).stdout);
    expect(shown.stepCount).toBe(resumed.steps);
    expect(shown.epochCount).toBe(4);
    await lrkit("train", "--config", shortConfig, "--out", out, "--no-record");
    expect(readFileSync(join(out, "steps.csv"), "utf8").trim().split("\n")).toHaveLength(resumed.steps / 2 + 1);
  });

  it("--report writes a self-contained HTML report with the diagnosis", async () => {
    const report = join(dir, "report.html");
    const { code, stderr } = await lrkit("train", "--config", config, "--report", report);
    expect(code).toBe(0);
    expect(stderr).toContain(`report: ${report}`);
    const html = readFileSync(report, "utf8");
    expect(html).toContain("Learning-rate diagnosis");
    expect(html).toContain("<svg");
    expect(html.match(/https?:\/\/(?!www\.w3\.org)/g)).toBeNull();
  });

  it("prints a summary without --json", async () => {
    const { stdout } = await lrkit("train", "--config", config, "--no-record");
    expect(stdout).toMatch(/^trained 5 epochs \(\d+ steps\) on wasm in [\d.]+ s; final lr/);
    expect(stdout).toMatch(/test: loss [\d.]+, accuracy [\d.]+/);
    expect(stdout).toMatch(/lr diagnosis: (good|too_slow|plateaued|oscillating|diverged)\n/);
  });

  it("--set overrides config keys before validation, and a bad one is a usage error naming it", async () => {
    const { code, stdout } = await lrkit("train", "--config", config, "--no-record", "--json", "--set", "epochs=1", "--set", "optimizer.lr=3e-2");
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ epochs: 1 });
    const invalid = await lrkit("train", "--config", config, "--no-record", "--set", "batch_size=-16");
    expect(invalid.code).toBe(2);
    expect(invalid.stderr).toMatch(/batch_size: .*got -16.*came from --set batch_size=-16/);
    const malformed = await lrkit("train", "--config", config, "--no-record", "--set", "epochs");
    expect(malformed.code).toBe(2);
    expect(malformed.stderr).toContain('--set "epochs": expected key.path=value');
  });

  it("checks a config completely before recording: a typo leaves no failed run in a fresh store", async () => {
    const fresh = join(dir, "fresh.db");
    const bad = join(dir, "typo.yaml");
    for (const typo of ["optimizer: { type: SGD, lrr: 0.1 }", "scheduler: { type: StepLR, step_sise: 2 }", "loss: cross_entropi"]) {
      writeFileSync(bad, readFileSync(config, "utf8").replace(new RegExp(`^${typo.split(":")[0]}:.*$`, "m"), typo));
      const { code } = await lrkit("train", "--config", bad, "--store", fresh);
      expect(code).toBe(2);
    }
    const listed = await lrkit("runs", "--json", "--store", fresh);
    expect(listed.code).toBe(0);
    expect(JSON.parse(listed.stdout)).toEqual([]);
  });

  it("checks OneCycleLR's total_steps against the run's real step count before recording: a short cycle leaves no failed run", async () => {
    const fresh = join(dir, "short-cycle.db");
    const short = await lrkit("train", "--config", config, "--store", fresh, "--set", "scheduler.total_steps=1");
    expect(short.code).toBe(2);
    const [, steps] = /scheduler\.total_steps: OneCycleLR's cycle \(total_steps 1\) is shorter than the (\d+) steps the run takes \(5 epochs × (\d+) batches\).*set total_steps to at least \1/.exec(short.stderr) ?? [];
    expect(steps).toBeDefined();
    const perEpoch = await lrkit("train", "--config", config, "--store", fresh, "--set", "scheduler.epochs=4", "--set", `scheduler.steps_per_epoch=${Number(steps) / 5}`);
    expect(perEpoch.code).toBe(2);
    expect(perEpoch.stderr).toContain(`scheduler.epochs: OneCycleLR's cycle (epochs × steps_per_epoch = 4 × ${Number(steps) / 5} = ${(Number(steps) * 4) / 5})`);
    expect(JSON.parse((await lrkit("runs", "--json", "--store", fresh)).stdout)).toEqual([]);
    const exact = await lrkit("train", "--config", config, "--no-record", "--json", "--set", `scheduler.total_steps=${steps}`);
    expect(exact.code).toBe(0);
    expect(JSON.parse(exact.stdout).steps).toBe(Number(steps));
  });

  it("reports a bad config as one line naming the file and key", async () => {
    const bad = join(dir, "bad.yaml");
    writeFileSync(bad, readFileSync(config, "utf8").replace("batch_size: 16", "batch_size: -16"));
    const { code, stderr } = await lrkit("train", "--config", bad, "--no-record");
    expect(code).toBe(2);
    expect(stderr.trim()).toMatch(new RegExp(`^lrkit: ${bad.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}: batch_size: .*got -16$`));
  });

  it("checks metric names before training: exit 2, one line naming the key, the value and the valid names, no run recorded", async () => {
    const before = JSON.parse((await lrkit("runs", "--json")).stdout).length;
    for (const [text, key] of [
      ["early_stopping: { monitor: acuracy }", "early_stopping.monitor"],
      ["scheduler: { type: ReduceLROnPlateau, monitor: val_acc }", "scheduler.monitor"],
    ] as const) {
      const bad = join(dir, `metric-${key}.yaml`);
      writeFileSync(bad, readFileSync(config, "utf8").replace("scheduler: { type: OneCycleLR, max_lr: 0.2 }", text));
      const { code, stdout, stderr } = await lrkit("train", "--config", bad);
      expect(code).toBe(2);
      expect(stdout).toBe("");
      expect(stderr.trim().split("\n")).toHaveLength(1);
      expect(stderr).toContain(`${key}: unknown metric`);
      expect(stderr).toContain("validation metrics are loss, accuracy");
    }
    expect(stderr(await lrkit("train", "--config", config.replace("iris.yaml", "metric-early_stopping.monitor.yaml")))).toContain('(did you mean "accuracy"?)');
    expect(JSON.parse((await lrkit("runs", "--json")).stdout)).toHaveLength(before);
  });

  it("refuses OneCycleLR on SGD without momentum when the config is checked, and says what to change", async () => {
    const bad = join(dir, "no-momentum.yaml");
    writeFileSync(bad, readFileSync(config, "utf8").replace("momentum: 0.9, nesterov: true", "momentum: 0"));
    const { code, stderr } = await lrkit("train", "--config", bad, "--no-record");
    expect(code).toBe(2);
    expect(stderr).toMatch(/scheduler: OneCycleLR cycles momentum, but SGD with momentum 0 has no momentum or beta1 to cycle.*cycle_momentum: false/);
  });

  it("says when batch_size covers the whole training set: full-batch gradient descent", async () => {
    const full = join(dir, "full-batch.yaml");
    writeFileSync(full, readFileSync(config, "utf8").replace("batch_size: 16", "batch_size: 1000000000"));
    const { code, stdout, stderr } = await lrkit("train", "--config", full, "--no-record", "--json");
    expect(code).toBe(0);
    expect(stderr).toMatch(/note: batch_size 1000000000 is more than the \d+ training samples: each epoch is one full batch \(full-batch gradient descent, 5 steps in all\)/);
    expect(JSON.parse(stdout).steps).toBe(5);
  });

  it("names the paths it tried when the data is missing", async () => {
    const { code, stderr } = await lrkit("train", "--config", config, "--no-record", "--data-dir", join(dir, "nowhere"));
    expect(code).toBe(2);
    expect(stderr).toContain(join(dir, "nowhere"));
  });
});
