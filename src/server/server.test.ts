import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { request as httpRequest } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openStore, type RunStore } from "../store/index.js";
import { startDashServer, type DashServer } from "./index.js";

let dir: string;
let writer: RunStore;
let server: DashServer;
let runId: string;
let sweepId: string;

/** A GET with the path sent exactly as written (fetch would normalise "..") */
function rawGet(path: string, headers: Record<string, string> = {}): Promise<{ status: number; body: string; headers: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: "127.0.0.1", port: server.port, path, headers }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => (body += chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
    });
    req.on("error", reject);
    req.end();
  });
}

async function getJson(path: string): Promise<{ status: number; json: Record<string, unknown> }> {
  const res = await fetch(new URL(path, server.url));
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

/** Reads server-sent events from a stream until `until` says stop (or the server ends it). */
function readEvents(path: string, until: (events: { event: string; data: unknown }[]) => boolean, timeoutMs = 5000) {
  return new Promise<{ event: string; data: unknown }[]>((resolve, reject) => {
    const events: { event: string; data: unknown }[] = [];
    const timer = setTimeout(() => {
      req.destroy();
      reject(new Error(`timed out after ${timeoutMs} ms with events ${JSON.stringify(events.map((e) => e.event))}`));
    }, timeoutMs);
    const req = httpRequest({ host: "127.0.0.1", port: server.port, path }, (res) => {
      let buffer = "";
      res.setEncoding("utf8");
      const done = () => {
        clearTimeout(timer);
        req.destroy();
        resolve(events);
      };
      res.on("data", (chunk: string) => {
        buffer += chunk;
        let end;
        while ((end = buffer.indexOf("\n\n")) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const event = /^event: (.*)$/m.exec(block)?.[1];
          const data = /^data: (.*)$/m.exec(block)?.[1];
          if (event && data) events.push({ event, data: JSON.parse(data) });
        }
        if (until(events)) done();
      });
      res.on("end", done);
    });
    req.on("error", reject);
    req.end();
  });
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "lrkit-dash-"));
  mkdirSync(join(dir, "web"));
  writeFileSync(join(dir, "web", "index.html"), "<!doctype html><title>lrkit</title>");
  writeFileSync(join(dir, "secret.txt"), "outside the web folder");
  writer = openStore(join(dir, "lrkit.db"));
  sweepId = writer.createSweep({ name: "lr sweep", config: { metric: "accuracy" } });
  runId = writer.createRun({ kind: "sweep-trial", sweepId, trialKey: '{"lr":0.1}', config: { optimizer: { type: "SGD", lr: 0.1 }, epochs: 2 } });
  writer.logSteps(runId, [
    { step: 0, epoch: 0, lr: 0.1, loss: 2.3, gradNorm: 1 },
    { step: 1, epoch: 0, lr: 0.1, loss: NaN },
  ]);
  writer.logEpoch(runId, { epoch: 0, step: 2, lr: 0.1, trainLoss: 2, val: { loss: 1.5, accuracy: 0.6 }, seconds: 1 });
  writer.logSharpness(runId, [{ step: 0, sharpness: 12.5, threshold: 20 }]);
  server = await startDashServer({ storePath: join(dir, "lrkit.db"), webRoot: join(dir, "web"), port: 0, liveIntervalMs: 50 });
});

