/**
 * The runs list: the newest 200 runs with their kind, status, config summary, best validation
 * metric, final test accuracy and loss, and progress (steps taken of those planned), refreshed
 * every 2 s while one is running (else every 10 s: each refresh counts every run's steps on the
 * server); the sweeps below; and a compare button for the runs ticked. Sweep trials are listed
 * only on request (their sweep's page shows them together). The filter box narrows both tables (see
 * `run-filter.ts`) and a click on a column header sorts the runs (see `run-sort.ts`); the filter's
 * text and the sort are kept in the URL as `?q=`, `?sort=` and `?dir=`, so a link opens the same view.
 */
import { api, type RunSummary, type SweepRecord } from "../lib/api.js";
import { h, queryParam } from "../lib/dom.js";
import { configSummary, formatAgo, formatNumber, formatPercent } from "../lib/format.js";
import { markReady, pageFrame, showError, statusBadge } from "../lib/layout.js";
import { runProgress } from "../lib/progress.js";
import { progressTrack } from "../lib/progress-bar.js";
import { leadingBest, testMetrics } from "../lib/run-columns.js";
import { matchesFilter, sweepMatchesFilter } from "../lib/run-filter.js";
import { nextSort, runOrder, sortFromParams, writeSortParams, type SortColumn } from "../lib/run-sort.js";

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
const noSweepMatch = h("p", { class: "note", id: "no-sweep-match", hidden: true });
let latest: RunSummary[] = [];
let latestSweeps: SweepRecord[] = [];
let sort = sortFromParams(new URLSearchParams(location.search));

const runColumns: [label: string, sortedBy?: SortColumn][] = [
  [""],
  ["run", "run"],
  ["kind", "kind"],
  ["status", "status"],
  ["config"],
  ["best val", "best-val"],
  ["test acc", "test-acc"],
  ["test loss", "test-loss"],
  ["progress", "progress"],
  ["started", "started"],
];
const sortHeaders = new Map<SortColumn, HTMLElement>();

/** A header cell of the runs table; a column that sorts gets a button and is remembered in `sortHeaders`. */
function runHeader([label, column]: (typeof runColumns)[number]): HTMLElement {
  if (column === undefined) return h("th", null, label);
  const button = h("button", { type: "button", class: "sort" }, label, h("span", { class: "sort-arrow", "aria-hidden": "true" }));
  button.addEventListener("click", () => sortChanged(column));
  const th = h("th", { "data-sort": column }, button);
  sortHeaders.set(column, th);
  return th;
}

main.append(
  h("div", { class: "toolbar" }, h("h1", null, "Runs"), h("span", { class: "toolbar-right" }, filter, trialsToggle, compareLink)),
  empty,
  noMatch,
  h(
    "table",
    { class: "runs", id: "runs-table" },
    h("thead", null, h("tr", null, ...runColumns.map(runHeader))),
    runsBody,
  ),
  h("h2", null, "Sweeps"),
  noSweepMatch,
  h("table", { class: "runs", id: "sweeps-table" }, h("thead", null, h("tr", null, ...["sweep", "status", "started"].map((t) => h("th", null, t)))), sweepsBody),
);

function updateCompareLink(): void {
  const ids = [...selected];
  compareLink.classList.toggle("disabled", ids.length < 2);
  compareLink.setAttribute("href", ids.length < 2 ? "#" : `/compare.html?ids=${ids.join(",")}`);
  compareLink.textContent = `Compare selected (${ids.length})`;
}

/** The best validation metric as the table shows it ("accuracy 0.97"), or "–". */
function bestOf(run: RunSummary): string {
  const best = leadingBest(run);
  return best ? `${best.metric} ${formatNumber(best.value)}` : "–";
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

/** Redraws the runs table from the last runs fetched, the trials toggle, the filter and the sort applied. */
function renderRuns(): void {
  const listed = showTrials.checked ? latest : latest.filter((r) => r.kind !== "sweep-trial");
  const shown = listed.filter((r) => matchesFilter(r, filter.value)).sort(runOrder(sort));
  trialsToggle.lastChild!.textContent = ` show sweep trials (${latest.filter((r) => r.kind === "sweep-trial").length})`;
  runsBody.replaceChildren(...shown.map(runRow));
  empty.hidden = listed.length > 0;
  noMatch.hidden = listed.length === 0 || shown.length > 0;
  noMatch.textContent = `No run matches "${filter.value.trim()}".`;
}

/** Redraws the sweeps table from the last sweeps fetched with the filter applied. */
function renderSweeps(): void {
  const shown = latestSweeps.filter((s) => sweepMatchesFilter(s, filter.value));
  sweepsBody.replaceChildren(...shown.map(sweepRow));
  noSweepMatch.hidden = latestSweeps.length === 0 || shown.length > 0;
  noSweepMatch.textContent = `No sweep matches "${filter.value.trim()}".`;
}

/** Marks the sorted column's header with ▲ or ▼ and `aria-sort`, and clears the others. */
function renderSortHeaders(): void {
  for (const [column, th] of sortHeaders) {
    const sorted = column === sort.column;
    if (sorted) th.setAttribute("aria-sort", sort.dir === "asc" ? "ascending" : "descending");
    else th.removeAttribute("aria-sort");
    th.querySelector(".sort-arrow")!.textContent = sorted ? (sort.dir === "asc" ? " ▲" : " ▼") : "";
  }
}

/** Keeps the filter's text in the URL (`?q=`), so reloading or sharing the link shows the same runs and sweeps. */
function filterChanged(): void {
  const url = new URL(location.href);
  if (filter.value.trim() === "") url.searchParams.delete("q");
  else url.searchParams.set("q", filter.value);
  history.replaceState(null, "", url);
  renderRuns();
  renderSweeps();
}

/** Sorts by `column` (reversing a second click) and keeps the sort in the URL (`?sort=&dir=`). */
function sortChanged(column: SortColumn): void {
  sort = nextSort(sort, column);
  const url = new URL(location.href);
  writeSortParams(url.searchParams, sort);
  history.replaceState(null, "", url);
  renderSortHeaders();
  renderRuns();
}

/** Fetches the runs and sweeps and redraws both tables; returns whether any run is still running. */
async function refresh(): Promise<boolean> {
  const [{ runs }, { sweeps }] = await Promise.all([api.runs(LIMIT), api.sweeps()]);
  latest = runs;
  latestSweeps = sweeps;
  renderRuns();
  renderSweeps();
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
renderSortHeaders();
await loop();
markReady();
