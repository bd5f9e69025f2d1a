import { describe, expect, it } from "vitest";
import { diagnoseLr, reconcileDiagnoses, type LrDiagnosis } from "./index.js";

const steps = Array.from({ length: 200 }, (_, i) => i);
/** Still falling steadily at the end: an exponential approach that has spanned under one time constant. */
const stillFalling = (lr: number): LrDiagnosis => diagnoseLr({ steps, loss: steps.map((t) => 2.3 * Math.exp(-t / 400) + 0.01 * Math.sin(t)), lr: steps.map(() => lr) });
/** Noisy and rising: oscillating. */
const oscillating = (lr: number): LrDiagnosis => diagnoseLr({ steps, loss: steps.map((t) => 2.3 - t / 400 + (t > 100 ? (t - 100) / 50 : 0) + (t % 2 ? 0.6 : -0.6)), lr: steps.map(() => lr) });

describe("reconcileDiagnoses", () => {
  it("calls a still-falling run inconclusive with the steps it needs when a raise would reach an η a sibling oscillated at", () => {
    const a = stillFalling(0.05);
    const c = oscillating(0.5);
    expect(a.verdict).toBe("too_slow");
    expect(a.details.suggestedLr).toBe(0.5);
    expect(c.verdict).toBe("oscillating");
    const [reconciledA, reconciledC] = reconcileDiagnoses([
      { name: "(a)", diagnosis: a },
      { name: "(c)", diagnosis: c },
    ]);
    expect(reconciledA!.verdict).toBe("inconclusive");
    expect(reconciledA!.suggestion).toMatch(new RegExp(`^inconclusive: too few steps \\(200\\); .*run about ${a.details.stepsNeeded} steps .*\\(c\\) oscillating at 0\\.5`));
    expect(a.details.stepsNeeded).toBeGreaterThan(200);
    expect(reconciledC).toBe(c);
  });

  it("never suggests an η a sibling showed unstable: a raise stops at the geometric middle", () => {
    const slow = { ...stillFalling(0.01), details: { ...stillFalling(0.01).details, stepsNeeded: undefined } };
    const [capped] = reconcileDiagnoses([
      { name: "slow", diagnosis: slow },
      { name: "high", diagnosis: oscillating(0.04) },
    ]);
    expect(capped!.details.suggestedLr).toBe(0.02);
    expect(capped!.suggestion).toContain("raise η only to about 0.02 (from 0.01; high oscillating at 0.04)");
  });

  it("leaves runs alone when no unstable sibling stands between their η and the suggested one", () => {
    const low = stillFalling(0.0005);
    const runs = [
      { name: "low", diagnosis: low },
      { name: "high", diagnosis: oscillating(0.5) },
    ];
    expect(reconcileDiagnoses(runs)[0]).toBe(low);
  });
});
