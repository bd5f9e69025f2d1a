import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildFixtureStore, evilName, type FixtureIds } from "./testing/fixture-store.js";
import { writeReport } from "./index.js";

let dir: string;
let store: string;
let ids: FixtureIds;
const reports: Record<string, string> = {};

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "lrkit-report-"));
  store = join(dir, "runs.db");
  ids = buildFixtureStore(store);
  const targets = { good: [ids.good], diverged: [ids.diverged], find: [ids.find], sweep: [ids.sweep], compare: [ids.good, ids.diverged], study: [ids.studyFind, ids.good, ids.diverged] };
  for (const [name, targetIds] of Object.entries(targets)) {
    const out = join(dir, `${name}.html`);
    await writeReport(store, targetIds, out);
    reports[name] = readFileSync(out, "utf8");
  }
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

const headings = (page: string) => [...page.matchAll(/<h2>([^<]*)<\/h2>/g)].map((m) => m[1]);
const svgTexts = (page: string) => [...page.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]!.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&"));
/** The page's visible text outside the SVGs, with tags removed and entities decoded. */
function prose(page: string): string {
  return page
    .replace(/<svg[\s\S]*?<\/svg>|<style>[\s\S]*?<\/style>/g, "")
    .replace(/<[^>]+>/g, " ")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, "&")
    .replace(/\s+/g, " ");
}
/** Rows of the table after the heading `h2`, as arrays of cell texts. */
function tableAfter(page: string, h2: string): string[][] {
  const start = page.indexOf(`<h2>${h2}</h2>`);
  const body = page.slice(start, page.indexOf("</table>", start));
  return [...body.matchAll(/<tr[^>]*>([\s\S]*?)<\/tr>/g)].map((row) => [...row[1]!.matchAll(/<t[dh][^>]*>([\s\S]*?)<\/t[dh]>/g)].map((c) => prose(c[1]!).trim()));
}

describe("a train run's report", () => {
  it("has the title, status, diagnosis, metrics, curves and config", () => {
    const page = reports.good!;
    expect(page).toMatch(/<title>iris good · lrkit report<\/title>/);
    expect(page).toContain('<span class="badge completed">completed</span>');
    expect(headings(page)).toEqual(["Learning-rate diagnosis", "Results", "Curves", "Config"]);
    expect(page).toMatch(/learning rate verdict:<\/strong> <span class="badge (good|too_slow|plateaued|oscillating|diverged)">/);
    expect(prose(page)).toContain("suggestion:");
    expect(tableAfter(page, "Results")).toEqual([
      ["metric", "val", "test", "best val over epochs"],
      ["loss", "0.4", "0.4567", "0.4"],
      ["accuracy", "0.8", "0.7654", "0.8"],
    ]);
    const titles = svgTexts(page);
    expect(titles).toEqual(expect.arrayContaining(["Loss per step", "Learning rate η per step", "Gradient norm per step", "Loss per epoch", "Validation accuracy per epoch", "StepLR"]));
    expect(titles).toEqual(expect.arrayContaining(["60.0%", "80.0%"]));
    expect(page.match(/<svg /g)).toHaveLength(5);
    expect(page).toContain("type: StepLR");
    expect(prose(page)).toContain("per-epoch log (3 epochs)");
  });

  it("draws a loss that spans decades on a log axis and a flat one on a linear axis", () => {
    expect(svgTexts(reports.good!)).toContain("loss (log scale)");
    expect(svgTexts(reports.diverged!)).not.toContain("loss (log scale)");
  });

  it("a diverged run still renders: divergence marked, non-finite losses dropped, reason shown", () => {
    const page = reports.diverged!;
    expect(page).toContain('<span class="badge diverged">diverged</span>');
    expect(page).toMatch(/learning rate verdict:<\/strong> <span class="badge diverged">/);
    expect(prose(page)).toContain("red dashed line: diverged at step 30 (η = 3); 10 non-finite losses are not drawn");
    const lossFigure = /<figure>(<svg[\s\S]*?<\/svg>)<figcaption>faint: the loss/.exec(page)![1]!;
    expect(lossFigure).toMatch(/<line aria-label="step: 30" role="graphics-symbol" aria-roledescription="rule mark"[^>]*stroke="#d62728"/);
    expect(prose(page)).toContain("stopped early (non finite): loss became NaN at step 30 with lr 3 <b>");
    for (const svg of page.match(/<svg[\s\S]*?<\/svg>/g)!) expect(svg).not.toMatch(/NaN|Infinity/);
  });
});

