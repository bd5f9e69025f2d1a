/** End-to-end: `lrkit study` as a user runs it, made small (an MLP, 10 steps a run; seconds). */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { openStore } from "../src/store/index.js";
import { cliWithStore } from "./run-cli.js";

const dir = mkdtempSync(join(tmpdir(), "lrkit-study-"));
const store = join(dir, "runs.db");
const lrkit = cliWithStore(store);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("lrkit study", () => {
  it("takes the recommended η (the minimum rule) as η*, prints the other rules as alternatives, and names η* at the top of the report", async () => {
    const out = join(dir, "report.html");
    const result = await lrkit("study", "--steps", "10", "--model", "mlp", "--out", out, "--json");
    expect(result.code).toBe(0);
    const summary = JSON.parse(result.stdout);
    const opened = openStore(store, { readonly: true });
    const stored = opened.getRun(summary.find_id).summary as { suggestions: Record<string, number | null> };
    opened.close();
    const minimum = stored.suggestions.minimum!;
    expect(summary.recommended.rule).toBe("minimum");
    expect(summary.recommended.lr).toBe(Number(minimum.toPrecision(3)));
    expect(summary.recommended.alternatives.map((a: { rule: string }) => a.rule)).toEqual(Object.keys(stored.suggestions).filter((rule) => rule !== "minimum" && stored.suggestions[rule] !== null));
    expect(summary.runs[0].lr).toBe(`OneCycleLR max_lr ${summary.recommended.lr}`);
    const page = readFileSync(out, "utf8");
    expect(page.indexOf("recommended η* = ")).toBeGreaterThan(0);
    expect(page.indexOf("recommended η* = ")).toBeLessThan(page.indexOf("<h2>study: LR range test</h2>"));

    const text = await lrkit("study", "--steps", "10", "--model", "mlp", "--out", out);
    expect(text.stderr).toMatch(new RegExp(`LR range test: η\\* = ${summary.recommended.lr} \\(minimum rule: lowest loss ÷ 10; alternatives valley [\\d.e-]+, `));
  });
});
