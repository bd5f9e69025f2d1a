import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openStore } from "../../store/index.js";
import { SHARPNESS_TITLE } from "../html/sharpness-figure.js";
import { writeReport } from "./index.js";

let dir: string;
const pages: Record<"with" | "without" | "adam", string> = { with: "", without: "", adam: "" };

/** A seeded uniform in (0, 1): an LCG with the Numerical Recipes constants. */
let state = 11;
const uniform = () => {
  state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
  return (state + 0.5) / 2 ** 32;
};
/** 400 steps of large noise around a flat, high loss at η 0.5: an oscillating run. */
const steps = Array.from({ length: 400 }, (_, step) => ({ step, epoch: 0, lr: 0.5, loss: 2.3 + 0.5 * Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform()) }));
const sharpness = [0, 100, 200, 300].map((step, i) => ({ step, sharpness: [1, 3, 4.5, 4.1][i]!, threshold: 4 }));
const preconditioned = sharpness.map((row, i) => ({ ...row, preconditioned: [20, 60, 75, 77][i]!, preconditionedThreshold: 76 }));

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "lrkit-sharpness-report-"));
  const path = join(dir, "runs.db");
  const store = openStore(path);
  const ids = { with: store.createRun({ kind: "train", config: {} }), without: store.createRun({ kind: "train", config: {} }), adam: store.createRun({ kind: "train", config: {} }) };
  for (const [name, id] of Object.entries(ids)) {
    store.logSteps(id, steps);
    if (name === "with") store.logSharpness(id, sharpness);
    if (name === "adam") store.logSharpness(id, preconditioned);
    store.finishRun(id, { status: "completed" });
  }
  store.close();
  for (const name of ["with", "without", "adam"] as const) {
    const out = join(dir, `${name}.html`);
    await writeReport(path, [ids[name]], out);
    pages[name] = readFileSync(out, "utf8");
  }
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("a train run's report with sharpness probes", () => {
  it("draws λ_max against the threshold only when the run has sharpness rows", () => {
    expect(pages.with).toContain(SHARPNESS_TITLE);
    expect(pages.with).toContain("sharpness λ_max");
    expect(pages.without).not.toContain(SHARPNESS_TITLE);
    expect(pages.with).toContain("λ_max, threshold (log scale)</text>");
    expect(pages.adam).toContain("Adam threshold (2+2β₁)/(η(1−β₁))</text>");
    expect(pages.adam).toContain("preconditioned λ_max(P⁻¹H)</text>");
  });

  it("adds the preconditioned λ_max(P⁻¹H) and Adam's threshold (2+2β₁)/(η(1−β₁)) when the run probed them", () => {
    for (const text of ["preconditioned λ_max(P⁻¹H)", "Adam threshold (2+2β₁)/(η(1−β₁))"]) {
      expect(pages.adam).toContain(text);
      expect(pages.with).not.toContain(text);
    }
  });

  it("puts the step where η·λ_max reached 2 in the oscillating verdict's evidence", () => {
    expect(pages.with).toMatch(/badge oscillating/);
    expect(pages.with).toContain("η·λ_max reached 2 at step 200: the loss oscillates along the sharpest direction");
    expect(pages.without).not.toContain("η·λ_max reached 2");
  });
});