describe("an LR range test's report", () => {
  it("shows the suggestions as a table and on the range-test chart, and that it stopped early", () => {
    const page = reports.find!;
    expect(headings(page)).toEqual(["Suggested learning rates", "Loss against η", "Config"]);
    const rows = tableAfter(page, "Suggested learning rates");
    expect(rows.map((r) => r.slice(0, 2))).toEqual([
      ["rule", "η"],
      ["steepest", "0.001"],
      ["valley", "2.5e-4"],
      ["minimum", "–"],
    ]);
    expect(Number(rows[1]![2])).toBeCloseTo(2.3, 1);
    expect(prose(page)).toContain("The test stopped early, before η reached the end of its range: loss 7.3 > 4 × best 1.9 at lr 3.2.");
    expect(prose(page)).toContain("smoothed training loss against η");
    expect(svgTexts(page)).toEqual(expect.arrayContaining(["LR range test", "learning rate η (log scale)", "steepest = 0.001", "valley = 2.5e-4"]));
  });
});

describe("a sweep's report", () => {
  it("ranks the trials (latest run of each) by the sweep's metric, best first, stopped ones below the finished, no value last, and names the best", () => {
    const page = reports.sweep!;
    expect(headings(page)).toEqual(["Final validation loss against η", "Learning curves", "Trials, best first", "Config"]);
    const rows = tableAfter(page, "Trials, best first");
    expect(rows[0]).toEqual(["rank", "η", "final val loss", "status", "stopped early", "epochs", "steps", "run", "trial"]);
    expect(rows.slice(1).map((r) => [r[1], r[2], r[3], r[4], r[5], r[8]])).toEqual([
      ["0.01", "0.3", "completed", "no", "3", "optimizer.lr=0.01"],
      ["0.001", "0.9", "completed", "no", "3", "optimizer.lr=0.001"],
      ["0.1", "0.5", "stopped", "yes", "1", "optimizer.lr=0.1"],
      ["1", "NaN", "diverged", "no", "3", "optimizer.lr=1"],
    ]);
    expect(rows[1]![7]).toBe(ids.trials[1]);
    expect(page).toMatch(/<tr class="best"><td class="num">1<\/td><td class="num">0.01<\/td>/);
    expect(prose(page)).toContain(`best trial: η = 0.01 with loss 0.3 (lower is better), run ${ids.trials[1]}`);
    expect(prose(page)).toContain("4 trials 1 stopped early");
  });

  it("plots metric against η on a log axis with the early-stopped trial marked, and every learning curve", () => {
    const texts = svgTexts(reports.sweep!);
    expect(texts).toEqual(expect.arrayContaining(["learning rate η (log scale)", "final val loss", "stopped early", "best", "optimizer.lr=0.001", "optimizer.lr=0.01", "optimizer.lr=0.1", "optimizer.lr=1", "val loss"]));
  });
});

describe("a comparison report", () => {
  it("has a summary, the losses of all runs on one chart, their test accuracy, their η, each diagnosis, and tables of the runs, config differences and results", () => {
    const page = reports.compare!;
    expect(page).toContain("<h1>Comparison of 2 runs</h1>");
    expect(headings(page)).toEqual(["Summary", "Runs", "Loss per step", "Test accuracy", "Learning rate η per step", "What η did in each run", "Config differences", "Results"]);
    expect(page).not.toContain("recommended η*");
    const summary = tableAfter(page, "Summary");
    expect(summary[0]).toEqual(["run", "η", "test accuracy", "η verdict", "what to change"]);
    expect(summary.slice(1).map((r) => r.slice(0, 3))).toEqual([
      ["iris good", "0.1", "76.54%"],
      [evilName, "3", "–"],
    ]);
    expect(summary[2]![3]).toBe("diverged");
    expect(summary[2]![4]).toMatch(/lower/);
    expect([...page.matchAll(/<figure>/g)]).toHaveLength(3);
    expect(svgTexts(page)).toEqual(expect.arrayContaining(["test accuracy", "76.5%", "run", "schedule"]));
    expect([...page.matchAll(/learning rate verdict:/g)]).toHaveLength(2);
    expect([...page.matchAll(/<strong>suggestion:<\/strong>/g)]).toHaveLength(2);
    expect(svgTexts(page)).toEqual(expect.arrayContaining(["iris good", evilName]));
    const runs = tableAfter(page, "Runs");
    expect(runs.slice(1).map((r) => [r[0], r[1], r[3]])).toEqual([
      ["iris good", ids.good, "completed"],
      [evilName, ids.diverged, "diverged"],
    ]);
    expect(runs[2]![7]).toBe("diverged");
    const config = tableAfter(page, "Config differences");
    expect(config[0]).toEqual(["", "iris good", evilName]);
    expect(config.map((r) => r[0])).toEqual(expect.arrayContaining(["optimizer.lr", "scheduler.type", "note"]));
    expect(config.find((r) => r[0] === "optimizer.lr")!.slice(1)).toEqual(["0.1", "3"]);
    expect(tableAfter(page, "Results").find((r) => r[0] === "status")!.slice(1)).toEqual(["completed", "diverged"]);
  });
});

