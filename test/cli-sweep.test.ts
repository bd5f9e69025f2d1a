/** `lrkit sweep` end to end on iris, in this process's thread (`--workers 0`), with a run store of its own. */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openStore } from "../src/store/index.js";
import { cliWithStore } from "./run-cli.js";

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "lrkit-sweep-cli-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Iris has 108 training samples after the validation split: 7 batches of 16 per epoch, 14 of 8. */
const oneCycleSweep = (batchSizes: number[]) => `data: { name: iris }
model: { preset: mlp, hidden: [8] }
optimizer: { type: SGD, lr: 0.1, momentum: 0.9 }
scheduler: { type: OneCycleLR, max_lr: 0.2, total_steps: 14 }
epochs: 2
batch_size: 16
search:
  method: grid
  space:
    batch_size: { values: [${batchSizes.join(", ")}] }
`;

describe("lrkit sweep", () => {
  it("builds every trial's run on its data before recording anything: a cycle too short for one trial is exit 2 naming it, and leaves no sweep or run", async () => {
    const store = join(dir, "short-cycle.db");
    const lrkit = cliWithStore(store);
    const config = join(dir, "short-cycle.yaml");
    writeFileSync(config, oneCycleSweep([16, 8]));
    const short = await lrkit("sweep", "--config", config, "--workers", "0");
    expect(short.code).toBe(2);
    expect(short.stderr).toBe(
      `lrkit: ${config}: trial {"batch_size":8}: config.scheduler.total_steps: OneCycleLR's cycle (total_steps 14) is shorter than the 28 steps the run takes (2 epochs × 14 batches), and stepping past its end is an error; set total_steps to at least 28, or leave it out to have it inferred\n`,
    );
    expect(existsSync(store)).toBe(false);

    writeFileSync(config, oneCycleSweep([16]));
    const fits = await lrkit("sweep", "--config", config, "--workers", "0", "--json");
    expect(fits.code).toBe(0);
    const reader = openStore(store, { readonly: true });
    try {
      expect(reader.listSweeps().map((s) => s.status)).toEqual(["completed"]);
      expect(reader.listRuns({ kind: "sweep-trial" }).map((r) => r.status)).toEqual(["completed"]);
    } finally {
      reader.close();
    }
  });
});
