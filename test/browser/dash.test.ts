/**
 * `lrkit dash` in real Chromium: every page loads cross-origin isolated and without console
 * errors, a run's charts update while the test writes rows into the store, the playground's
 * divergent η leaves the plot exactly past 2/λ_max, and the MNIST panel trains. Screenshots go to
 * test-artifacts/. Chromium is /usr/bin/chromium (or $CHROMIUM_PATH); `.ci/run` installs it.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";
import { build } from "vite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defaultWebRoot, startDashServer, type DashServer } from "../../src/server/index.js";
import { openStore, type RunStore } from "../../src/store/index.js";
import type { StepRow } from "../../src/log/index.js";

const root = resolve(import.meta.dirname, "../..");
const artifacts = join(root, "test-artifacts");
const chromiumPath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

let dir: string;
let store: RunStore;
let server: DashServer;
let browser: Browser;
const ids = { a: "", b: "", sweep: "", find: "", live: "", warmup: "" };

function newest(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(path).map((name) => newest(join(path, name))));
}

/** Builds the pages when dist/web is missing or older than src/web (`npm run build` normally has). */
async function ensurePagesBuilt(): Promise<void> {
  const index = join(defaultWebRoot, "index.html");
  if (existsSync(index) && statSync(index).mtimeMs >= newest(join(root, "src/web"))) return;
  await build({ configFile: join(root, "src/web/vite.config.ts"), logLevel: "error" });
}

function steps(from: number, to: number, lr = 0.1): StepRow[] {
  return Array.from({ length: to - from }, (_, i) => ({ step: from + i, epoch: 0, lr, loss: 2.3 * Math.exp(-(from + i) / 60) + 0.1, gradNorm: 1 + 1 / (1 + from + i) }));
}

/** The rows with a wall time of 0.1 s per step. */
function timed(rows: StepRow[]): StepRow[] {
  return rows.map((row) => ({ ...row, elapsed: 0.1 * (row.step + 1) }));
}

function fillStore(): void {
  const config = (lr: number, wd = 0) => ({ data: { name: "mnist" }, model: { preset: "mlp", hidden: [64] }, optimizer: { type: "SGD", lr, weight_decay: wd }, epochs: 2, batch_size: 64 });
  const finished = (name: string, lr: number, extra: Partial<Parameters<RunStore["createRun"]>[0]> = {}, status: "completed" | "stopped" = "completed") => {
    const id = store.createRun({ kind: "train", name, config: config(lr), ...extra });
    store.logSteps(id, steps(0, 200, lr));
    store.logEpoch(id, { epoch: 0, step: 100, lr, trainLoss: 0.5, val: { loss: 0.45, accuracy: 0.8 + lr / 10 }, seconds: 2 });
    if (status === "completed") store.logEpoch(id, { epoch: 1, step: 200, lr, trainLoss: 0.3, val: { loss: 0.3, accuracy: 0.85 + lr / 10 }, seconds: 2 });
    store.finishRun(id, { status });
    return id;
  };
  ids.a = finished("baseline", 0.1);
  ids.b = finished('higher lr <img src="x" onerror="document.title=1">', 0.3);
  ids.sweep = store.createSweep({ name: "lr sweep", config: { metric: "accuracy" } });
  [0.01, 0.03, 0.1, 0.3].forEach((lr, i) =>
    finished(`trial ${i}`, lr, { kind: "sweep-trial", sweepId: ids.sweep, trialKey: JSON.stringify({ lr }), config: config(lr, i % 2 ? 1e-4 : 0) }, i === 0 ? "stopped" : "completed"),
  );
  store.finishSweep(ids.sweep, { status: "completed" });
  ids.find = store.createRun({ kind: "find", name: "range test", config: config(1e-6), plannedSteps: 100 });
  const lrs = Array.from({ length: 60 }, (_, i) => 1e-6 * 10 ** (i / 10));
  const losses = lrs.map((lr) => (lr < 1 ? 2.3 - 1.5 / (1 + Math.exp(-2 * (Math.log10(lr) + 3))) : 10));
  store.logSteps(ids.find, lrs.map((lr, i) => ({ step: i, epoch: 0, lr, loss: losses[i]! })));
  store.finishRun(ids.find, { status: "completed", summary: { lrs, losses, suggestions: { steepest: 1e-3, valley: 4e-3 } } });
  ids.live = store.createRun({ kind: "train", name: "live", config: config(0.05), plannedSteps: 240 });
  store.logSteps(ids.live, timed(steps(0, 50, 0.05)));
  ids.warmup = store.createRun({ kind: "train", name: "warm-up", config: config(0.1) });
  store.logSteps(ids.warmup, steps(0, 40).map((row) => ({ ...row, lr: (0.1 * (row.step + 1)) / 40 })));
}

