/**
 * Live updates of running runs, shared between clients: one feed per watched run polls the store
 * (every `intervalMs`, 300 ms by default) for step rows after its cursor and for new epoch rows,
 * encodes what it found once as server-sent events, and writes the same text to every client of
 * that run — so 50 clients of one run cost one poll and one encoding per tick. A feed starts with
 * its first client and stops with its last.
 *
 * The run's status costs a count over its steps (≈6 ms at 50,000 steps), so it is read at most
 * every `statusEveryMs` (1 s). It is read before the rows of the same tick: a run that has ended
 * had logged its last rows before `finishRun`, so those rows are sent before the `status` event
 * that ends the stream.
 */
import { toColumns, type EpochRow } from "../log/index.js";
import { toPlainJson, type RunStore, type RunSummary } from "../store/index.js";
import type { StreamEvent } from "./wire.js";

export interface StreamClient {
  send(text: string): void;
  end(): void;
}

export interface LiveFeedOptions {
  intervalMs?: number;
  statusEveryMs?: number;
  /** A poll that failed (it is retried on the next tick). */
  onError?: (error: unknown) => void;
}

const KEEP_ALIVE_MS = 15_000;

interface Feed {
  runId: string;
  stepCursor: number;
  epochCursor: number;
  clients: Set<StreamClient>;
  timer: NodeJS.Timeout;
  statusCheckedAt: number;
  sentAt: number;
}

/** One server-sent event: its name, JSON data and (for steps) the id a reconnecting EventSource resumes from. */
export function sseEvent(event: StreamEvent, data: unknown, id?: number): string {
  return `${id === undefined ? "" : `id: ${id}\n`}event: ${event}\ndata: ${toPlainJson(data)}\n\n`;
}

export class LiveFeeds {
  private readonly feeds = new Map<string, Feed>();
  private readonly intervalMs: number;
  private readonly statusEveryMs: number;

  constructor(
    private readonly store: () => RunStore,
    private readonly options: LiveFeedOptions = {},
  ) {
    this.intervalMs = options.intervalMs ?? 300;
    this.statusEveryMs = options.statusEveryMs ?? 1000;
  }

  /** Clients connected, over all runs. */
  get clientCount(): number {
    let n = 0;
    for (const feed of this.feeds.values()) n += feed.clients.size;
    return n;
  }

  /** Runs being polled. */
  get feedCount(): number {
    return this.feeds.size;
  }

  /**
   * Sends `client` the steps after `since` that the run's feed has already passed, and every epoch,
   * then adds it to the feed (or, for a run that has ended, sends its status and ends it).
   * Returns the function that removes the client.
   */
  subscribe(run: RunSummary, since: number, client: StreamClient): () => void {
    const store = this.store();
    const feed = this.feeds.get(run.id) ?? this.start(run);
    const missed = store.getSteps(run.id, { sinceStep: since }).filter((r) => r.step <= feed.stepCursor);
    if (missed.length > 0) client.send(sseEvent("steps", toColumns(missed), missed.at(-1)!.step));
    const epochs = store.getEpochs(run.id).filter((e) => e.epoch <= feed.epochCursor);
    if (epochs.length > 0) client.send(sseEvent("epochs", epochs));
    feed.clients.add(client);
    if (feed.clients.size === 1 && run.status !== "running") this.tick(feed, true);
    return () => {
      feed.clients.delete(client);
      if (feed.clients.size === 0) this.stop(feed);
    };
  }

  close(): void {
    for (const feed of [...this.feeds.values()]) {
      for (const client of feed.clients) client.end();
      this.stop(feed);
    }
  }

  private start(run: RunSummary): Feed {
    const epochs = this.store().getEpochs(run.id);
    const feed: Feed = {
      runId: run.id,
      stepCursor: run.lastStep ?? -1,
      epochCursor: epochs.at(-1)?.epoch ?? -1,
      clients: new Set(),
      timer: setInterval(() => this.tick(feed, false), this.intervalMs),
      statusCheckedAt: Date.now(),
      sentAt: Date.now(),
    };
    this.feeds.set(run.id, feed);
    return feed;
  }

  private stop(feed: Feed): void {
    clearInterval(feed.timer);
    if (this.feeds.get(feed.runId) === feed) this.feeds.delete(feed.runId);
  }

  private tick(feed: Feed, checkStatus: boolean): void {
    try {
      const store = this.store();
      const now = Date.now();
      let ended: RunSummary | undefined;
      if (checkStatus || now - feed.statusCheckedAt >= this.statusEveryMs) {
        feed.statusCheckedAt = now;
        const run = store.getRun(feed.runId);
        if (run.status !== "running") ended = run;
      }
      const steps = store.getSteps(feed.runId, { sinceStep: feed.stepCursor });
      if (steps.length > 0) {
        feed.stepCursor = steps.at(-1)!.step;
        this.broadcast(feed, sseEvent("steps", toColumns(steps), feed.stepCursor));
      }
      const epochs: EpochRow[] = store.getEpochs(feed.runId).filter((e) => e.epoch > feed.epochCursor);
      if (epochs.length > 0) {
        feed.epochCursor = epochs.at(-1)!.epoch;
        this.broadcast(feed, sseEvent("epochs", epochs));
      }
      if (ended) {
        this.broadcast(feed, sseEvent("status", ended));
        for (const client of feed.clients) client.end();
        feed.clients.clear();
        this.stop(feed);
      } else if (now - feed.sentAt >= KEEP_ALIVE_MS) {
        this.broadcast(feed, ": keep-alive\n\n");
      }
    } catch (error) {
      this.options.onError?.(error);
    }
  }

  private broadcast(feed: Feed, text: string): void {
    feed.sentAt = Date.now();
    for (const client of feed.clients) client.send(text);
  }
}
