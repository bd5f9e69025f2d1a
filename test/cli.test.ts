/** End-to-end: the built `lrkit` command as a user runs it (`npm ci` builds dist/ through `prepare`). */
import { execFile } from "node:child_process";
import { resolve } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

const run = promisify(execFile);
const cli = resolve(import.meta.dirname, "../dist/cli/main.js");

async function lrkit(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [cli, ...args]);
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe("lrkit command", () => {
  it("--help lists the commands", async () => {
    const { code, stdout } = await lrkit("--help");
    expect(code).toBe(0);
    for (const command of ["example", "schedule", "runs"]) expect(stdout).toContain(command);
  });

  it("a usage error prints one error line, a guess and a short usage line, and exits with 2 like a bad config", async () => {
    const typo = await lrkit("trian");
    expect(typo.code).toBe(2);
    expect(typo.stderr).toContain("error: unknown command 'trian'");
    expect(typo.stderr).toContain("Did you mean train?");
    expect(typo.stderr).not.toContain("Commands:");
    expect(typo.stderr.trim().split("\n").length).toBeLessThanOrEqual(3);
    const missing = await lrkit("train");
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("usage: lrkit train [options]");
    expect((await lrkit("find", "--config", "x.yaml", "--mode", "log")).code).toBe(2);
    expect((await lrkit("schedule", "--no-such-option")).code).toBe(2);
  });

  it("example linear-regression prints the seed's slope and intercept", async () => {
    const { code, stdout } = await lrkit("example", "linear-regression");
    expect(code).toBe(0);
    const match = /^Slope: ([\d.]+), Intercept: ([\d.]+)$/.exec(stdout.trim());
    expect(match).not.toBeNull();
    expect(Math.abs(Number(match![1]) - 0.6176947951316833)).toBeLessThan(1e-5);
    expect(Math.abs(Number(match![2]) - 2.1361162662506104)).toBeLessThan(1e-5);
  });

  it("takes --threads anywhere on the line and LRKIT_THREADS, and names a bad value", async () => {
    const schedule = ["schedule", '{"type":"StepLR","step_size":2}', "--lr", "0.1", "--steps", "3", "--json"];
    expect((await lrkit(...schedule, "--threads", "1")).code).toBe(0);
    expect((await lrkit("--threads=2", ...schedule)).code).toBe(0);
    const bad = await lrkit(...schedule, "--threads", "0");
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe('lrkit: --threads must be a whole number ≥ 1 (1 runs every kernel on the calling thread); got "0"\n');
    const badEnv = await run(process.execPath, [cli, ...schedule], { env: { ...process.env, LRKIT_THREADS: "many" } }).catch((e: { code: number; stderr: string }) => e);
    expect(badEnv).toMatchObject({ code: 2, stderr: 'lrkit: LRKIT_THREADS must be a whole number ≥ 1 (1 runs every kernel on the calling thread); got "many"\n' });
  });

  it("example --json prints one JSON object", async () => {
    const { stdout } = await lrkit("example", "linear-regression", "--json");
    expect(JSON.parse(stdout)).toMatchObject({ epochs: 1000 });
  });

  it("an unknown example is one clear line on stderr with exit code 2", async () => {
    const { code, stderr } = await lrkit("example", "linear-regresion");
    expect(code).toBe(2);
    expect(stderr.trim()).toMatch(/^lrkit: unknown example "linear-regresion" \(did you mean "linear-regression"\?\); valid: linear-regression, /);
  });
});

describe("import('lrkit')", () => {
  it("works from the repository root and trains with a spec", async () => {
    const lrkitModule = await import("lrkit");
    const scheduler = lrkitModule.createScheduler({ type: "StepLR", step_size: 2, gamma: 0.5 }, 0.1);
    scheduler.step();
    scheduler.step();
    expect(scheduler.lr).toBe(0.05);
    expect(typeof lrkitModule.createOptimizer).toBe("function");
  });
});
