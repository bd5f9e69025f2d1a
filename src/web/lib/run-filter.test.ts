import { describe, expect, it } from "vitest";
import type { RunSummary, SweepRecord } from "./api.js";
import { matchesFilter, sweepMatchesFilter } from "./run-filter.js";

function run(extra: Partial<RunSummary>): RunSummary {
  return { id: "r1", kind: "train", status: "completed", config: {}, tags: [], createdAt: "", updatedAt: "", stepCount: 0, epochCount: 0, best: {}, ...extra };
}

describe("matchesFilter", () => {
  const adam = run({ id: "a7", name: "Baseline", config: { optimizer: { type: "AdamW", lr: 1e-3 }, scheduler: { type: "OneCycleLR" } } });
  const sgd = run({ id: "s2", name: "momentum", status: "diverged", kind: "sweep-trial", config: { optimizer: { type: "SGD" } } });

  it("finds a case-insensitive substring of the name, id, kind, status, optimizer or scheduler type", () => {
    const hits = (q: string) => [adam, sgd].filter((r) => matchesFilter(r, q)).map((r) => r.id);
    expect(hits("baseLINE")).toEqual(["a7"]);
    expect(hits("s2")).toEqual(["s2"]);
    expect(hits("trial")).toEqual(["s2"]);
    expect(hits("DIVER")).toEqual(["s2"]);
    expect(hits("adam")).toEqual(["a7"]);
    expect(hits("onecycle")).toEqual(["a7"]);
    expect(hits("cosine")).toEqual([]);
  });

  it("needs every word of the query to match some field, and an empty query matches all", () => {
    expect(matchesFilter(adam, "adam comp")).toBe(true);
    expect(matchesFilter(adam, "adam diverged")).toBe(false);
    expect(matchesFilter(sgd, "  ")).toBe(true);
  });

  it("does not read config values other than the two types", () => {
    expect(matchesFilter(adam, "0.001")).toBe(false);
    expect(matchesFilter(run({ config: { optimizer: "Adam" } }), "adam")).toBe(false);
  });
});

describe("sweepMatchesFilter", () => {
  const sweep: SweepRecord = { id: "sw9", name: "LR grid", status: "running", config: { metric: "accuracy" }, createdAt: "" };

  it("finds every word in the sweep's name, id or status, case-insensitively", () => {
    expect(sweepMatchesFilter(sweep, "grid")).toBe(true);
    expect(sweepMatchesFilter(sweep, "SW9 run")).toBe(true);
    expect(sweepMatchesFilter(sweep, "grid completed")).toBe(false);
    expect(sweepMatchesFilter(sweep, "")).toBe(true);
  });

  it("does not read the sweep's config, and an unnamed sweep matches by its id", () => {
    expect(sweepMatchesFilter(sweep, "accuracy")).toBe(false);
    expect(sweepMatchesFilter({ ...sweep, name: undefined }, "sw9")).toBe(true);
  });
});
