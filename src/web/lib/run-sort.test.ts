import { describe, expect, it } from "vitest";
import type { RunSummary } from "./api.js";
import { defaultSort, nextSort, runOrder, sortFromParams, writeSortParams, type RunSort } from "./run-sort.js";

function run(id: string, extra: Partial<RunSummary> = {}): RunSummary {
  return { id, kind: "train", status: "completed", config: {}, tags: [], createdAt: "2026-01-01T00:00:00.000Z", updatedAt: "", stepCount: 0, epochCount: 0, best: {}, ...extra };
}

const tested = (id: string, test: Record<string, number>, createdAt = "2026-01-01T00:00:00.000Z") => run(id, { createdAt, summary: { metrics: { val: {}, test } } });
const order = (runs: RunSummary[], sort: RunSort) => [...runs].sort(runOrder(sort)).map((r) => r.id);

describe("runOrder", () => {
  it("sorts by test accuracy either way, runs without one (or NaN) last in both", () => {
    const runs = [run("none"), tested("lo", { accuracy: 0.9 }), tested("nan", { accuracy: NaN }), tested("hi", { accuracy: 0.99 })];
    expect(order(runs, { column: "test-acc", dir: "desc" })).toEqual(["hi", "lo", "none", "nan"]);
    expect(order(runs, { column: "test-acc", dir: "asc" })).toEqual(["lo", "hi", "none", "nan"]);
  });

  it("breaks ties and orders runs without values newest first, then by id descending (the server's order)", () => {
    const runs = [run("a", { createdAt: "2026-01-01T00:00:01.000Z" }), run("c"), run("b"), tested("t", { loss: 0.2 })];
    expect(order(runs, { column: "test-loss", dir: "asc" })).toEqual(["t", "a", "c", "b"]);
    expect(order(runs, defaultSort)).toEqual(["a", "t", "c", "b"]);
    expect(order(runs, { column: "started", dir: "asc" })).toEqual(["b", "c", "t", "a"]);
  });

  it("sorts best val by how good the shown metric is: accuracy higher, loss lower, accuracy-showing runs above loss-only ones", () => {
    const runs = [
      run("acc80", { best: { loss: 0.1, accuracy: 0.8 } }),
      run("loss3", { best: { loss: 0.3 } }),
      run("acc95", { best: { accuracy: 0.95, loss: 0.5 } }),
      run("loss1", { best: { loss: 0.1 } }),
      run("none"),
    ];
    expect(order(runs, { column: "best-val", dir: "desc" })).toEqual(["acc95", "acc80", "loss1", "loss3", "none"]);
    expect(order(runs, { column: "best-val", dir: "asc" })).toEqual(["loss3", "loss1", "acc80", "acc95", "none"]);
  });

  it("sorts names naturally and case-insensitively (the id when unnamed), and progress by fraction of planned steps then steps", () => {
    const names = [run("x", { name: "trial 10" }), run("y", { name: "Trial 2" }), run("abc")];
    expect(order(names, { column: "run", dir: "asc" })).toEqual(["abc", "y", "x"]);
    const progress = [
      run("half", { status: "running", plannedSteps: 400, lastStep: 199, stepCount: 200 }),
      run("done-short", { stepCount: 10 }),
      run("unplanned", { status: "running", epochCount: 3 }),
      run("done-long", { stepCount: 50 }),
    ];
    expect(order(progress, { column: "progress", dir: "desc" })).toEqual(["done-long", "done-short", "half", "unplanned"]);
    expect(order(progress, { column: "progress", dir: "asc" })).toEqual(["half", "done-short", "done-long", "unplanned"]);
  });
});

describe("the sort in the URL", () => {
  it("reverses on a second click and starts a new column in its first direction", () => {
    expect(nextSort(defaultSort, "started")).toEqual({ column: "started", dir: "asc" });
    expect(nextSort(defaultSort, "test-acc")).toEqual({ column: "test-acc", dir: "desc" });
    expect(nextSort({ column: "test-acc", dir: "desc" }, "test-acc")).toEqual({ column: "test-acc", dir: "asc" });
    expect(nextSort(defaultSort, "test-loss")).toEqual({ column: "test-loss", dir: "asc" });
    expect(nextSort(defaultSort, "run")).toEqual({ column: "run", dir: "asc" });
  });

  it("round-trips through ?sort=&dir=, leaves other parameters alone, and writes nothing for the default", () => {
    const params = new URLSearchParams("q=adam");
    writeSortParams(params, { column: "test-acc", dir: "asc" });
    expect(params.toString()).toBe("q=adam&sort=test-acc&dir=asc");
    expect(sortFromParams(params)).toEqual({ column: "test-acc", dir: "asc" });
    writeSortParams(params, defaultSort);
    expect(params.toString()).toBe("q=adam");
  });

  it("falls back to the default for an unknown column and to the column's first direction for an unknown dir", () => {
    expect(sortFromParams(new URLSearchParams("sort=config&dir=asc"))).toEqual(defaultSort);
    expect(sortFromParams(new URLSearchParams("sort=test-loss&dir=up"))).toEqual({ column: "test-loss", dir: "asc" });
  });
});