describe("a study's report (a range test and the runs trained from it)", () => {
  it("names η*, its rule and the alternatives at the top, then the range test with η* marked and its sweep, not a logged lr", () => {
    const page = reports.study!;
    expect(headings(page).slice(0, 2)).toEqual(["Summary", "study: LR range test"]);
    const top = prose(page.slice(0, page.indexOf("<h2>study: LR range test</h2>")));
    expect(top).toContain("recommended η* = 0.00123 : the minimum rule, the η of the lowest smoothed loss ÷ 10");
    expect(top).toContain("alternatives: valley 2.5e-4");
    expect(top).not.toContain("steep");
    expect(prose(page)).toContain("50 steps sweeping η from 1e-6 to 10");
    expect(prose(page)).not.toMatch(/0 steps logged|0 epochs logged/);
    expect(page).toContain("lr: swept 1e-6 → 10 by the range test");
    expect(page).not.toContain("lr: 0.01");
    expect(svgTexts(page)).toEqual(expect.arrayContaining(["η* = minimum = 0.00123", "valley = 2.5e-4"]));
    expect(tableAfter(page, "study: LR range test").find((r) => r[0]!.startsWith("minimum"))![0]).toBe("minimum (η*)");
  });
});

describe("every report is self-contained and safe", () => {
  it("escapes run names, configs and errors: no script element anywhere", () => {
    for (const page of [reports.diverged!, reports.compare!]) {
      expect(page).not.toMatch(/<script/i);
      expect(page).toContain("&lt;script&gt;alert(&quot;pwned&quot;)&lt;/script&gt;");
    }
    expect(reports.diverged).toContain("note: &lt;/pre&gt;&lt;script&gt;bad()&lt;/script&gt;");
    expect(reports.diverged).toContain("with lr 3 &lt;b&gt;");
  });

  it("requests nothing: http only in SVG namespaces, no src, no links, no url() but to ids in the page", () => {
    for (const page of Object.values(reports)) {
      const urls = page.match(/https?:[^"'\s)]*/g) ?? [];
      expect(new Set(urls)).toEqual(new Set(["http://www.w3.org/2000/svg", "http://www.w3.org/1999/xlink"]));
      expect(page).not.toMatch(/<(script|link|img|iframe|object|embed)\b|\bsrc=|@import/i);
      const ids = [...page.matchAll(/\bid="([^"]+)"/g)].map((m) => m[1]);
      expect(new Set(ids).size).toBe(ids.length);
      for (const [, ref] of page.matchAll(/url\(([^)]*)\)/g)) expect(ids).toContain(ref!.replace(/^#/, ""));
    }
  });

  it("has a Content-Security-Policy that allows nothing but its own style sheet, by hash", () => {
    for (const page of Object.values(reports)) {
      const policy = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(page)![1]!.replace(/&#39;/g, "'");
      const css = /<style>([\s\S]*?)<\/style>/.exec(page)![1]!;
      const hash = createHash("sha256").update(css).digest("base64");
      expect(policy).toBe(`default-src 'none'; style-src 'sha256-${hash}'; img-src data:; base-uri 'none'; form-action 'none'`);
      expect(page).not.toMatch(/\sstyle="/);
    }
  });

  it("stays small: a typical train run's report is well under 1 MB", () => {
    expect(reports.good!.length).toBeLessThan(1_000_000);
  });
});
