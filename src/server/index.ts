/**
 * `lrkit dash`'s server: a fastify app over the run store (read-only) with a JSON API, live
 * updates of running runs as server-sent events shared between clients, and the dashboard and
 * playground pages. `startDashServer` listens on 127.0.0.1 by default (port 0: any free port).
 */
import { fileURLToPath } from "node:url";
import { buildDashApp, type DashAppOptions } from "./app.js";

export type { DashAppOptions } from "./app.js";
export type * from "./wire.js";

/** The built pages: `dist/web` of the package, from `src/server` and from `dist/server` alike. */
export const defaultWebRoot = fileURLToPath(new URL("../../dist/web/", import.meta.url));

export interface DashServerOptions extends Partial<DashAppOptions> {
  storePath: string;
  port?: number;
}

export interface DashServer {
  /** The address pages are served at, e.g. "http://127.0.0.1:8321/". */
  url: string;
  port: number;
  /** Live-stream clients connected now, and the runs polled for them (one per watched run). */
  live(): { clients: number; runs: number };
  close(): Promise<void>;
}

export async function startDashServer(options: DashServerOptions): Promise<DashServer> {
  const host = options.host ?? "127.0.0.1";
  const { app, feeds } = await buildDashApp({ ...options, host, webRoot: options.webRoot ?? defaultWebRoot });
  try {
    await app.listen({ host, port: options.port ?? 0 });
  } catch (error) {
    await app.close();
    throw error;
  }
  const address = app.server.address();
  const port = typeof address === "object" && address ? address.port : (options.port ?? 0);
  const shown = host.includes(":") ? `[${host}]` : host;
  return {
    url: `http://${shown}:${port}/`,
    port,
    live: () => ({ clients: feeds.clientCount, runs: feeds.feedCount }),
    close: () => app.close(),
  };
}
