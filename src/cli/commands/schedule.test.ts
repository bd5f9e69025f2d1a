import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, describe, expect, it, vi } from "vitest";
import { ConfigError } from "../../errors.js";
import { scheduleCommand } from "./schedule.js";

const dir = mkdtempSync(join(tmpdir(), "lrkit-schedule-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(() => vi.restoreAllMocks());

/** Runs `lrkit schedule ARGS` and returns what it printed on stdout. */
async function schedule(...args: string[]): Promise<string> {
  let out = "";
  vi.spyOn(process.stdout, "write").mockImplementation((chunk: string | Uint8Array) => {
    out += String(chunk);
    return true;
  });
  await scheduleCommand().exitOverride().parseAsync(args, { from: "user" });
  vi.restoreAllMocks();
  return out;
}

const stepLR = '{"type":"StepLR","step_size":3,"gamma":0.5}';

describe("lrkit schedule", () => {
  it("--json prints StepLR's η at every step, halving every 3 steps as torch does", async () => {
    const trace = JSON.parse(await schedule(stepLR, "--lr", "0.1", "--steps", "8", "--json"));
    expect(trace).toEqual({ steps: [0, 1, 2, 3, 4, 5, 6, 7], lr: [0.1, 0.1, 0.1, 0.05, 0.05, 0.05, 0.025, 0.025] });
  });

  it("records momentum where the scheduler cycles it, and OneCycleLR takes total_steps from --steps", async () => {
    const trace = JSON.parse(await schedule('{"type":"OneCycleLR","max_lr":0.1}', "--lr", "0.01", "--steps", "100", "--json"));
    expect(trace.lr).toHaveLength(100);
    expect(trace.momentum).toHaveLength(100);
    expect(trace.lr[0]).toBeCloseTo(0.1 / 25, 12);
    expect(Math.max(...trace.lr)).toBeCloseTo(0.1, 6);
    expect(trace.momentum[0]).toBeCloseTo(0.95, 12);
  });

  it("prints a summary: first/last/min/max η, the step of the max, a sparkline and sampled steps", async () => {
    const text = await schedule('{"type":"warmup_cosine","warmup_steps":10,"decay_steps":100}', "--lr", "0.1", "--steps", "100");
    expect(text).toContain("warmup_cosine from lr 0.1 over 100 steps");
    expect(text).toMatch(/first 0 +last /);
    expect(text).toContain("max 0.1 (step 10)");
    expect(text).toMatch(/η +[▁▂▃▄▅▆▇█]{60}\n/);
    expect(text.trimEnd().split("\n").slice(-10).map((l) => Number(l.trim().split(/\s+/)[0]))).toEqual([0, 11, 22, 33, 44, 55, 66, 77, 88, 99]);
  });

  it("reads a YAML spec file", async () => {
    const file = join(dir, "spec.yaml");
    writeFileSync(file, "type: MultiStepLR\nmilestones: [2, 4]\ngamma: 0.1\n");
    const trace = JSON.parse(await schedule(file, "--lr", "1", "--steps", "5", "--json"));
    expect(trace.lr.map((x: number) => Number(x.toPrecision(12)))).toEqual([1, 1, 0.1, 0.1, 0.01]);
  });

  it("--out writes an SVG and a PNG chart of η against step", async () => {
    const svgPath = join(dir, "lr.svg");
    const pngPath = join(dir, "lr.png");
    expect(await schedule(stepLR, "--lr", "0.1", "--steps", "20", "--out", svgPath)).toBe(`wrote ${svgPath}\n`);
    const svg = readFileSync(svgPath, "utf8");
    expect(svg).toMatch(/^<svg /);
    expect(svg).toContain("learning rate η");
    expect(svg).toContain("StepLR");
    await schedule(stepLR, "--lr", "0.1", "--steps", "20", "--out", pngPath, "--json");
    const png = readFileSync(pngPath);
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    const [, svgWidth, svgHeight] = svg.match(/width="(\d+)" height="(\d+)"/)!.map(Number);
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([2 * svgWidth!, 2 * svgHeight!]);
    expect(readdirSync(dir).filter((f) => f.includes(".partial-"))).toEqual([]);
  });

  it("refuses an --out folder that does not exist, before writing anything", async () => {
    const missing = join(dir, "no-such-folder", "lr.svg");
    await expect(schedule(stepLR, "--lr", "0.1", "--steps", "5", "--out", missing)).rejects.toThrow(/folder .*no-such-folder.* does not exist/);
    expect(existsSync(join(dir, "no-such-folder"))).toBe(false);
  });

  it("names the problem in a spec that does not parse or does not validate", async () => {
    await expect(schedule('{"type":"StepLR",', "--lr", "0.1", "--steps", "5")).rejects.toThrow(/SPEC is not valid JSON/);
    await expect(schedule('{"type":"StepLR","step_sise":3}', "--lr", "0.1", "--steps", "5")).rejects.toThrow(/unknown key "step_sise" \(did you mean "step_size"\?\)/);
    await expect(schedule('{"type":"StepLr","step_size":3}', "--lr", "0.1", "--steps", "5")).rejects.toThrow(/did you mean "StepLR"/);
    await expect(schedule("[1, 2]", "--lr", "0.1", "--steps", "5")).rejects.toThrow(/neither inline JSON/);
    await expect(schedule(join(dir, "absent.json"), "--lr", "0.1", "--steps", "5")).rejects.toThrow(/absent\.json" does not exist/);
    const bad = join(dir, "bad.yaml");
    writeFileSync(bad, "type: [StepLR\n");
    await expect(schedule(bad, "--lr", "0.1", "--steps", "5")).rejects.toThrow(/bad\.yaml: not valid YAML/);
    await expect(schedule('{"type":"ReduceLROnPlateau"}', "--lr", "0.1", "--steps", "5")).rejects.toThrow(/no curve without training/);
    const short = schedule('{"type":"SequentialLR","milestones":[10],"schedulers":[{"type":"ConstantLR"},{"type":"OneCycleLR","max_lr":0.1,"total_steps":50}]}', "--lr", "0.01", "--steps", "100");
    await expect(short).rejects.toThrow(ConfigError);
    await expect(short).rejects.toThrow(/SPEC\.schedulers\[1\]\.total_steps: OneCycleLR's cycle \(total_steps 50\) is shorter than the 90 steps this scheduler runs .*traced with --steps 100/);
  });

  it("refuses a bad --lr, --steps or --out extension as a ConfigError", async () => {
    await expect(schedule(stepLR, "--lr", "-1", "--steps", "5")).rejects.toThrow(ConfigError);
    await expect(schedule(stepLR, "--lr", "0.1", "--steps", "2.5")).rejects.toThrow(/--steps: expected a whole number ≥ 1; got "2.5"/);
    await expect(schedule(stepLR, "--lr", "0.1", "--steps", "5", "--out", join(dir, "lr.jpg"))).rejects.toThrow(/\.svg or \.png/);
  });
});
