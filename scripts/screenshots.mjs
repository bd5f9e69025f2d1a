#!/usr/bin/env node
/**
 * The pictures in README.md and docs/ (`npm run screenshots`, about a minute on 2 cores): a small
 * `lrkit study` (MLP, 60 steps a run), a 6-trial iris sweep and an iris training run with its
 * report, recorded into a fresh run store in a temporary folder, then the study report, the
 * training run's report and every dashboard page (runs, a run, the range test, the comparison, the
 * sweep, the playground) shot in headless Chromium at 1280 px wide into docs/images/*.png. Needs `npm run build` and Chromium (/usr/bin/chromium or $CHROMIUM_PATH);
 * datasets from $LRKIT_DATA_DIR, else ../shared/datasets.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { chromium } from "playwright-core";
import { startDashServer } from "../dist/server/index.js";

const root = resolve(import.meta.dirname, "..");
const images = join(root, "docs/images");
const cli = join(root, "dist/cli/main.js");
const dir = mkdtempSync(join(tmpdir(), "lrkit-screenshots-"));
const store = join(dir, "lrkit.db");
const env = { ...process.env, LRKIT_STORE: store };
/** Each PNG stays under this many bytes; a page taller than `maxHeight` is cut there. */
const maxBytes = 300 * 1024;
const maxHeight = 2200;

function check(path, height) {
  const bytes = statSync(path).size;
  console.log(`${path}: ${height} px tall, ${(bytes / 1024).toFixed(0)} KB`);
  if (bytes > maxBytes) throw new Error(`${path} is ${(bytes / 1024).toFixed(0)} KB, over ${maxBytes / 1024} KB`);
}

/** Runs lrkit in `cwd`, so the runs are named by paths as a user would type them. */
const lrkitIn = (cwd, ...args) => execFileSync(process.execPath, [cli, ...args], { cwd, env, stdio: ["ignore", "pipe", "inherit"], encoding: "utf8" });
const lrkit = (...args) => lrkitIn(dir, ...args);

try {
  const report = join(dir, "report.html");
  const study = JSON.parse(lrkit("study", "--steps", "60", "--model", "mlp", "--out", report, "--json"));
  const sweepConfig = join(dir, "sweep-iris.yaml");
  writeFileSync(
    sweepConfig,
    "data: { name: iris }\nmodel: { preset: mlp, hidden: [16] }\noptimizer: { type: SGD, lr: 0.1, momentum: 0.9 }\nepochs: 9\nbatch_size: 16\nseed: 0\n" +
      "search:\n  method: grid\n  metric: loss\n  scheduler: { type: asha, reduction_factor: 3, grace_period: 1 }\n  space:\n    optimizer.lr: { loguniform: [0.001, 3], points: 6 }\n",
  );
  const sweep = JSON.parse(lrkit("sweep", "--config", "sweep-iris.yaml", "--workers", "0", "--json"));
  const sweepId = sweep.sweep_id;
  const runReport = join(dir, "report-run.html");
  lrkitIn(root, "train", "--config", "configs/iris-mlp.yaml", "--report", runReport, "--json");
  const runIds = study.runs.map((r) => r.runId);

  const server = await startDashServer({ storePath: store });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
  });
  const shots = [
    ["study-report", pathToFileURL(report).href, "main"],
    ["report-run", pathToFileURL(runReport).href, "main"],
    ["dash-runs", new URL("/", server.url).href, "#runs-table tbody tr"],
    ["dash-run", new URL(`/run.html?id=${runIds[0]}`, server.url).href, "#loss-chart"],
    ["dash-range-test", new URL(`/run.html?id=${study.find_id}`, server.url).href, "#range-test"],
    ["dash-compare", new URL(`/compare.html?ids=${runIds.join(",")}`, server.url).href, "#compare-loss"],
    ["dash-sweep", new URL(`/sweep.html?id=${sweepId}`, server.url).href, "#parallel-coordinates"],
    ["dash-playground", new URL("/playground.html", server.url).href, "#contour"],
  ];
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    for (const [name, url, selector] of shots) {
      await page.goto(url);
      await page.waitForSelector(selector);
      if (url.startsWith("http")) await page.waitForSelector("body[data-ready]");
      await page.waitForTimeout(name === "dash-playground" ? 3000 : 500);
      const height = Math.min(maxHeight, await page.evaluate(() => globalThis.document.documentElement.scrollHeight));
      const path = join(images, `${name}.png`);
      await page.screenshot({ path, fullPage: true, clip: { x: 0, y: 0, width: 1280, height } });
      check(path, height);
      if (name === "study-report") {
        // The runs' half of the report: from the overlaid loss chart to the diagnoses' end.
        const [top, bottom] = await page.evaluate(() => {
          const heading = (text) => [...globalThis.document.querySelectorAll("h2")].find((h) => h.textContent === text).getBoundingClientRect().top + globalThis.scrollY;
          return [heading("Loss per step"), heading("Config differences")];
        });
        const runs = join(images, "study-report-runs.png");
        const cut = Math.min(maxHeight, bottom - top);
        await page.screenshot({ path: runs, fullPage: true, clip: { x: 0, y: top - 16, width: 1280, height: cut } });
        check(runs, cut);
      }
    }
  } finally {
    await browser.close();
    await server.close();
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