afterAll(async () => {
  await server.close();
  writer.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("lrkit dash server", () => {
  it("lists runs and shows one with its epochs, keeping NaN", async () => {
    const list = await getJson("/api/runs");
    expect(list.status).toBe(200);
    expect((list.json.runs as { id: string; best: unknown }[]).map((r) => r.id)).toEqual([runId]);
    const one = await getJson(`/api/runs/${runId.slice(0, 9)}`);
    expect((one.json.run as { id: string; stepCount: number }).stepCount).toBe(2);
    expect((one.json.epochs as unknown[]).length).toBe(1);
    expect(one.json.sharpness).toEqual([{ step: 0, sharpness: 12.5, threshold: 20 }]);
    const steps = await getJson(`/api/runs/${runId}/steps?since=0`);
    expect(steps.json.steps).toEqual({ step: [1], epoch: [0], lr: [0.1], loss: ["NaN"], gradNorm: ["NaN"], elapsed: ["NaN"] });
  });

  it("answers sweeps with trials and compare", async () => {
    const sweeps = await getJson("/api/sweeps");
    expect((sweeps.json.sweeps as { id: string }[])[0]!.id).toBe(sweepId);
    const sweep = await getJson(`/api/sweeps/${sweepId}`);
    const trials = sweep.json.trials as { runId: string; run: { id: string }; epochs: unknown[] }[];
    expect(trials.map((t) => [t.runId, t.run.id, t.epochs.length])).toEqual([[runId, runId, 1]]);
    const other = writer.createRun({ kind: "train", config: { optimizer: { type: "SGD", lr: 0.3 }, epochs: 2 } });
    const compared = await getJson(`/api/compare?ids=${runId},${other}`);
    expect(compared.status).toBe(200);
    expect((compared.json.comparison as { config: { key: string }[] }).config.map((r) => r.key)).toContain("optimizer.lr");
  });

  it("rejects bad parameters with a 400 that names them, and unknown ids with a 404", async () => {
    const cases: [string, number, RegExp][] = [
      ["/api/runs/ABC!", 400, /path parameter "id"/],
      ["/api/runs?limit=many", 400, /query parameter "limit"/],
      ["/api/runs?limit=0", 400, /"limit"/],
      ["/api/runs?status=done", 400, /"status"/],
      ["/api/runs?colour=red", 400, /unknown query parameter "colour"/],
      [`/api/runs/${runId}/steps?since=1.5`, 400, /"since"/],
      [`/api/runs/${runId}/steps?since=1&since=2`, 400, /"since"/],
      ["/api/compare?ids=abc", 400, /two or more run ids/],
      ["/api/runs/zzzzzzzz", 404, /no run "zzzzzzzz"/],
      ["/api/sweeps/zzzz", 404, /no sweep/],
      ["/api/nothing", 404, /no API route GET \/api\/nothing/],
    ];
    for (const [path, status, message] of cases) {
      const res = await getJson(path);
      expect([path, res.status]).toEqual([path, status]);
      expect(res.json.error).toMatch(message);
    }
  });

  it("serves only the web folder: no path traversal, plain or encoded", async () => {
    expect((await rawGet("/")).body).toContain("<title>lrkit</title>");
    for (const path of ["/../secret.txt", "/%2e%2e/secret.txt", "/%2E%2E%2Fsecret.txt", "/..%2fsecret.txt", "/web/../../secret.txt", `/${join(dir, "secret.txt")}`, "//etc/passwd", "/%2fetc%2fpasswd", "/.%2e/.%2e/etc/passwd"]) {
      const res = await rawGet(path);
      expect([path, res.status >= 400]).toEqual([path, true]);
      expect(res.body).not.toContain("outside the web folder");
      expect(res.body).not.toContain("root:");
    }
  });

  it("sets cross-origin isolation and a Content-Security-Policy on pages and API answers, and refuses foreign Host names", async () => {
    for (const path of ["/", "/api/runs"]) {
      const { headers } = await rawGet(path);
      expect(headers["cross-origin-opener-policy"]).toBe("same-origin");
      expect(headers["cross-origin-embedder-policy"]).toBe("require-corp");
      expect(headers["content-security-policy"]).toContain("script-src 'self' 'wasm-unsafe-eval'");
    }
    const rebound = await rawGet("/api/runs", { host: "evil.example:80" });
    expect(rebound.status).toBe(421);
  });

  it("streams rows the training process writes, shared by all clients of a run", async () => {
    const live = writer.createRun({ kind: "train", config: { epochs: 1 } });
    writer.logSteps(live, [{ step: 0, epoch: 0, lr: 1, loss: 1 }]);
    const clients = Array.from({ length: 5 }, () =>
      readEvents(`/api/runs/${live}/stream?since=-1`, (events) => events.some((e) => e.event === "status")),
    );
    await expect.poll(() => server.live(), { timeout: 2000 }).toEqual({ clients: 5, runs: 1 });
    writer.logSteps(live, [
      { step: 1, epoch: 0, lr: 0.5, loss: 0.9 },
      { step: 2, epoch: 0, lr: 0.25, loss: 0.8 },
    ]);
    writer.logEpoch(live, { epoch: 0, step: 3, lr: 0.25, trainLoss: 0.9, val: {}, seconds: 0.1 });
    await new Promise((r) => setTimeout(r, 150));
    writer.finishRun(live, { status: "completed" });
    for (const events of await Promise.all(clients)) {
      const steps = events.filter((e) => e.event === "steps").flatMap((e) => (e.data as { step: number[] }).step);
      expect(steps).toEqual([0, 1, 2]);
      expect(events.filter((e) => e.event === "epochs").flatMap((e) => (e.data as { epoch: number }[]).map((r) => r.epoch))).toEqual([0]);
      expect(events.at(-1)!.event).toBe("status");
    }
    await expect.poll(() => server.live()).toEqual({ clients: 0, runs: 0 });
  });

  it("survives a client that disconnects mid-stream", async () => {
    const live = writer.createRun({ kind: "train", config: {} });
    const socketGone = new Promise<void>((resolve) => {
      const req = httpRequest({ host: "127.0.0.1", port: server.port, path: `/api/runs/${live}/stream` }, (res) => {
        res.once("data", () => {
          res.socket.destroy();
          resolve();
        });
      });
      req.end();
    });
    await socketGone;
    expect(server.live().clients).toBe(1);
    writer.logSteps(live, [{ step: 0, epoch: 0, lr: 1, loss: 1 }]);
    await expect.poll(() => server.live().clients).toBe(0);
    const events = readEvents(`/api/runs/${live}/stream`, (e) => e.some((x) => x.event === "steps"));
    expect((await events)[0]!.data).toMatchObject({ step: [0] });
    expect((await getJson("/api/runs")).status).toBe(200);
  });
});
