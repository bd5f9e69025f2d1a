/**
 * The connection to the Redis behind a sweep queue, from a `redis://[:password@]host:port[/db]`
 * URL (`rediss://` for TLS). The URL is only ever shown with its password masked. Once connected,
 * a dropped connection is retried (BullMQ waits meanwhile); the first connection is tried once, so
 * an unreachable Redis is one clear error.
 */
import { Redis } from "ioredis";
import { QueueError } from "./queue-error.js";

/** `url` with its password (and user name) replaced by `***`. */
export function maskUrl(url: string): string {
  return url.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^@/]*@/i, (_match, scheme: string) => `${scheme}***@`);
}

/** Connects to the Redis at `url`; a QueueError naming the (masked) URL when it cannot. */
export async function connectRedis(url: string): Promise<Redis> {
  const shown = maskUrl(url);
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new QueueError(`--queue: "${shown}" is not a URL; expected redis://HOST:PORT (or redis://:PASSWORD@HOST:PORT)`);
  }
  if (parsed.protocol !== "redis:" && parsed.protocol !== "rediss:") {
    throw new QueueError(`--queue: "${shown}" is not a Redis URL; expected redis://HOST:PORT (rediss:// for TLS)`);
  }
  let connected = false;
  const redis = new Redis(url, {
    lazyConnect: true,
    maxRetriesPerRequest: null,
    connectTimeout: 5000,
    retryStrategy: (times) => (connected ? Math.min(times * 200, 2000) : null),
  });
  let lastError: Error | undefined;
  redis.on("error", (error: Error) => (lastError = error));
  try {
    await redis.connect();
    await redis.ping();
    connected = true;
  } catch (error) {
    if (redis.status !== "end") redis.disconnect();
    const why = (lastError ?? (error as Error)).message.replaceAll(url, shown);
    throw new QueueError(`cannot reach the sweep queue's Redis at ${shown}: ${why}`);
  }
  return redis;
}
