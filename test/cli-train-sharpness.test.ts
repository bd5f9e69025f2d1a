/** End-to-end: `lrkit train --sharpness K` on iris, and the probes read back by `lrkit runs show`. */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { cliWithStore } from "./run-cli.js";

const dir = mkdtempSync(join(tmpdir(), "lrkit-train-sharpness-"));
const store = join(dir, "runs.db");

const lrkit = cliWithStore(store);

const config = join(dir, "iris.yaml");
const iris = "data: { name: iris }\nmodel: { preset: mlp, hidden: [8] }\noptimizer: { type: SGD, lr: 0.1 }\nepochs: 1\nbatch_size: 16\nseed: 0\n";
writeFileSync(config, iris);

describe("lrkit train --sharpness", () => {
  it("probes λ_max every K steps, prints the rows in --json and keeps them in the store for runs show", async () => {
    const { code, stdout } = await lrkit("train", "--config", config, "--json", "--sharpness", "3");
    expect(code).toBe(0);
    const result = JSON.parse(stdout) as { run_id: string; steps: number; sharpness: { step: number; sharpness: number; threshold: number }[] };
    expect(result.sharpness.map((r) => r.step)).toEqual(Array.from({ length: Math.ceil(result.steps / 3) }, (_, i) => 3 * i));
    for (const row of result.sharpness) expect(row.threshold).toBeCloseTo(2 / 0.1, 10);
    const shown = await lrkit("runs", "show", result.run_id, "--json");
    expect(JSON.parse(shown.stdout).sharpness).toEqual(result.sharpness);
    expect((await lrkit("runs", "show", result.run_id)).stdout).toMatch(/sharpness:\n\s+step\s+λ_max\s+threshold/);
  });

  it("leaves a config's own sharpness as it is", async () => {
    const own = join(dir, "own.yaml");
    writeFileSync(own, `${iris}sharpness: { every: 4, iters: 5 }\n`);
    const { code, stdout } = await lrkit("train", "--config", own, "--json", "--sharpness", "3", "--no-record");
    expect(code).toBe(0);
    expect((JSON.parse(stdout) as { sharpness: { step: number }[] }).sharpness.every((r) => r.step % 4 === 0)).toBe(true);
  });

  it("rejects a K that is not a positive integer", async () => {
    for (const bad of ["0", "2.5", "x"]) {
      const { code, stderr } = await lrkit("train", "--config", config, "--sharpness", bad, "--no-record");
      expect(code).not.toBe(0);
      expect(stderr).toMatch(/--sharpness/);
    }
  });
});
