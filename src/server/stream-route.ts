/**
 * `GET /api/runs/:id/stream?since=STEP`: the run's new step and epoch rows as server-sent events
 * while it trains (see `LiveFeeds` and `wire.ts` for the events). A reconnecting EventSource's
 * `Last-Event-ID` (the last step it received) takes the place of `since`.
 *
 * A client that stops reading is cut off once `MAX_BUFFERED_BYTES` wait in its socket, so one
 * stalled tab cannot make the server hold an unbounded backlog.
 */
import type { FastifyInstance } from "fastify";
import { securityHeaders } from "./headers.js";
import type { LiveFeeds, StreamClient } from "./live-feeds.js";
import { parseParams, runParams, stepsQuery } from "./params.js";
import type { StoreHandle } from "./store-handle.js";

const MAX_BUFFERED_BYTES = 4 * 1024 * 1024;
const streamQuery = stepsQuery.pick({ since: true });

export function streamRoute(app: FastifyInstance, handle: StoreHandle, feeds: LiveFeeds): void {
  app.get("/api/runs/:id/stream", (request, reply) => {
    const { id } = parseParams(runParams, request.params, "path");
    const query = parseParams(streamQuery, request.query, "query");
    const lastEventId = request.headers["last-event-id"];
    const { since } = lastEventId === undefined ? query : parseParams(streamQuery, { since: lastEventId }, "Last-Event-ID header");
    const run = handle.require().getRun(id);

    reply.hijack();
    const res = reply.raw;
    res.writeHead(200, {
      ...securityHeaders,
      "content-type": "text/event-stream; charset=utf-8",
      "cache-control": "no-cache, no-transform",
      connection: "keep-alive",
      "x-accel-buffering": "no",
    });
    res.write("retry: 2000\n\n");
    const client: StreamClient = {
      send(text) {
        if (res.destroyed || res.writableEnded) return;
        if (res.writableLength > MAX_BUFFERED_BYTES) res.destroy();
        else res.write(text);
      },
      end() {
        if (!res.writableEnded) res.end();
      },
    };
    try {
      const unsubscribe = feeds.subscribe(run, since ?? -1, client);
      res.on("close", unsubscribe);
    } catch (error) {
      request.log.error(error);
      res.destroy();
    }
  });
}
