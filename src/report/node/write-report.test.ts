import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ConfigError } from "../../errors.js";
import { StoreError } from "../../store/index.js";
import { buildFixtureStore, type FixtureIds } from "./testing/fixture-store.js";
import { writeReport, writeReportForRun, writeReportForSweep } from "./index.js";

let dir: string;
let store: string;
let ids: FixtureIds;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "lrkit-write-report-"));
  store = join(dir, "runs.db");
  ids = buildFixtureStore(store);
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("ids", () => {
  it("a prefix names a run or a sweep; several ids compare runs, repeats dropped", async () => {
    const out = join(dir, "r.html");
    expect(await writeReport(store, [ids.find.slice(0, -2)], out)).toMatchObject({ kind: "run", ids: [ids.find], path: out });
    expect(await writeReport(store, [ids.sweep], out)).toMatchObject({ kind: "sweep", ids: [ids.sweep] });
    expect(await writeReport(store, [ids.good, ids.diverged, ids.good], out)).toMatchObject({ kind: "comparison", ids: [ids.good, ids.diverged] });
    expect(await writeReport(store, [ids.good, ids.good], out)).toMatchObject({ kind: "run", ids: [ids.good] });
    expect((await writeReportForRun(store, ids.good, out)).bytes).toBe(readFileSync(out).length);
    expect(await writeReportForSweep(store, ids.sweep, out)).toMatchObject({ kind: "sweep" });
  });

  it("an id that names nothing is a StoreError naming the closest id and the newest runs and sweeps", async () => {
    const typo = `${ids.good.slice(0, -1)}_`;
    const error = await writeReport(store, [typo], join(dir, "x.html")).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreError);
    expect((error as StoreError).message).toMatch(new RegExp(`^no run or sweep "${typo}" in run store .*runs\\.db \\(did you mean "${ids.good}"\\?\\); newest runs: .*; newest sweeps: ${ids.sweep}$`));
    await expect(writeReportForRun(store, "zzz", join(dir, "x.html"))).rejects.toThrow(/no run "zzz"/);
    await expect(writeReportForSweep(store, ids.good, join(dir, "x.html"))).rejects.toThrow(/no sweep/);
  });

  it("a prefix of several runs is ambiguous; a sweep among compared runs and no ids at all are errors", async () => {
    await expect(writeReport(store, [ids.good.slice(0, 2)], join(dir, "x.html"))).rejects.toThrow(/matches several runs/);
    await expect(writeReport(store, [ids.good, ids.sweep], join(dir, "x.html"))).rejects.toThrow(/is a sweep; a comparison takes run ids/);
    await expect(writeReport(store, [], join(dir, "x.html"))).rejects.toThrow(ConfigError);
    expect(readdirSync(dir)).not.toContain("x.html");
  });
});

describe("the store and the output file", () => {
  it("a missing or unreadable store is a clear StoreError", async () => {
    await expect(writeReport(join(dir, "none.db"), [ids.good], join(dir, "x.html"))).rejects.toThrow(/no run store at .*none\.db \(the file does not exist\)/);
    const junk = join(dir, "junk.db");
    writeFileSync(junk, "not a database at all, just text that is long enough to have a header");
    await expect(writeReport(junk, [ids.good], join(dir, "x.html"))).rejects.toThrow(/is not an lrkit run store/);
  });

  it("--out in a missing directory, or naming a directory, fails before the store is read", async () => {
    const error = await writeReport(join(dir, "none.db"), [ids.good], join(dir, "missing", "r.html")).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toMatch(/report --out: the folder ".*missing" does not exist/);
    mkdirSync(join(dir, "folder"));
    await expect(writeReport(store, [ids.good], join(dir, "folder"))).rejects.toThrow(/is a folder/);
  });

  it("writes atomically: the file is replaced whole, no temporary file stays, a failure keeps the old file", async () => {
    const sub = join(dir, "atomic");
    mkdirSync(sub);
    const out = join(sub, "report.html");
    writeFileSync(out, "old report");
    await writeReport(store, [ids.good], out);
    expect(readFileSync(out, "utf8")).toMatch(/^<!doctype html>[\s\S]*<\/html>\n$/);
    expect(readdirSync(sub)).toEqual(["report.html"]);
    writeFileSync(out, "old report");
    await expect(writeReport(store, ["nope"], out)).rejects.toThrow(StoreError);
    expect(readFileSync(out, "utf8")).toBe("old report");
    expect(readdirSync(sub)).toEqual(["report.html"]);
  });
});
