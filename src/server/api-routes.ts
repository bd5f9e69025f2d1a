/**
 * The dashboard's JSON API over the run store (read-only):
 *
 *   GET /api/runs?status=&kind=&sweep=&limit=   runs newest first, with log sizes and best metrics
 *   GET /api/runs/:id                            one run, its epoch log and its sharpness probes
 *   GET /api/runs/:id/steps?since=&limit=        its step log after step `since`, as columns
 *   GET /api/sweeps                              sweeps newest first
 *   GET /api/sweeps/:id                          one sweep: its trials with their runs and epochs, the swept keys
 *   GET /api/compare?ids=a,b,…                   runs side by side (`compareRuns`)
 *
 * Ids may be any prefix that names one run or sweep. Before the store file exists the lists are
 * empty and every id is unknown.
 */
import type { FastifyInstance, FastifyReply } from "fastify";
import { compareRuns, toPlainJson } from "../store/index.js";
import { compareQuery, emptyQuery, parseParams, runParams, runsQuery, stepsQuery } from "./params.js";
import type { StoreHandle } from "./store-handle.js";
import { toColumns } from "../log/index.js";
import type { CompareResponse, RunResponse, RunsResponse, StepsResponse, SweepResponse, SweepsResponse } from "./wire.js";

/** Sends `data` as JSON that keeps NaN and ±Infinity (as strings; see `wire.ts`). */
export function sendJson(reply: FastifyReply, data: unknown): FastifyReply {
  return reply.type("application/json; charset=utf-8").send(toPlainJson(data));
}

export function apiRoutes(app: FastifyInstance, handle: StoreHandle): void {
  app.get("/api/runs", (request, reply) => {
    const query = parseParams(runsQuery, request.query, "query");
    const store = handle.current();
    if (!store) return sendJson(reply, { runs: [] } satisfies RunsResponse);
    const sweepId = query.sweep === undefined ? undefined : store.getSweep(query.sweep).id;
    const runs = store.listRuns({ status: query.status, kind: query.kind, sweepId, limit: query.limit });
    return sendJson(reply, { runs } satisfies RunsResponse);
  });

  app.get("/api/runs/:id", (request, reply) => {
    const { id } = parseParams(runParams, request.params, "path");
    parseParams(emptyQuery, request.query, "query");
    const store = handle.require();
    const run = store.getRun(id);
    return sendJson(reply, { run, epochs: store.getEpochs(run.id), sharpness: store.getSharpness(run.id) } satisfies RunResponse);
  });

  app.get("/api/runs/:id/steps", (request, reply) => {
    const { id } = parseParams(runParams, request.params, "path");
    const { since, limit } = parseParams(stepsQuery, request.query, "query");
    const store = handle.require();
    const runId = store.getRun(id).id;
    const steps = toColumns(store.getSteps(runId, { sinceStep: since, limit }));
    return sendJson(reply, { runId, steps } satisfies StepsResponse);
  });

  app.get("/api/sweeps", (request, reply) => {
    parseParams(emptyQuery, request.query, "query");
    return sendJson(reply, { sweeps: handle.current()?.listSweeps() ?? [] } satisfies SweepsResponse);
  });

  app.get("/api/sweeps/:id", (request, reply) => {
    const { id } = parseParams(runParams, request.params, "path");
    parseParams(emptyQuery, request.query, "query");
    const store = handle.require();
    const sweep = store.getSweep(id);
    const trials = store.sweepTrials(sweep.id).map((trial) => ({ ...trial, run: store.getRun(trial.runId), epochs: store.getEpochs(trial.runId) }));
    const params = compareRuns(trials).config;
    return sendJson(reply, { sweep, trials, params } satisfies SweepResponse);
  });

  app.get("/api/compare", (request, reply) => {
    const { ids } = parseParams(compareQuery, request.query, "query");
    const store = handle.require();
    const runs = ids.map((id) => store.getRun(id));
    const comparison = compareRuns(runs.map((run) => ({ run, epochs: store.getEpochs(run.id) })));
    return sendJson(reply, { comparison, runs } satisfies CompareResponse);
  });
}
