/**
 * Resuming for real: the built sweep runs in a child process, which is killed with SIGKILL while
 * its second trial runs; running the same sweep again finishes it without re-running the first.
 */
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { afterEach, beforeEach, expect, it } from "vitest";
import { openStore } from "../store/index.js";

const sweepModule = new URL("../../dist/sweep/index.js", import.meta.url);

const child = `
const { runSweep, sweepJson } = await import(process.env.SWEEP_MODULE);
const result = await runSweep(JSON.parse(process.env.SWEEP_CONFIG), {
  storePath: process.env.SWEEP_STORE,
  workers: 1,
  onTrialEnd: (outcome) => console.log("ended " + outcome.key + " " + outcome.status),
});
console.log("result " + JSON.stringify(sweepJson(result)));
`;

const config = {
  data: { name: "iris" },
  model: { preset: "mlp", hidden: [8] },
  optimizer: { type: "SGD", lr: 0.1 },
  epochs: 30,
  batch_size: 16,
  search: { method: "grid", space: { "optimizer.lr": { values: [0.01, 0.03, 0.1] } } },
};

let dir: string;
let storePath: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "lrkit-sweep-resume-"));
  storePath = join(dir, "runs.db");
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** Starts the sweep in a child process; `onLine` sees its stdout lines, and may kill it. */
function runChild(onLine: (line: string, kill: () => void) => void): Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }> {
  const script = join(dir, "sweep.mjs");
  writeFileSync(script, child);
  const proc = spawn(process.execPath, [script], {
    env: { ...process.env, SWEEP_MODULE: sweepModule.href, SWEEP_CONFIG: JSON.stringify(config), SWEEP_STORE: storePath },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stderr = "";
  proc.stderr.on("data", (chunk) => (stderr += String(chunk)));
  createInterface({ input: proc.stdout }).on("line", (line) => onLine(line, () => proc.kill("SIGKILL")));
  return new Promise((resolve) => proc.on("exit", (code, signal) => resolve({ code, signal, stderr })));
}

function runningRun(): string | undefined {
  if (!existsSync(storePath)) return undefined;
  const store = openStore(storePath, { readonly: true });
  try {
    return store.listRuns({ status: "running" })[0]?.id;
  } finally {
    store.close();
  }
}

it("continues a sweep killed with SIGKILL, keeping completed trials and re-running the interrupted one", async () => {
  expect(existsSync(fileURLToPath(sweepModule)), `${sweepModule.pathname} is missing: run npm run build first`).toBe(true);
  let firstKey: string | undefined;
  const killed = await runChild((line, kill) => {
    if (!line.startsWith("ended ") || firstKey) return;
    firstKey = line.split(" ")[1];
    const waitForNext = () => (runningRun() ? kill() : setTimeout(waitForNext, 20));
    waitForNext();
  });
  expect(killed.signal, killed.stderr).toBe("SIGKILL");
  expect(firstKey).toBeDefined();

  const before = openStore(storePath, { readonly: true });
  const [sweep] = before.listSweeps();
  const firstRuns = before.listRuns({ sweepId: sweep!.id }).filter((r) => r.trialKey === firstKey);
  const interrupted = before.listRuns({ status: "running" }).map((r) => r.id);
  before.close();
  expect(sweep!.status).toBe("running");
  expect(firstRuns.map((r) => r.status)).toEqual(["completed"]);
  expect(interrupted).toHaveLength(1);

  let result: { sweep_id: string; resumed: boolean; trials: { key: string; run_id: string; status: string }[] } | undefined;
  const ended: string[] = [];
  const rerun = await runChild((line) => {
    if (line.startsWith("ended ")) ended.push(line.split(" ")[1]!);
    if (line.startsWith("result ")) result = JSON.parse(line.slice("result ".length));
  });
  expect(rerun.code, rerun.stderr).toBe(0);
  expect(result).toMatchObject({ sweep_id: sweep!.id, resumed: true });
  expect(ended).toHaveLength(2);
  expect(ended).not.toContain(firstKey);
  expect(result!.trials.map((t) => t.status)).toEqual(["completed", "completed", "completed"]);
  expect(result!.trials.find((t) => t.key === firstKey)!.run_id).toBe(firstRuns[0]!.id);

  const after = openStore(storePath, { readonly: true });
  try {
    const runs = after.listRuns({ sweepId: sweep!.id });
    expect(runs.filter((r) => r.trialKey === firstKey)).toHaveLength(1);
    expect(runs).toHaveLength(4);
    expect(after.getRun(interrupted[0]!)).toMatchObject({ status: "failed", error: expect.stringContaining("interrupted") });
    expect(after.getSweep(sweep!.id).status).toBe("completed");
  } finally {
    after.close();
  }
});
