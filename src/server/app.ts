/**
 * The dashboard server: the JSON API and live stream over the run store, and the built pages
 * (`dist/web`, made by `vite build --config src/web/vite.config.ts`) as static files.
 *
 * Every response carries the headers of `headers.ts`. Static files come only from the web folder:
 * `@fastify/static` resolves each path inside it and refuses `..` (plain or percent-encoded) and
 * dot-files. Bound to a loopback address, the server also refuses requests whose `Host` is not a
 * loopback name, so a web page on another site cannot reach it through DNS rebinding.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import fastifyStatic from "@fastify/static";
import Fastify, { type FastifyError, type FastifyInstance } from "fastify";
import { ConfigError } from "../errors.js";
import { StoreError } from "../store/index.js";
import { apiRoutes, sendJson } from "./api-routes.js";
import { securityHeaders } from "./headers.js";
import { LiveFeeds } from "./live-feeds.js";
import { BadRequest } from "./params.js";
import { StoreHandle } from "./store-handle.js";
import { streamRoute } from "./stream-route.js";
import type { ApiError } from "./wire.js";

export interface DashAppOptions {
  /** The run store file (it may not exist yet). */
  storePath: string;
  /** The built pages; without an `index.html` there, pages answer 503 and the API still works. */
  webRoot: string;
  /** The address the server will listen on; a loopback one turns on the Host check. */
  host: string;
  /** How often a live feed polls the store (ms). */
  liveIntervalMs?: number;
  /** Log warnings and errors (failed polls, internal errors) as JSON lines on stdout. */
  logger?: boolean;
}

export interface DashApp {
  app: FastifyInstance;
  feeds: LiveFeeds;
  store: StoreHandle;
}

const loopbackNames = new Set(["localhost", "127.0.0.1", "::1", "[::1]"]);

export async function buildDashApp(options: DashAppOptions): Promise<DashApp> {
  const app = Fastify({ logger: options.logger ? { level: "warn" } : false });
  const store = new StoreHandle(options.storePath);
  const feeds = new LiveFeeds(() => store.require(), { intervalMs: options.liveIntervalMs, onError: (error) => app.log.error(error) });

  const checkHost = loopbackNames.has(options.host);
  app.addHook("onRequest", async (request, reply) => {
    reply.headers(securityHeaders);
    if (checkHost && !loopbackNames.has(hostName(request.headers.host))) {
      return reply.code(421).type("text/plain; charset=utf-8").send(`lrkit dash answers only to localhost, 127.0.0.1 and [::1]; got Host ${request.headers.host ?? "(none)"}\n`);
    }
  });

  app.setErrorHandler((error: FastifyError, request, reply) => {
    const [status, message] = statusOf(error);
    if (status >= 500) request.log.error(error);
    if (!request.url.startsWith("/api/")) return reply.code(status).type("text/plain; charset=utf-8").send(`${message}\n`);
    return sendJson(reply.code(status), { error: message } satisfies ApiError);
  });
  app.setNotFoundHandler((request, reply) => {
    if (!request.url.startsWith("/api/")) return reply.code(404).type("text/plain; charset=utf-8").send("not found\n");
    return sendJson(reply.code(404), { error: `no API route ${request.method} ${request.url.split("?")[0]}` } satisfies ApiError);
  });

  apiRoutes(app, store);
  streamRoute(app, store, feeds);
  if (existsSync(join(options.webRoot, "index.html"))) {
    await app.register(fastifyStatic, { root: options.webRoot, prefix: "/", index: "index.html", dotfiles: "deny", cacheControl: false, etag: true });
  } else {
    app.get("/", (_request, reply) =>
      reply.code(503).type("text/plain; charset=utf-8").send(`the dashboard pages are not built (no ${join(options.webRoot, "index.html")}); run npm run build\n`),
    );
  }
  app.addHook("preClose", async () => feeds.close());
  app.addHook("onClose", async () => store.close());
  return { app, feeds, store };
}

/** The host name of a Host header value ("127.0.0.1:8321" → "127.0.0.1", "[::1]:80" → "[::1]"). */
function hostName(host: string | undefined): string {
  if (host === undefined) return "";
  return host.startsWith("[") ? host.slice(0, host.indexOf("]") + 1) : host.split(":")[0]!;
}

/** The HTTP status and message for an error: the user's mistakes are 4xx with their message, the rest a 500. */
function statusOf(error: FastifyError): [number, string] {
  if (error instanceof BadRequest || error instanceof ConfigError) return [400, error.message];
  if (error instanceof StoreError) {
    if (error.reason === "unknown-id" || error.reason === "missing") return [404, error.message];
    if (error.reason === "ambiguous-id") return [400, error.message];
    return [503, error.message];
  }
  if (typeof error.statusCode === "number" && error.statusCode >= 400 && error.statusCode < 500) return [error.statusCode, error.message];
  return [500, "internal error (see the server's log)"];
}
