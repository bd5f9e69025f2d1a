import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { ConfigError } from "../../errors.js";
import { buildFixtureStore, type FixtureIds } from "../../report/node/testing/fixture-store.js";
import { StoreError } from "../../store/index.js";
import { reportCommand } from "./report.js";

let dir: string;
let store: string;
let ids: FixtureIds;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "lrkit-report-cli-"));
  store = join(dir, "runs.db");
  ids = buildFixtureStore(store);
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs `lrkit report ARGS…` through the Command object and returns what it printed. */
async function report(...args: string[]): Promise<string> {
  let out = "";
  const spy = vi.spyOn(process.stdout, "write").mockImplementation((chunk: string | Uint8Array) => {
    out += String(chunk);
    return true;
  });
  try {
    await reportCommand().parseAsync(args, { from: "user" });
  } finally {
    spy.mockRestore();
  }
  return out;
}

describe("lrkit report", () => {
  it("writes a run's report to --out and says where, what and how big", async () => {
    const out = join(dir, "run.html");
    const printed = await report(ids.good.slice(0, 10), "--out", out, "--store", store);
    expect(printed).toMatch(new RegExp(`^wrote ${out} \\(run ${ids.good}, \\d+ KiB\\)\\n$`));
    expect(readFileSync(out, "utf8")).toContain("<title>iris good · lrkit report</title>");
  });

  it("reports a sweep, and compares several runs", async () => {
    expect(await report(ids.sweep, "-o", join(dir, "sweep.html"), "--store", store)).toContain(`(sweep ${ids.sweep},`);
    expect(await report(ids.good, ids.diverged, "-o", join(dir, "cmp.html"), "--store", store)).toContain("(2 runs compared,");
    expect(readFileSync(join(dir, "cmp.html"), "utf8")).toContain("<h1>Comparison of 2 runs</h1>");
  });

  it("takes the store from $LRKIT_STORE when --store is not given", async () => {
    vi.stubEnv("LRKIT_STORE", store);
    try {
      expect(await report(ids.find, "-o", join(dir, "find.html"))).toContain(`(run ${ids.find},`);
    } finally {
      vi.unstubAllEnvs();
    }
  });

  it("fails clearly on an unknown id, a missing store and an --out directory that does not exist", async () => {
    await expect(report("nothing", "-o", join(dir, "x.html"), "--store", store)).rejects.toThrow(StoreError);
    await expect(report(ids.good, "-o", join(dir, "x.html"), "--store", join(dir, "absent.db"))).rejects.toThrow(/no run store at/);
    await expect(report(ids.good, "-o", join(dir, "no", "x.html"), "--store", store)).rejects.toThrow(ConfigError);
  });
});
