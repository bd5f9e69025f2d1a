import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, describe, expect, it, vi } from "vitest";
import { ConfigError } from "../../errors.js";
import { openStore } from "../../store/index.js";
import { dashCommand } from "./dash.js";

const dir = mkdtempSync(join(tmpdir(), "lrkit-dash-cli-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(() => vi.restoreAllMocks());

/** Starts `lrkit dash ARGS`, returns the URL it printed and the function that stops it. */
async function dash(...args: string[]): Promise<{ url: string; stop: () => Promise<void> }> {
  let printed = "";
  vi.spyOn(process.stdout, "write").mockImplementation((chunk: string | Uint8Array) => {
    printed += String(chunk);
    return true;
  });
  let release = () => {};
  const stopped = new Promise<void>((resolve) => (release = resolve));
  const running = dashCommand(() => stopped).exitOverride().parseAsync(args, { from: "user" });
  await vi.waitFor(() => expect(printed).toContain("http://"), { timeout: 5000 });
  vi.restoreAllMocks();
  return {
    url: /(http:\/\/\S+)/.exec(printed)![1]!,
    stop: async () => {
      release();
      await running;
    },
  };
}

describe("lrkit dash", () => {
  it("serves the store's runs on a free loopback port until told to stop", async () => {
    const path = join(dir, "lrkit.db");
    const store = openStore(path);
    const id = store.createRun({ kind: "train", config: { epochs: 1 } });
    store.close();
    const { url, stop } = await dash("--store", path, "--port", "0");
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    const body = (await (await fetch(new URL("/api/runs", url))).json()) as { runs: { id: string }[] };
    expect(body.runs.map((r) => r.id)).toEqual([id]);
    await stop();
    await expect(fetch(new URL("/api/runs", url))).rejects.toThrow();
  });

  it("starts before the store exists, and rejects a bad or busy port with a ConfigError", async () => {
    const { url, stop } = await dash("--store", join(dir, "later.db"), "--port", "0");
    expect(await (await fetch(new URL("/api/runs", url))).json()).toEqual({ runs: [] });
    const busy = new URL(url).port;
    await expect(dashCommand(() => Promise.resolve()).exitOverride().parseAsync(["--store", join(dir, "x.db"), "--port", busy], { from: "user" })).rejects.toThrow(/port \d+ on 127\.0\.0\.1 is in use/);
    await stop();
    await expect(dashCommand().exitOverride().parseAsync(["--port", "70000"], { from: "user" })).rejects.toThrow(ConfigError);
  });
});
