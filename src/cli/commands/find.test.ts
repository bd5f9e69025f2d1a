import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, describe, expect, it, vi } from "vitest";
import { parse as parseYaml } from "yaml";
import { openStore } from "../../store/index.js";
import { findCommand } from "./find.js";

const dir = mkdtempSync(join(tmpdir(), "lrkit-find-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(() => vi.restoreAllMocks());

const storeFile = join(dir, "runs.db");
const configFile = join(dir, "iris.yaml");
writeFileSync(
  configFile,
  [
    "data: { name: iris }",
    "model: { preset: mlp, hidden: [16] }",
    "optimizer: { type: SGD, lr: 0.1, momentum: 0.9 }",
    "scheduler: { type: StepLR, step_size: 5 }",
    "epochs: 3",
    "batch_size: 16",
    "seed: 0",
    "",
  ].join("\n"),
);
const quick = ["--config", configFile, "--start-lr", "1e-4", "--end-lr", "100", "--num-iter", "40", "--store", storeFile];

/** Runs `lrkit find ARGS` and returns what it printed on stdout. */
async function find(...args: string[]): Promise<string> {
  let out = "";
  vi.spyOn(process.stdout, "write").mockImplementation((chunk: string | Uint8Array) => {
    out += String(chunk);
    return true;
  });
  await findCommand().exitOverride().parseAsync(args, { from: "user" });
  vi.restoreAllMocks();
  return out;
}

describe("lrkit find", () => {
  it("--json prints the curve, the five suggestions and whether it stopped early, and records a find run", async () => {
    const out = JSON.parse(await find(...quick, "--json"));
    expect(out.lrs.length).toBeGreaterThan(20);
    expect(out.lrs.length).toBeLessThanOrEqual(40);
    expect(out.lrs[0]).toBe(1e-4);
    expect(out.losses).toHaveLength(out.lrs.length);
    expect(Object.keys(out.suggestions)).toEqual(["valley", "slide", "minimum", "steep", "steepest_raw"]);
    expect(out.suggestions.valley).toBeGreaterThan(1e-4);
    expect(out.suggestions.valley).toBeLessThan(100);
    expect(typeof out.stopped_early).toBe("boolean");
    const store = openStore(storeFile);
    const run = store.getRun(out.run_id);
    store.close();
    expect(run).toMatchObject({ kind: "find", status: "completed", name: configFile, plannedSteps: 40 });
    const summary = run.summary as Record<string, unknown>;
    expect(Object.keys(summary)).toEqual(expect.arrayContaining(["lrs", "losses", "raw_losses", "suggestions", "stopped_early"]));
    expect(summary.suggestions).toEqual(out.suggestions);
    expect(summary.lrs).toEqual(out.lrs);
  });

  it("prints a table of the suggestions and the curve's stats", async () => {
    const text = await find(...quick, "--mode", "linear", "--no-record");
    expect(text).toMatch(/^LR range test: \d+ of 40 steps, η 0\.0001 → 100 \(linear\), train loss smoothed with β 0\.98/);
    expect(text).toMatch(/smoothed loss: first [\d.]+, lowest [\d.]+ at η [\d.e-]+, last /);
    for (const name of ["valley", "slide", "minimum", "steep", "steepest_raw"]) expect(text).toMatch(new RegExp(`\\n  ${name} +(\\d|-)`));
    expect(text).not.toContain("run ");
  });

  it("--plot draws the range-test chart with the suggestions marked, as SVG or PNG", async () => {
    const svgPath = join(dir, "find.svg");
    const pngPath = join(dir, "find.png");
    const text = await find(...quick, "--no-record", "--plot", svgPath);
    expect(text).toMatch(/\n {2}minimum +[\d.e-]+ +← recommended η\* \([\d.e-]+\)\n/);
    expect(text.match(/recommended/g)).toHaveLength(1);
    const svg = readFileSync(svgPath, "utf8");
    expect(svg).toMatch(/^<svg /);
    expect(svg).toContain("learning rate η");
    expect(svg).toMatch(/valley = /);
    expect(svg).toMatch(/η\* = minimum = /);
    await find(...quick, "--no-record", "--plot", pngPath, "--json");
    expect([...readFileSync(pngPath).subarray(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
    expect(readdirSync(dir).filter((f) => f.includes(".partial-"))).toEqual([]);
  });

  it("--apply writes the config with the recommended η (the minimum suggestion) as the optimizer's lr (YAML) or as OneCycleLR's max_lr (JSON)", async () => {
    const yamlPath = join(dir, "tuned.yaml");
    const out = JSON.parse(await find(...quick, "--no-record", "--json", "--apply", yamlPath));
    const lr = Number(out.suggestions.minimum.toPrecision(3));
    expect(out.suggestions.valley).not.toBe(out.suggestions.minimum);
    expect(out.recommended).toMatchObject({ rule: "minimum", lr });
    expect(out.recommended.alternatives).toContainEqual({ rule: "valley", lr: out.suggestions.valley });
    expect(out.applied).toEqual({ path: yamlPath, as: "lr", lr, rule: "minimum" });
    const text = readFileSync(yamlPath, "utf8");
    expect(text).toMatch(new RegExp(`^# .*iris\\.yaml with optimizer\\.lr = ${lr}, the minimum suggestion of lrkit find \\(the recommended η\\)`));
    const tuned = parseYaml(text);
    expect(tuned.optimizer).toEqual({ type: "SGD", lr, momentum: 0.9 });
    expect(tuned.scheduler).toEqual({ type: "StepLR", step_size: 5 });
    expect(tuned.data).toEqual({ name: "iris" });

    const jsonPath = join(dir, "tuned.json");
    await find(...quick, "--no-record", "--apply", jsonPath, "--apply-as", "one_cycle");
    const cycled = JSON.parse(readFileSync(jsonPath, "utf8"));
    expect(cycled.scheduler).toEqual({ type: "OneCycleLR", max_lr: lr });
    expect(cycled.optimizer).toEqual({ type: "SGD", lr: 0.1, momentum: 0.9 });
  });

  it("--optimizer replaces the config's optimizer (any type, e.g. Prodigy's lr multiplier), and the recorded config carries it", async () => {
    const range = [...quick, "--start-lr", "1e-3", "--end-lr", "1e3", "--json"];
    const out = JSON.parse(await find(...range, "--optimizer", '{"type": "Prodigy", "d_coef": 0.5}'));
    const sgd = JSON.parse(await find(...range, "--no-record"));
    const n = Math.min(out.lrs.length, sgd.lrs.length);
    expect(out.lrs.slice(0, n)).toEqual(sgd.lrs.slice(0, n));
    expect(out.losses[0]).toBe(sgd.losses[0]); // the same model and first batch …
    expect(out.losses.slice(1, n)).not.toEqual(sgd.losses.slice(1, n)); // … stepped by another optimizer
    const store = openStore(storeFile);
    const run = store.getRun(out.run_id);
    store.close();
    expect((run.config as Record<string, unknown>).optimizer).toEqual({ type: "Prodigy", d_coef: 0.5 });
    expect((run.config as Record<string, unknown>).data).toEqual({ name: "iris" });

    const specFile = join(dir, "muon.yaml");
    writeFileSync(specFile, "type: Muon\nlr: 0.02\n");
    const applied = join(dir, "muon-tuned.yaml");
    await find(...quick, "--no-record", "--optimizer", specFile, "--apply", applied);
    expect(parseYaml(readFileSync(applied, "utf8")).optimizer).toMatchObject({ type: "Muon" });
  });

  it("refuses bad settings and unwritable outputs before any work, naming the flag", async () => {
    const runCount = () => {
      if (!existsSync(storeFile)) return 0;
      const store = openStore(storeFile);
      const count = store.listRuns().length;
      store.close();
      return count;
    };
    const runsBefore = runCount();
    await expect(find(...quick, "--start-lr", "1", "--end-lr", "0.5")).rejects.toThrow(/--end-lr must be greater than --start-lr \(1\)/);
    await expect(find(...quick, "--num-iter", "3")).rejects.toThrow(/--num-iter must be a whole number ≥ 5; got 3/);
    await expect(find(...quick, "--start-lr", "abc")).rejects.toThrow(/--start-lr: expected a number; got "abc"/);
    await expect(find(...quick, "--apply", join(dir, "missing", "x.yaml"))).rejects.toThrow(/--apply: the folder .*missing.* does not exist/);
    await expect(find(...quick, "--plot", join(dir, "x.pdf"))).rejects.toThrow(/--plot: the file is written as \.svg or \.png/);
    await expect(find(...quick, "--apply-as", "one_cycle")).rejects.toThrow(/--apply-as: .*give --apply FILE too/);
    const none = join(dir, "none.yaml");
    await expect(find("--config", configFile, "--start-lr", "1e30", "--end-lr", "1e35", "--num-iter", "20", "--no-record", "--apply", none)).rejects.toThrow(
      /^--apply: the range test gave no minimum suggestion, the recommended η \(.+\), so .*none\.yaml was not written$/,
    );
    expect(existsSync(none)).toBe(false);
    await expect(find(...quick, "--optimizer", '{"type": "Prodgy"}')).rejects.toThrow(/^--optimizer\.type: unknown value "Prodgy" \(did you mean "Prodigy"\?\)/);
    await expect(find(...quick, "--optimizer", '{"type": "Muon", "ns_steps": 0}')).rejects.toThrow("--optimizer.ns_steps: expected a whole number of iterations ≥ 1; got 0");
    await expect(find(...quick, "--optimizer", "{type: Prodigy")).rejects.toThrow(/--optimizer is not valid JSON/);
    expect(runCount()).toBe(runsBefore);
  });
});
