import { describe, expect, it } from "vitest";
import { diagnoseLr } from "./diagnose-lr.js";

const range = (n: number) => Array.from({ length: n }, (_, i) => i);
const lr = 0.5;
/** A seeded uniform in (0, 1): an LCG with the Numerical Recipes constants. */
let state = 7;
const uniform = () => {
  state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
  return (state + 0.5) / 2 ** 32;
};
/** Large noise (Box–Muller normals) around a flat, high level: oscillating. */
const flat = range(500).map(() => 2.3 + 0.5 * Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform()));
/** A clean exponential descent: good. */
const good = range(500).map((t) => 0.05 + 2 * Math.exp(-t / 60));
const crossing = [
  { step: 0, sharpness: 1.5, threshold: 4 },
  { step: 100, sharpness: 3.9, threshold: 4 },
  { step: 200, sharpness: 4.2, threshold: 4 },
  { step: 300, sharpness: 4.0, threshold: 4 },
];
const edge = "η·λ_max reached 2 at step 200: the loss oscillates along the sharpest direction";

describe("edge-of-stability evidence in the diagnosis", () => {
  it("adds the first step where sharpness ≥ 2/η to an oscillating verdict", () => {
    const d = diagnoseLr({ steps: range(500), loss: flat, lr: flat.map(() => lr), sharpness: crossing });
    expect(d.verdict).toBe("oscillating");
    expect(d.evidence.at(-1)).toBe(edge);
    expect(diagnoseLr({ steps: range(500), loss: flat, lr: flat.map(() => lr) }).evidence).not.toContain(edge);
  });

  it("adds it to a diverged verdict", () => {
    const loss = [...good.slice(0, 300), NaN];
    const d = diagnoseLr({ steps: range(301), loss, lr: loss.map(() => lr), sharpness: crossing });
    expect(d.verdict).toBe("diverged");
    expect(d.evidence).toContain(edge);
  });

  it("leaves it out when no probe reached the threshold, and from a good run", () => {
    const below = crossing.map((r) => ({ ...r, sharpness: r.sharpness / 2 }));
    const d = diagnoseLr({ steps: range(500), loss: flat, lr: flat.map(() => lr), sharpness: below });
    expect(d.evidence.some((e) => e.includes("η·λ_max"))).toBe(false);
    const g = diagnoseLr({ steps: range(500), loss: good, lr: good.map(() => lr), sharpness: crossing });
    expect(g.verdict).toBe("good");
    expect(g.evidence).not.toContain(edge);
  });
});
