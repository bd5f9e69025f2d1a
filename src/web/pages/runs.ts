/**
 * The runs list: the newest 200 runs with their kind, status, config summary, best validation
 * metric, final test accuracy and loss, and progress (steps taken of those planned), refreshed
 * every 2 s while one is running (else every 10 s: each refresh counts every run's steps on the
 * server); the sweeps below; and a compare button for the runs ticked. Sweep trials are listed
 * only on request (their sweep's page shows them together). The filter box narrows the list (see
 * `matchesFilter`) and keeps its text in the URL as `?q=`, so a link opens the same view.
 */
import { readSummary, trainSummarySchema } from "../../log/index.js";
import { api, num, type RunSummary, type SweepRecord } from "../lib/api.js";
import { h, queryParam } from "../lib/dom.js";
import { configSummary, formatAgo, formatNumber, formatPercent } from "../lib/format.js";
import { markReady, pageFrame, showError, statusBadge } from "../lib/layout.js";
import { runProgress } from "../lib/progress.js";
import { progressTrack } from "../lib/progress-bar.js";
import { matchesFilter } from "../lib/run-filter.js";

const REFRESH_MS = { live: 2000, idle: 10_000 };
const LIMIT = 200;
const main = pageFrame("Runs", "runs");
const selected = new Set<string>();
const compareLink = h("a", { class: "button disabled", id: "compare-selected", href: "#" }, "Compare selected");
const runsBody = h("tbody");
const sweepsBody = h("tbody");
const showTrials = h("input", { type: "checkbox", id: "show-trials" });
const trialsToggle = h("label", { class: "small" }, showTrials, " show sweep trials");
const filter = h("input", {
  type: "search",
  id: "run-filter",
  placeholder: "filter: name, kind, Adam…",
  "aria-label": "filter runs by name, kind, status, optimizer or scheduler",
  value: queryParam("q") ?? "",
});
const empty = h("p", { class: "note", hidden: true }, "No runs yet. Train one with lrkit train --config run.yaml; it appears here while it trains.");
const noMatch = h("p", { class: "note", id: "no-match", hidden: true });
let latest: RunSummary[] = [];

main.append(
  h("div", { class: "toolbar" }, h("h1", null, "Runs"), h("span", { class: "toolbar-right" }, filter, trialsToggle, compareLink)),
  empty,
  noMatch,
  h(
    "table",
    { class: "runs", id: "runs-table" },
    h("thead", null, h("tr", null, ...["", "run", "kind", "status", "config", "best val", "test acc", "test loss", "progress", "started"].map((t) => h("th", null, t)))),
    runsBody,
  ),
  h("h2", null, "Sweeps"),
  h("table", { class: "runs", id: "sweeps-table" }, h("thead", null, h("tr", null, ...["sweep", "status", "started"].map((t) => h("th", null, t)))), sweepsBody),
);

function updateCompareLink(): void {
  const ids = [...selected];
  compareLink.classList.toggle("disabled", ids.length < 2);
  compareLink.setAttribute("href", ids.length < 2 ? "#" : `/compare.html?ids=${ids.join(",")}`);
  compareLink.textContent = `Compare selected (${ids.length})`;
}

/** The best validation metric to show: accuracy-like first, else the loss, else the first. */
function bestOf(run: RunSummary): string {
  const entries = Object.entries(run.best);
  const pick = entries.find(([k]) => /acc/.test(k)) ?? entries.find(([k]) => k === "loss") ?? entries[0];
  return pick ? `${pick[0]} ${formatNumber(num(pick[1]))}` : "–";
}

/** The run's final test metrics, from its stored summary (none for a range test or a run still training). */
function testMetrics(run: RunSummary): Record<string, number> {
  return readSummary(trainSummarySchema, run.summary).metrics?.test ?? {};
}

function progressCell(run: RunSummary): HTMLElement {
  const progress = runProgress(run);
  return h("td", { class: "progress" }, progressTrack(progress.fraction, run.status === "running"), h("span", { class: "small" }, progress.text));
}

function runRow(run: RunSummary): HTMLElement {
  const box = h("input", { type: "checkbox", "aria-label": `select ${run.id}`, checked: selected.has(run.id) });
  box.addEventListener("change", () => {
    if (box.checked) selected.add(run.id);
    else selected.delete(run.id);
    updateCompareLink();
  });
  const test = testMetrics(run);
  return h(
    "tr",
    { "data-run": run.id, "data-status": run.status },
    h("td", null, box),
    h("td", null, h("a", { href: `/run.html?id=${run.id}` }, run.name ?? run.id), run.name ? h("div", { class: "small mono" }, run.id) : null),
    h("td", null, run.kind),
    h("td", null, statusBadge(run.status)),
    h("td", { class: "small" }, configSummary(run.config)),
    h("td", null, bestOf(run)),
    h("td", { class: "test-accuracy" }, formatPercent(test.accuracy)),
    h("td", { class: "test-loss" }, formatNumber(test.loss)),
    progressCell(run),
    h("td", { class: "small", title: run.createdAt }, formatAgo(run.createdAt)),
  );
}

function sweepRow(sweep: SweepRecord): HTMLElement {
  return h(
    "tr",
    { "data-sweep": sweep.id },
    h("td", null, h("a", { href: `/sweep.html?id=${sweep.id}` }, sweep.name ?? sweep.id)),
    h("td", null, statusBadge(sweep.status)),
    h("td", { class: "small", title: sweep.createdAt }, formatAgo(sweep.createdAt)),
  );
}

/** Redraws the runs table from the last runs fetched, the trials toggle and the filter applied. */
function renderRuns(): void {
  const listed = showTrials.checked ? latest : latest.filter((r) => r.kind !== "sweep-trial");
  const shown = listed.filter((r) => matchesFilter(r, filter.value));
  trialsToggle.lastChild!.textContent = ` show sweep trials (${latest.filter((r) => r.kind === "sweep-trial").length})`;
  runsBody.replaceChildren(...shown.map(runRow));
  empty.hidden = listed.length > 0;
  noMatch.hidden = listed.length === 0 || shown.length > 0;
  noMatch.textContent = `No run matches "${filter.value.trim()}".`;
}

/** Keeps the filter's text in the URL (`?q=`), so reloading or sharing the link shows the same runs. */
function filterChanged(): void {
  const url = new URL(location.href);
  if (filter.value.trim() === "") url.searchParams.delete("q");
  else url.searchParams.set("q", filter.value);
  history.replaceState(null, "", url);
  renderRuns();
}

/** Fetches the runs and sweeps and redraws both tables; returns whether any run is still running. */
async function refresh(): Promise<boolean> {
  const [{ runs }, { sweeps }] = await Promise.all([api.runs(LIMIT), api.sweeps()]);
  latest = runs;
  renderRuns();
  sweepsBody.replaceChildren(...sweeps.map(sweepRow));
  return runs.some((r) => r.status === "running");
}

async function loop(): Promise<void> {
  let live = true;
  try {
    if (!document.hidden) live = await refresh();
  } catch (error) {
    showError(main, error);
    return;
  }
  setTimeout(loop, live ? REFRESH_MS.live : REFRESH_MS.idle);
}

showTrials.addEventListener("change", renderRuns);
filter.addEventListener("input", filterChanged);
updateCompareLink();
await loop();
markReady();
