import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ConfigError } from "../../errors.js";
import { diagnoseLr } from "./diagnose-lr.js";
import { formatLr } from "./format-numbers.js";
import type { LrDiagnosisInput, LrVerdict } from "./types.js";

/** A seeded standard normal generator: an LCG (Numerical Recipes constants) feeding Box–Muller. */
function gaussian(seed: number): () => number {
  let state = seed >>> 0;
  const uniform = () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return (state + 0.5) / 2 ** 32;
  };
  return () => Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform());
}

const range = (n: number) => Array.from({ length: n }, (_, i) => i);

function runOf(loss: readonly number[], lr: number | readonly number[], extra: Partial<LrDiagnosisInput> = {}): LrDiagnosisInput {
  return { steps: range(loss.length), loss, lr: typeof lr === "number" ? loss.map(() => lr) : lr, ...extra };
}

/** One-cycle η (PyTorch's OneCycleLR shape, cosine): max_lr/25 up to max_lr over 30 % of the run, then down to max_lr/25e4. */
function oneCycle(n: number, maxLr: number): number[] {
  const low = maxLr / 25;
  const final = low / 1e4;
  const up = Math.round(0.3 * n);
  return range(n).map((t) =>
    t < up ? low + ((maxLr - low) * (1 - Math.cos((Math.PI * t) / up))) / 2 : final + ((maxLr - final) * (1 + Math.cos((Math.PI * (t - up)) / (n - 1 - up)))) / 2,
  );
}

/**
 * Loss driven by the η actually used: progress follows the accumulated η; the mini-batch noise has
 * the std plain SGD on MNIST (batch 64) shows, ~0.1 (4 %) at the starting 2.3 and ~0.06 (40 %) at 0.15.
 */
function lossUnder(lr: readonly number[], rate: number, seed: number): number[] {
  const g = gaussian(seed);
  let progress = 0;
  return lr.map((eta) => {
    progress += eta;
    const level = 0.1 + 2.2 * Math.exp(-progress / rate);
    return Math.max(0.01, level + (0.06 + 0.02 * level) * g());
  });
}

const curves: Record<string, { run: LrDiagnosisInput; verdict: LrVerdict }> = (() => {
  const n = 600;
  const decay = range(n).map((t) => 0.1 + 2.2 * Math.exp(-t / 60));
  const g1 = gaussian(1);
  const g2 = gaussian(2);
  const g3 = gaussian(3);
  const g4 = gaussian(4);
  const g5 = gaussian(5);
  const lr137 = range(200).map((t) => 1e-3 * 1.05 ** t);
  const explodes = range(200).map((t) => (t < 137 ? 2.3 * Math.exp(-t / 40) + 0.1 + (t > 110 ? 0.5 * 1.2 ** (t - 110) : 0) : NaN));
  const cycle = oneCycle(1000, 0.1);
  return {
    "exponential decay to a floor": { run: runOf(decay.map((l) => l * (1 + 0.02 * g1())), 0.1), verdict: "good" },
    "the same decay under big mini-batch noise": { run: runOf(decay.map((l) => l * Math.exp(0.35 * g2() - 0.06)), 0.1), verdict: "good" },
    "large noise around a flat, high level": { run: runOf(range(500).map(() => 2.3 + 0.5 * g3()), 0.5), verdict: "oscillating" },
    "a slow linear descent far from converged": { run: runOf(range(500).map((t) => 1 - (0.2 * t) / 499 + 0.005 * g4()), 1e-4), verdict: "too_slow" },
    "a fast drop, then a long flat stretch at a high level": { run: runOf(range(n).map((t) => (1.2 + 1.1 * Math.exp(-t / 20)) * (1 + 0.02 * g5())), 0.01), verdict: "plateaued" },
    "an explosion to NaN at step 137": { run: runOf(explodes, lr137), verdict: "diverged" },
    "smooth growth to 10×": { run: runOf(range(300).map((t) => 0.5 * 10 ** (t / 299)), 0.3), verdict: "diverged" },
    "a one-cycle run": { run: runOf(lossUnder(cycle, 15, 6), cycle), verdict: "good" },
    "a constant loss": { run: runOf(range(300).map(() => 0.7), 1e-3), verdict: "too_slow" },
  };
})();