/** Opens `path`, waits for the page to be drawn, and returns the console errors it logged. */
async function open(page: Page, path: string): Promise<string[]> {
  const errors: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(`${m.text()} (${m.location().url}:${m.location().lineNumber})`);
  });
  page.on("pageerror", (e) => errors.push(e.stack ?? e.message));
  await page.goto(new URL(path, server.url).href);
  await page.waitForSelector("body[data-ready]", { timeout: 30_000 });
  return errors;
}

async function newPage(): Promise<Page> {
  return browser.newPage({ viewport: { width: 1280, height: 900 } });
}

beforeAll(async () => {
  if (!existsSync(chromiumPath)) throw new Error(`no Chromium at ${chromiumPath}: install it (apt-get install -y chromium) or set CHROMIUM_PATH`);
  await ensurePagesBuilt();
  mkdirSync(artifacts, { recursive: true });
  dir = mkdtempSync(join(tmpdir(), "lrkit-dash-browser-"));
  store = openStore(join(dir, "lrkit.db"));
  fillStore();
  server = await startDashServer({ storePath: join(dir, "lrkit.db"), liveIntervalMs: 200 });
  browser = await chromium.launch({ executablePath: chromiumPath, args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"] });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  store?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe("lrkit dash in Chromium", () => {
  it("loads every page cross-origin isolated and without console errors", async () => {
    const pages: [string, string, string][] = [
      ["runs", "/", "#runs-table tbody tr"],
      ["run", `/run.html?id=${ids.a}`, "#loss-chart"],
      ["range-test", `/run.html?id=${ids.find}`, "#range-test"],
      ["compare", `/compare.html?ids=${ids.a},${ids.b}`, "#compare-loss"],
      ["sweep", `/sweep.html?id=${ids.sweep}`, "#parallel-coordinates"],
      ["playground", "/playground.html", "#contour"],
    ];
    const page = await newPage();
    for (const [name, path, selector] of pages) {
      page.removeAllListeners();
      const errors = await open(page, path);
      await page.waitForSelector(selector);
      expect([name, await page.evaluate(() => crossOriginIsolated)]).toEqual([name, true]);
      expect([name, await page.locator(".error").count()]).toEqual([name, 0]);
      expect([name, await page.locator("main img").count()]).toEqual([name, 0]);
      await page.screenshot({ path: join(artifacts, `dash-${name}.png`), fullPage: true });
      expect([name, errors]).toEqual([name, []]);
    }
    await page.close();
  });

  it("shows run names as text, the sweep's trials with early-stopped ones marked, and the run's diagnosis", async () => {
    const page = await newPage();
    await open(page, "/");
    expect(await page.textContent(`tr[data-run="${ids.b}"] a`)).toBe('higher lr <img src="x" onerror="document.title=1">');
    await open(page, `/sweep.html?id=${ids.sweep}`);
    expect(await page.locator("#trials-table tbody tr").count()).toBe(4);
    expect(await page.getAttribute("#learning-curves", "data-stopped")).toBe("1");
    expect(Number(await page.getAttribute("#sweep-metric-chart", "data-points"))).toBe(4);
    await open(page, `/run.html?id=${ids.a}`);
    expect(await page.getAttribute("#diagnosis", "data-verdict")).toMatch(/^(good|too_slow|plateaued|oscillating|diverged)$/);
    await page.close();
  });

  it("runs page: the filter hides runs that do not match and is kept through a reload as ?q=; test accuracy and loss have columns", async () => {
    const config = { data: { name: "mnist" }, optimizer: { type: "AdamW", lr: 1e-3 }, scheduler: { type: "OneCycleLR", max_lr: 0.01 }, epochs: 1 };
    const id = store.createRun({ kind: "train", name: "one-cycle tested", config });
    store.finishRun(id, { status: "completed", summary: { metrics: { val: { loss: 0.09, accuracy: 0.97 }, test: { loss: 0.0812, accuracy: 0.975 } } } });
    const page = await newPage();
    const errors = await open(page, "/");
    const shown = () => page.$$eval("#runs-table tbody tr", (rows) => rows.map((r) => r.getAttribute("data-run")));
    expect(await page.textContent(`tr[data-run="${id}"] td.test-accuracy`)).toBe("97.50%");
    expect(await page.textContent(`tr[data-run="${id}"] td.test-loss`)).toBe("0.0812");
    expect(await page.textContent(`tr[data-run="${ids.a}"] td.test-accuracy`)).toBe("–");
    expect(await page.textContent(`tr[data-run="${ids.find}"] td.progress`)).toBe("60/100 steps");
    expect(await page.textContent(`tr[data-run="${ids.live}"] td.progress`)).toBe("0/2 epochs · 50/240 steps");
    expect(await page.getAttribute(`tr[data-run="${ids.live}"] td.progress [role=progressbar]`, "aria-valuenow")).toBe("20");
    const everything = await shown();
    expect(everything).toEqual(expect.arrayContaining([id, ids.a, ids.b, ids.find]));
    await page.fill("#run-filter", "onecycle");
    await expect.poll(shown).toEqual([id]);
    await page.fill("#run-filter", "ADAMW");
    await expect.poll(() => new URL(page.url()).searchParams.get("q")).toBe("ADAMW");
    expect(await shown()).toEqual([id]);
    await page.reload();
    await page.waitForSelector("body[data-ready]");
    expect(await page.inputValue("#run-filter")).toBe("ADAMW");
    expect(await shown()).toEqual([id]);
    await page.screenshot({ path: join(artifacts, "dash-runs-filter.png"), fullPage: true });
    await page.fill("#run-filter", "find");
    await expect.poll(shown).toEqual([ids.find]);
    await page.fill("#run-filter", "no such run");
    await expect.poll(shown).toEqual([]);
    expect(await page.textContent("#no-match:not([hidden])")).toBe('No run matches "no such run".');
    await page.fill("#run-filter", "");
    await expect.poll(shown).toEqual(everything);
    expect(new URL(page.url()).search).toBe("");
    expect(errors).toEqual([]);
    await page.close();
  });

  it("runs page: a header click sorts by test acc (▼ best first, again ▲), runs without one last; ▲/▼ and aria-sort on it; kept in the URL through live refreshes and a reload", async () => {
    const seed = (name: string, accuracy?: number) => {
      const id = store.createRun({ kind: "train", name, config: {} });
      const summary = accuracy === undefined ? undefined : { metrics: { val: { accuracy }, test: { loss: 1 - accuracy, accuracy } } };
      store.finishRun(id, { status: "completed", summary });
      return id;
    };
    const [lo, none, hi] = [seed("sortcase lo", 0.9), seed("sortcase none"), seed("sortcase hi", 0.99)];
    const page = await newPage();
    const errors = await open(page, "/?q=sortcase");
    const shown = () => page.$$eval("#runs-table tbody tr", (rows) => rows.map((r) => r.getAttribute("data-run")));
    const sorted = () => page.$$eval("#runs-table th[aria-sort]", (ths) => ths.map((th) => [th.getAttribute("data-sort"), th.getAttribute("aria-sort"), th.textContent]));
    const testAcc = '#runs-table th[data-sort="test-acc"] button';
    expect(await sorted()).toEqual([["started", "descending", "started ▼"]]);
    await page.click(testAcc);
    await expect.poll(shown).toEqual([hi, lo, none]);
    expect(await sorted()).toEqual([["test-acc", "descending", "test acc ▼"]]);
    expect(new URL(page.url()).search).toBe("?q=sortcase&sort=test-acc&dir=desc");
    await page.click(testAcc);
    await expect.poll(shown).toEqual([lo, hi, none]);
    expect(await sorted()).toEqual([["test-acc", "ascending", "test acc ▲"]]);
    expect(new URL(page.url()).search).toBe("?q=sortcase&sort=test-acc&dir=asc");
    const mid = seed("sortcase mid", 0.95);
    await expect.poll(shown, { timeout: 15_000 }).toEqual([lo, mid, hi, none]);
    await page.reload();
    await page.waitForSelector("body[data-ready]");
    expect(await shown()).toEqual([lo, mid, hi, none]);
    expect(await sorted()).toEqual([["test-acc", "ascending", "test acc ▲"]]);
    await page.screenshot({ path: join(artifacts, "dash-runs-sorted.png"), fullPage: true });
    expect(errors).toEqual([]);
    await page.close();
  });

  it("runs page: the filter box also narrows the sweeps by name, id and status, with a note when none matches", async () => {
    const other = store.createSweep({ name: "momentum search", config: { metric: "loss" } });
    const page = await newPage();
    const errors = await open(page, "/");
    const sweeps = () => page.$$eval("#sweeps-table tbody tr", (rows) => rows.map((r) => r.getAttribute("data-sweep")));
    expect(await sweeps()).toEqual(expect.arrayContaining([ids.sweep, other]));
    await page.fill("#run-filter", "momentum");
    await expect.poll(sweeps).toEqual([other]);
    await page.fill("#run-filter", "lr completed");
    await expect.poll(sweeps).toEqual([ids.sweep]);
    await page.fill("#run-filter", other);
    await expect.poll(sweeps).toEqual([other]);
    expect(await page.isHidden("#no-sweep-match")).toBe(true);
    await page.fill("#run-filter", "no such sweep");
    await expect.poll(sweeps).toEqual([]);
    expect(await page.textContent("#no-sweep-match:not([hidden])")).toBe('No sweep matches "no such sweep".');
    store.finishSweep(other, { status: "completed" });
    expect(errors).toEqual([]);
    await page.close();
  });

  it("updates a running run's charts within seconds as the trainer logs rows, sharpness λ_max against 2/η with each epoch", async () => {
    const page = await newPage();
    const errors = await open(page, `/run.html?id=${ids.live}`);
    const points = async (selector: string) => Number((await page.getAttribute(selector, "data-points")) ?? 0);
    expect(await points("#loss-chart")).toBe(100);
    expect(await page.textContent("#run-progress")).toBe("0/2 epochs · 50/240 steps · 20% · 5.0 s so far · ETA 19 s");
    store.logSteps(ids.live, timed(steps(50, 120, 0.05)));
    await expect.poll(() => points("#loss-chart"), { timeout: 5000 }).toBe(240);
    expect(await page.textContent("#run-progress")).toBe("0/2 epochs · 120/240 steps · 50% · 12 s so far · ETA 12 s");
    expect(await page.getAttribute("#run-progress [role=progressbar]", "aria-valuenow")).toBe("50");
    expect(await points("#lr-chart")).toBe(120);
    expect(await page.locator("#sharpness-chart").count()).toBe(0);
    store.logSharpness(ids.live, [
      { step: 0, sharpness: 12, threshold: 40 },
      { step: 100, sharpness: 41, threshold: 40 },
    ]);
    store.logEpoch(ids.live, { epoch: 0, step: 120, lr: 0.05, trainLoss: 0.4, val: { loss: 0.42, accuracy: 0.88 }, seconds: 1 });
    await page.waitForSelector("#epoch-charts figure", { timeout: 5000 });
    await expect.poll(() => points("#sharpness-chart"), { timeout: 5000 }).toBe(4);
    store.finishRun(ids.live, { status: "completed" });
    await page.waitForSelector('#run-header[data-status="completed"]', { timeout: 5000 });
    await page.screenshot({ path: join(artifacts, "dash-live-run.png"), fullPage: true });
    expect(errors).toEqual([]);
    await page.close();
  });

  it("plots an Adam run's preconditioned sharpness λ_max(P⁻¹H) with (2+2β₁)/(η(1−β₁)) beside λ_max and 2/η", async () => {
    const id = store.createRun({ kind: "train", name: "adam preconditioned", config: { optimizer: { type: "Adam", lr: 0.01 }, sharpness: { every: 100, preconditioned: true } } });
    store.logSteps(id, steps(0, 200, 0.01));
    store.logSharpness(id, [
      { step: 0, sharpness: 20, threshold: 200, preconditioned: 900, preconditionedThreshold: 3800 },
      { step: 100, sharpness: 60, threshold: 200, preconditioned: 3700, preconditionedThreshold: 3800 },
    ]);
    store.finishRun(id, { status: "completed" });
    const page = await newPage();
    const errors = await open(page, `/run.html?id=${id}`);
    expect(Number(await page.getAttribute("#sharpness-chart", "data-points"))).toBe(8);
    const chart = (await page.textContent("#sharpness-chart")) ?? "";
    for (const label of ["λ_max(P⁻¹H)", "(2+2β₁)/(η(1−β₁))", "2/η"]) expect(chart).toContain(label);
    await page.screenshot({ path: join(artifacts, "dash-preconditioned-sharpness.png"), fullPage: true });
    expect(errors).toEqual([]);
    await page.close();
  });

  it("compare: overlays the runs' sharpness λ_max with each run's 2/η when they probe it, and draws no such chart when none does", async () => {
    const probed = [0.1, 0.2].map((lr, i) => {
      const id = store.createRun({ kind: "train", name: `probed ${lr}`, config: { data: { name: "mnist" }, model: { preset: "mlp", hidden: [64] }, optimizer: { type: "SGD", lr }, sharpness: { every: 50 } } });
      store.logSteps(id, steps(0, 100, lr));
      store.logSharpness(id, [
        { step: 0, sharpness: 5, threshold: 2 / lr },
        { step: 50 + i, sharpness: 2 / lr, threshold: 2 / lr },
      ]);
      store.finishRun(id, { status: "completed" });
      return id;
    });
    const page = await newPage();
    const errors = await open(page, `/compare.html?ids=${probed.join(",")}`);
    expect(Number(await page.getAttribute("#compare-sharpness", "data-points"))).toBe(8);
    const chart = (await page.textContent("#compare-sharpness")) ?? "";
    for (const label of ["probed 0.1 λ_max", "probed 0.1 2/η", "probed 0.2 λ_max", "probed 0.2 2/η"]) expect(chart).toContain(label);
    await page.screenshot({ path: join(artifacts, "dash-compare-sharpness.png"), fullPage: true });
    await open(page, `/compare.html?ids=${ids.a},${ids.b}`);
    expect(await page.locator("#compare-sharpness").count()).toBe(0);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("a run's loss chart takes a smoothing β and a linear or log y axis", async () => {
    const page = await newPage();
    const errors = await open(page, `/run.html?id=${ids.a}`);
    expect(Number(await page.inputValue("#smoothing"))).toBeCloseTo(0.9, 5);
    const updates = Number(await page.getAttribute("#loss-chart", "data-updates"));
    await page.fill("#smoothing", "0.5");
    await expect.poll(async () => Number(await page.getAttribute("#loss-chart", "data-updates"))).toBeGreaterThan(updates);
    expect(await page.textContent("#smoothing-value")).toBe("0.5");
    expect(await page.getAttribute("#loss-chart", "data-log-y")).toBe("true");
    await page.uncheck("#log-y");
    await page.waitForSelector('#loss-chart[data-log-y="false"]');
    expect(await page.getAttribute("#lr-chart", "data-log-y")).toBe("false");
    await expect.poll(() => page.getAttribute("#loss-chart", "data-points")).toBe("400");
    expect(await page.locator("#loss-chart").count()).toBe(1);
    expect(await page.locator("#lr-chart").count()).toBe(1);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("a run's step charts share one cursor and take step, epoch or wall time as their x axis, kept in the URL", async () => {
    const page = await newPage();
    const errors = await open(page, `/run.html?id=${ids.a}`);
    const cursor = (chart: string) => page.$eval(`${chart} .u-cursor-x`, (e) => (e as HTMLElement).style.transform);
    const box = (await page.locator("#loss-chart .u-over").boundingBox())!;
    await page.mouse.move(box.x + box.width * 0.3, box.y + box.height / 2);
    await expect.poll(() => cursor("#lr-chart")).toBe(await cursor("#loss-chart"));
    await page.mouse.move(box.x + box.width * 0.7, box.y + box.height / 2);
    await expect.poll(() => cursor("#grad-chart")).toBe(await cursor("#loss-chart"));
    expect(await cursor("#lr-chart")).toBe(await cursor("#loss-chart"));
    expect(await page.getAttribute("#x-axis option[value=time]", "disabled")).not.toBeNull();
    expect(await page.getAttribute("#x-axis option[value=time]", "title")).toMatch(/logged no wall time/);
    await page.selectOption("#x-axis", "epoch");
    await page.waitForSelector('#loss-chart[data-x="epoch"]');
    expect(await page.getAttribute("#lr-chart", "data-x")).toBe("epoch");
    expect(new URL(page.url()).searchParams.get("x")).toBe("epoch");
    await page.reload();
    await page.waitForSelector("body[data-ready]");
    expect(await page.inputValue("#x-axis")).toBe("epoch");
    expect(await page.getAttribute("#loss-chart", "data-x")).toBe("epoch");
    expect(await page.locator("#loss-chart").count()).toBe(1);
    await open(page, `/run.html?id=${ids.live}&x=time`);
    expect(await page.getAttribute("#loss-chart", "data-x")).toBe("wall time (s)");
    expect(Number(await page.getAttribute("#loss-chart", "data-points"))).toBeGreaterThan(0);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("gives a live run no verdict while η is still rising, and one once η has stopped rising", async () => {
    const page = await newPage();
    const errors = await open(page, `/run.html?id=${ids.warmup}`);
    expect(await page.getAttribute("#diagnosis", "data-verdict")).toBe("warmup");
    expect(await page.textContent("#diagnosis .verdict")).toBe("warming up");
    expect(await page.textContent("#diagnosis .evidence")).toBe("η is still rising: 0.1 at step 39, up from 0.0025");
    store.logSteps(ids.warmup, steps(40, 200));
    await expect.poll(() => page.getAttribute("#diagnosis", "data-verdict"), { timeout: 10_000 }).toMatch(/^(good|too_slow|plateaued|oscillating|diverged)$/);
    store.finishRun(ids.warmup, { status: "completed" });
    expect(errors).toEqual([]);
    await page.close();
  });

  it("playground: an η list it cannot read is kept as typed, with what is wrong beside it", async () => {
    const page = await newPage();
    const errors = await open(page, "/playground.html");
    const generation = await page.getAttribute("#race", "data-generation");
    await page.fill("#lrs", "0.1, 0.2x, 0.3");
    await page.click("#run");
    await page.waitForSelector("#lrs-error:not([hidden])");
    expect(await page.textContent("#lrs-error")).toBe('η #2 "0.2x" is not a number');
    expect(await page.inputValue("#lrs")).toBe("0.1, 0.2x, 0.3");
    expect(await page.getAttribute("#lrs", "aria-invalid")).toBe("true");
    expect(await page.getAttribute("#race", "data-generation")).toBe(generation);
    await page.fill("#lrs", "0.1, 0.2");
    await page.click("#run");
    await page.waitForSelector("#lrs-error[hidden]", { state: "attached" });
    expect(await page.getAttribute("#race", "data-generation")).not.toBe(generation);
    await expect.poll(() => page.locator("#trajectories li").count(), { timeout: 10_000 }).toBe(2);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("playground: η just above 2/λ_max leaves the plot, η just below does not", async () => {
    const page = await newPage();
    const errors = await open(page, "/playground.html");
    expect(await page.getAttribute("#edge-value", "data-edge")).toBe("0.2");
    await page.selectOption("#speed", "20");
    await page.fill("#steps", "300");
    await page.fill("#lrs", "0.1, 0.19, 0.198, 0.202, 0.21");
    await page.click("#run");
    const generation = await page.getAttribute("#race", "data-generation");
    await page.waitForSelector(`#race[data-generation="${generation}"][data-finished="true"]`, { timeout: 30_000 });
    const trajectories = await page.$$eval("#trajectories li", (items) =>
      items.map((li) => ({ lr: Number(li.getAttribute("data-lr")), diverged: li.getAttribute("data-diverged"), leftAt: li.getAttribute("data-left-at") })),
    );
    expect(trajectories.map((t) => [t.lr, t.diverged])).toEqual([
      [0.1, "false"],
      [0.19, "false"],
      [0.198, "false"],
      [0.202, "true"],
      [0.21, "true"],
    ]);
    expect(trajectories.filter((t) => t.leftAt !== null).map((t) => t.lr)).toEqual([0.202, 0.21]);
    expect(Number(await page.getAttribute("#gap-chart", "data-points"))).toBeGreaterThan(600);
    await page.locator("#surface-panel").screenshot({ path: join(artifacts, "playground-edge.png") });
    expect(errors).toEqual([]);
    await page.close();
  });

  it("playground: trains an MLP on the bundled MNIST subset with live loss and η charts", async () => {
    const page = await newPage();
    const errors = await open(page, "/playground.html");
    await page.fill("#mnist-epochs", "1");
    await page.click("#mnist-train");
    await page.waitForSelector('#mnist-panel[data-state="idle"]', { timeout: 60_000 });
    expect(await page.textContent("#mnist-status")).toMatch(/test accuracy 0\.[3-9]\d* on 500 digits/);
    expect(Number(await page.getAttribute("#mnist-loss-chart", "data-points"))).toBeGreaterThanOrEqual(50);
    expect(Number(await page.getAttribute("#mnist-lr-chart", "data-points"))).toBeGreaterThanOrEqual(25);
    await page.locator("#mnist-panel").screenshot({ path: join(artifacts, "playground-mnist.png") });
    expect(errors).toEqual([]);
    await page.close();
  });
});
