import { describe, expect, it } from "vitest";
import type { RunSummary } from "../../store/index.js";
import { renderRunReport, renderSweepReport } from "./index.js";
import { rankSweepTrials } from "./sweep-report.js";
import type { SweepTrialData } from "./types.js";

function run(fields: Partial<RunSummary> = {}): RunSummary {
  return { id: "m0000000abcde", kind: "train", status: "running", config: { epochs: 1 }, tags: [], createdAt: "2025-01-02T03:04:05.000Z", updatedAt: "2025-01-02T03:04:05.000Z", stepCount: 0, epochCount: 0, best: {}, ...fields };
}

const noMarkup = (page: string) => page.replace(/<svg[\s\S]*?<\/svg>|<style>[\s\S]*?<\/style>/g, "").replace(/<[^>]+>/g, " ").replace(/&#39;/g, "'").replace(/\s+/g, " ");

describe("reports of runs with little or odd data still render", () => {
  it("a run that has just started: no steps, epochs or metrics", async () => {
    const page = noMarkup(await renderRunReport({ run: run(), steps: [], epochs: [] }));
    expect(page).toContain("training run m0000000abcde");
    expect(page).toContain("no steps were logged, so there is nothing to diagnose");
    expect(page).toContain("no metrics were recorded");
    expect(page).toContain("started 2025-01-02 03:04:05 UTC");
  });

  it("a logged η that is not finite: the diagnosis says why it is missing, the charts drop the point", async () => {
    const steps = [0, 1, 2].map((step) => ({ step, epoch: 0, lr: step === 1 ? NaN : 0.1, loss: 1 - step / 10 }));
    const page = await renderRunReport({ run: run({ stepCount: 3 }), steps, epochs: [] });
    expect(noMarkup(page)).toContain("the logs could not be diagnosed: diagnoseLr.lr[1]: expected a finite number; got NaN");
    expect(page.match(/<svg /g)).toHaveLength(2);
  });

  it("a range test without a summary (it failed) is drawn from its logged steps", async () => {
    const steps = [1e-4, 1e-3, 1e-2].map((lr, step) => ({ step, epoch: 0, lr, loss: 2 - step / 2 }));
    const page = await renderRunReport({ run: run({ kind: "find", status: "failed", error: "out of memory", stepCount: 3 }), steps, epochs: [] });
    expect(noMarkup(page)).toContain("the loss of each logged step (the run recorded no summary)");
    expect(noMarkup(page)).toContain("no suggestions were recorded");
    expect(page).toContain("<pre>out of memory</pre>");
    expect(page).toContain("learning rate η (log scale)");
  });
});

describe("sweep ranking", () => {
  const trial = (value: number, status: RunSummary["status"] = "completed"): SweepTrialData => ({
    run: run({ status, id: `t${value}${status}`, epochCount: status === "stopped" ? 1 : 3 }),
    lr: 0.1,
    value,
    epochs: [],
    stoppedEarly: status === "stopped",
  });

  it("best first in the metric's direction, trials ASHA stopped below the finished ones, then trials without a finite value, failed trials last", () => {
    const trials = [trial(NaN, "failed"), trial(0.5), trial(NaN, "diverged"), trial(0.99, "stopped"), trial(0.9), trial(0.7), trial(0.2, "stopped")];
    const order = (higherIsBetter: boolean) => rankSweepTrials({ sweep: { id: "s", status: "completed", config: {}, createdAt: "" }, metric: "m", higherIsBetter, trials }).map((t) => t.run.id);
    expect(order(true)).toEqual(["t0.9completed", "t0.7completed", "t0.5completed", "t0.99stopped", "t0.2stopped", "tNaNdiverged", "tNaNfailed"]);
    expect(order(false)).toEqual(["t0.5completed", "t0.7completed", "t0.9completed", "t0.2stopped", "t0.99stopped", "tNaNdiverged", "tNaNfailed"]);
  });
});

describe("a sweep with a trial that blew up", () => {
  const trials = [1e-3, 1e-2, 1e-1, 10].map((lr, i): SweepTrialData => ({
    run: run({ id: `t${i}`, name: `lr=${lr}`, kind: "sweep-trial", status: "completed", epochCount: 1 }),
    lr,
    value: [0.9, 0.3, 0.5, 1.4e8][i]!,
    epochs: [{ epoch: 0, step: 5, lr, trainLoss: 1, val: { loss: [0.9, 0.3, 0.5, 1.4e8][i]! }, seconds: 1 }],
    stoppedEarly: false,
  }));
  const sweep = { id: "s", status: "completed" as const, config: {}, createdAt: "2025-01-02T03:04:05.000Z" };
  const legend = (page: string) => [...page.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]);

  it("leaves it out of the charts with a note, and keeps it in the table", async () => {
    const page = await renderSweepReport({ sweep, metric: "loss", higherIsBetter: false, trials });
    expect(noMarkup(page)).toContain("not drawn, to keep the other trials readable: lr=10 (1.4e8), over 100× the median trial's loss; see the table");
    expect(legend(page)).toEqual(expect.arrayContaining(["lr=0.001", "lr=0.01", "lr=0.1"]));
    expect(legend(page)).not.toContain("lr=10");
    expect(page).toContain("<td>lr=10</td>");
    expect(legend(page).some((t) => /^1[0-9]{2},000,000$/.test(t!))).toBe(false);
  });

  it("but not for a metric to maximise", async () => {
    const page = await renderSweepReport({ sweep, metric: "accuracy", higherIsBetter: true, trials });
    expect(noMarkup(page)).not.toContain("not drawn");
  });
});