describe("diagnoseLr on constructed curves", () => {
  for (const [name, { run, verdict }] of Object.entries(curves)) {
    it(`${name}: ${verdict}`, () => {
      expect(diagnoseLr(run).verdict).toBe(verdict);
    });
  }

  it("names the step and the η of a NaN loss, and suggests a tenth of that η", () => {
    const { run } = curves["an explosion to NaN at step 137"]!;
    const d = diagnoseLr(run);
    const lr = run.lr[137]!;
    expect(d.evidence[0]).toContain("step 137");
    expect(d.evidence[0]).toContain(formatLr(lr));
    expect(d.evidence[0]).toContain("NaN");
    expect(d.details).toMatchObject({ divergedStep: 137, divergedLr: lr, finiteSteps: 137 });
    expect(d.suggestion).toBe(`lower the peak lr (max_lr) to about 0.08 (1/10 of the η ${formatLr(lr)} at which it diverged)`);
  });

  it("lowers η only 3× when the run had learnt well before it blew up", () => {
    const loss = range(300).map((t) => (t < 250 ? 0.1 + 2.2 * Math.exp(-t / 30) : NaN));
    const d = diagnoseLr(runOf(loss, 0.2));
    expect(d.verdict).toBe("diverged");
    expect(d.suggestion).toMatch(/^lower lr to about 0\.07 \(1\/3 of the η 0\.2 at which it diverged: it had removed 9\d% of its starting loss at that η first/);
  });

  it("reports where smooth growth crossed 4× its best, with the η there", () => {
    const d = diagnoseLr(curves["smooth growth to 10×"]!.run);
    expect(d.details.divergedStep).toBeGreaterThan(180);
    expect(d.details.divergedStep).toBeLessThan(260);
    expect(d.evidence[0]).toMatch(/rose to 4\.\d+× its best \(0\.5 at step 0\) by step \d+, with lr 0\.3 there/);
    expect(d.suggestion).toBe("lower lr to about 0.03 (1/10 of the η 0.3 at which it diverged)");
  });

  it("a gradient norm that is not finite is a divergence at its step", () => {
    const loss = range(100).map((t) => 1 / (1 + t / 10));
    const gradNorm = loss.map((_, t) => (t === 60 ? Infinity : 1));
    const d = diagnoseLr(runOf(loss, 0.5, { gradNorm }));
    expect(d.verdict).toBe("diverged");
    expect(d.evidence[0]).toBe("gradient norm became Infinity at step 60 with lr 0.5");
  });

  it("trusts the trainer's divergence stop, and ignores other stops", () => {
    const { run } = curves["exponential decay to a floor"]!;
    const rising = runOf([...run.loss.slice(0, 300), 0.5, 0.9, 1.6], 0.1, { stopped: { kind: "diverged", reason: "diverged at step 302 with lr 0.1: loss 1.6 > 4 × best 0.1" } });
    const stopped = diagnoseLr(rising);
    expect(stopped.verdict).toBe("diverged");
    expect(stopped.evidence).toEqual(["the trainer stopped the run (diverged): diverged at step 302 with lr 0.1: loss 1.6 > 4 × best 0.1"]);
    expect(stopped.details).toMatchObject({ divergedStep: 302, divergedLr: 0.1 });
    expect(diagnoseLr({ ...run, stopped: { kind: "early_stopping", reason: "no improvement" } }).verdict).toBe("good");
  });

  it("flags a divergence stop that only one noisy batch supports", () => {
    const { run } = curves["the same decay under big mini-batch noise"]!;
    const loss = [...run.loss.slice(0, 300), 0.1, 0.12, 1.5];
    const d = diagnoseLr(runOf(loss, 0.1, { stopped: { kind: "diverged", reason: "diverged at step 302 with lr 0.1: loss 1.5 > 4 × best 0.03" } }));
    expect(d.verdict).toBe("diverged");
    expect(d.evidence[1]).toMatch(/^but the last steps' median loss, 0\.12, is under 4× the smoothed best \(0\.1\d*\): one noisy batch may have tripped a guard/);
  });

  it("suggests about 10× more η for a descent far from converged, 3× for one part-way there", () => {
    expect(diagnoseLr(curves["a slow linear descent far from converged"]!.run).suggestion).toBe("raise lr about 10× (from 0.0001 to about 1e-3)");
    // Like plain SGD on MNIST at η = 1e-3: 2.3 → 0.8 in one epoch, still falling steadily.
    const g = gaussian(7);
    const partWay = range(937).map((t) => (0.3 + 2 * Math.exp(-t / 400)) * (1 + 0.05 * g()));
    const d = diagnoseLr(runOf(partWay, 1e-3));
    expect(d.verdict).toBe("too_slow");
    expect(d.suggestion).toBe("raise lr about 3× (from 0.001 to about 3e-3)");
    expect(d.details.timeConstants).toBeGreaterThan(1.5);
    expect(d.details.timeConstants).toBeLessThan(3.3);
  });

  it("a constant loss barely moved: raise η 10×, unless the gradients are zero", () => {
    const { run } = curves["a constant loss"]!;
    const d = diagnoseLr(run);
    expect(d.evidence[0]).toMatch(/^the loss barely moved: the loss went from 0\.7 to 0\.7 \(0%\)/);
    expect(d.suggestion).toBe("raise lr about 10× (from 0.001 to about 0.01)");
    const dead = diagnoseLr({ ...run, gradNorm: run.loss.map(() => 0) });
    expect(dead.verdict).toBe("too_slow");
    expect(dead.suggestion).toMatch(/^the gradients are zero/);
  });

  it("says where a plateau began and suggests 10× less η there", () => {
    const d = diagnoseLr(curves["a fast drop, then a long flat stretch at a high level"]!.run);
    const flatStep = d.details.flatStep!;
    expect(flatStep).toBeGreaterThan(30);
    expect(flatStep).toBeLessThan(120);
    expect(d.suggestion).toBe(`reduce lr 10× (from 0.01 to about 1e-3) at step ~${flatStep}, or use ReduceLROnPlateau (factor 0.1) or a cosine decay`);
  });

  it("judges a one-cycle run on its high-η phase: too slow when max_lr is too low, not because η ends tiny", () => {
    const cycle = oneCycle(1000, 0.1);
    const good = diagnoseLr(curves["a one-cycle run"]!.run);
    expect(good.details.lrEnd).toBeLessThan(1e-6);
    expect(good.suggestion).toMatch(/^η looks right: keep this schedule \(peak lr 0.1\)/);
    const low = cycle.map((eta) => eta / 10);
    const d = diagnoseLr(runOf(lossUnder(low, 15, 8), low));
    expect(d.verdict).toBe("too_slow");
    expect(d.evidence[0]).toMatch(/^while η was at least 30% of its peak \(up to step 741\) the loss was still falling steadily/);
    expect(d.suggestion).toBe("raise the peak lr (max_lr) about 10× (from 0.01 to about 0.1)");
    const tiny = cycle.map((eta) => eta / 30);
    expect(diagnoseLr(runOf(lossUnder(tiny, 15, 8), tiny)).verdict).toBe("too_slow");
  });

  it("does not call a run too slow while its warm-up is still raising η", () => {
    const warmup = range(200).map((t) => 0.1 * ((t + 1) / 200));
    expect(diagnoseLr(runOf(lossUnder(warmup, 15, 9), warmup)).verdict).not.toBe("too_slow");
  });

  it("calls a flat run that spiked to 1.5× its start, or whose gradients collapsed, oscillating (a too-high η)", () => {
    const g = gaussian(10);
    const spiked = range(400).map((t) => (t >= 5 && t < 15 ? 4 : 2.3) + 0.03 * g());
    const d = diagnoseLr(runOf(spiked, 1));
    expect(d.verdict).toBe("oscillating");
    expect(d.evidence[0]).toMatch(/^the loss rose to 1\.7\d× its start at step \d+$/);
    expect(d.suggestion).toBe("lower lr about 3× (from 1 to about 0.3) or add a decay (cosine, or ReduceLROnPlateau)");
    const flat = range(400).map(() => 2.3 + 0.03 * g());
    const gradNorm = range(400).map((t) => (t < 20 ? 5 : 0.05));
    expect(diagnoseLr(runOf(flat, 1)).verdict).toBe("too_slow");
    expect(diagnoseLr(runOf(flat, 1, { gradNorm })).verdict).toBe("oscillating");
  });

  it("calls a training loss that rises significantly at the end oscillating, even after good progress", () => {
    const g = gaussian(11);
    const loss = range(500).map((t) => (0.1 + 2.2 * Math.exp(-t / 30) + (t > 350 ? 0.002 * (t - 350) : 0)) * (1 + 0.02 * g()));
    const d = diagnoseLr(runOf(loss, 0.1));
    expect(d.verdict).toBe("oscillating");
    expect(d.evidence[0]).toMatch(/^the loss is rising at the end: \+\d+% over the last quarter$/);
  });

  it("mini-batch noise of a good MNIST-like run (batch 64: ~2.3 → 0.15, noise tens of % of the level) is not oscillation", () => {
    for (const seed of [12, 13, 14]) {
      const g = gaussian(seed);
      const loss = range(937).map((t) => {
        const level = 0.12 + 2.2 * Math.exp(-t / 40);
        return level * Math.exp(0.45 * g() - 0.1);
      });
      expect(diagnoseLr(runOf(loss, 0.1)).verdict).toBe("good");
    }
  });

  it("finds a validation plateau at constant η, but not once η was lowered", () => {
    const { run } = curves["exponential decay to a floor"]!;
    const val = [0.6, 0.45, 0.4, 0.401, 0.399, 0.402, 0.4];
    const epochs = val.map((loss, epoch) => ({ epoch, step: (epoch + 1) * 85, trainLoss: 0, val: { loss, accuracy: 0.9 } }));
    const d = diagnoseLr({ ...run, epochs });
    expect(d.verdict).toBe("plateaued");
    expect(d.evidence[0]).toBe("validation loss has not improved on 0.4 (epoch 2) for 4 epochs (now 0.4) while lr stayed 0.1");
    expect(d.suggestion).toBe("reduce lr 10× (from 0.1 to about 0.01) after epoch 2, or use ReduceLROnPlateau on the validation loss (factor 0.1, patience ≤ 2)");
    expect(d.details.valPlateauEpochs).toBe(4);
    const stepDecay = run.lr.map((eta, i) => (i >= 400 ? eta / 10 : eta));
    expect(diagnoseLr({ ...run, lr: stepDecay, epochs }).verdict).toBe("good");
    expect(diagnoseLr({ ...run, epochs: epochs.slice(0, 5) }).verdict).toBe("good");
  });

  it("judges runs shorter than 20 steps only on divergence and direction: otherwise inconclusive, with the steps it needs", () => {
    const falling = diagnoseLr(runOf([2.3, 2.1, 1.9, 1.8, 1.6, 1.5, 1.45, 1.4, 1.3, 1.25], 0.1));
    expect(falling.verdict).toBe("inconclusive");
    expect(falling.evidence[0]).toMatch(/^too few steps to judge \(10 < 20\)/);
    expect(falling.suggestion).toMatch(/^inconclusive: too few steps \(10\); run at least 20 steps/);
    expect(falling.details.stepsNeeded).toBe(20);
    expect(diagnoseLr(runOf([2.3, 2.2, 2.5, 2.4, 2.3], 0.1)).verdict).toBe("inconclusive");
    expect(diagnoseLr(runOf([2.3], 0.1)).verdict).toBe("inconclusive");
    expect(diagnoseLr(runOf([2.3, 2.6, 3.4, 3.9, 4.2, 4.5], 0.1)).verdict).toBe("oscillating");
    expect(diagnoseLr(runOf([2.3, 5, 20, 80, 400], 0.1)).verdict).toBe("diverged");
    const nan = diagnoseLr(runOf([2.3, 2.0, NaN], 0.1));
    expect(nan.verdict).toBe("diverged");
    expect(nan.evidence[0]).toBe("loss became NaN at step 2 with lr 0.1");
    expect(diagnoseLr(runOf([Infinity], 0.1)).details.divergedStep).toBe(0);
  });

  it("gives the same verdict when the loss is multiplied by any factor from 1e-3 to 1e3", () => {
    fc.assert(
      fc.property(fc.constantFrom(...Object.keys(curves)), fc.double({ min: -3, max: 3, noNaN: true }), (name, power) => {
        const { run, verdict } = curves[name]!;
        return diagnoseLr({ ...run, loss: run.loss.map((l) => l * 10 ** power) }).verdict === verdict;
      }),
      { numRuns: 60 },
    );
  });

  it("reads the step numbers: a run logged every 10 steps gives the same verdicts and reports logged steps", () => {
    for (const { run, verdict } of Object.values(curves)) {
      const d = diagnoseLr({ ...run, steps: run.steps.map((s) => 10 * s + 10) });
      expect(d.verdict).toBe(verdict);
    }
    const nan = diagnoseLr({ ...curves["an explosion to NaN at step 137"]!.run, steps: range(200).map((s) => 10 * s) });
    expect(nan.evidence[0]).toContain("step 1370");
  });

  it("refuses logs whose columns do not line up or hold no steps", () => {
    expect(() => diagnoseLr({ steps: [], loss: [], lr: [] })).toThrow(ConfigError);
    expect(() => diagnoseLr({ steps: [0, 1], loss: [1, 1], lr: [0.1] })).toThrow("diagnoseLr.lr: expected one value per step (2); got 1");
    expect(() => diagnoseLr({ steps: [0, 1], loss: [1, 1], lr: [0.1, 0.1], gradNorm: [1] })).toThrow(/gradNorm/);
    expect(() => diagnoseLr({ steps: [0, 1], loss: [1, 1], lr: [0.1, NaN] })).toThrow("diagnoseLr.lr[1]: expected a finite number; got NaN");
  });
});

describe("a real run that learnt a little and then lost it", () => {
  it("calls the CNN at a constant SGD η of 0.423 on MNIST oscillating, not too slow", async () => {
    const { readFileSync } = await import("node:fs");
    const curve = JSON.parse(readFileSync(new URL("../../../test/fixtures/mnist-cnn-sgd-0.423.json", import.meta.url), "utf8")) as { loss: number[]; gradNorm: number[]; lr: number[] };
    const d = diagnoseLr({ steps: curve.loss.map((_, i) => i), ...curve });
    expect(d.verdict).toBe("oscillating");
    expect(d.suggestion).toMatch(/lower/i);
    expect(d.evidence.join(" ")).toMatch(/gave back/);
  });
});
