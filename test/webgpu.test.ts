/**
 * `lrkit train --device webgpu` as a user runs it: one clear line and exit 2 where WebGPU is
 * missing; and, on SwiftShader (the CPU Vulkan driver Debian's chromium ships, which CI installs),
 * the same seed and config train the same on wasm and webgpu — per-step losses within float32
 * reduction-order noise over 58 steps for the MLP and the seed CNN, Adam and SGD momentum with a
 * cosine schedule — the process exits by itself, and a wasm checkpoint resumes on webgpu.
 * SwiftShader runs at about 0.2 GFLOP/s, so the runs are tiny (256 MNIST images, batch 4).
 */
import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

const run = promisify(execFile);
const cli = resolve(import.meta.dirname, "../dist/cli/main.js");
const chromium = "/usr/lib/chromium";
const swiftshader = join(chromium, "vk_swiftshader_icd.json");
const dir = mkdtempSync(join(tmpdir(), "lrkit-webgpu-"));

/** Dawn on SwiftShader: chromium's Vulkan loader and driver; the loader needs a runtime folder. */
const vulkanEnv = { LD_LIBRARY_PATH: chromium, VK_ICD_FILENAMES: swiftshader, XDG_RUNTIME_DIR: mkdtempSync(join(tmpdir(), "lrkit-xdg-")), LRKIT_THREADS: "1" };

async function lrkit(env: Record<string, string>, ...args: string[]) {
  try {
    const { stdout, stderr } = await run(process.execPath, [cli, ...args], { env: { ...process.env, ...env }, timeout: 60_000 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string; killed?: boolean };
    return { code: e.killed ? -1 : e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

function config(name: string, model: string, optimizer: string, epochs = 1): string {
  const file = join(dir, `${name}.yaml`);
  writeFileSync(
    file,
    `data: { name: mnist, limit: 256 }
model: { preset: ${model} }
optimizer: ${optimizer}
scheduler: { type: CosineAnnealingLR, T_max: 120 }
epochs: ${epochs}
batch_size: 4
seed: 3
`,
  );
  return file;
}

interface Step {
  lr: number;
  loss: number;
  gradNorm: number;
}

function steps(out: string): Step[] {
  const [, ...rows] = readFileSync(join(out, "steps.csv"), "utf8").trim().split("\n");
  return rows.map((row) => {
    const [, , lr, loss, gradNorm] = row.split(",").map(Number);
    return { lr: lr!, loss: loss!, gradNorm: gradNorm! };
  });
}

/** |a − b| within float32 reduction-order noise of |a| (summation order differs between the devices). */
function expectClose(webgpu: Step[], wasm: Step[]): void {
  expect(webgpu.length).toBe(wasm.length);
  webgpu.forEach((step, i) => {
    const at = wasm[i]!;
    expect(step.lr, `lr at step ${i}`).toBe(at.lr);
    expect(Math.abs(step.loss - at.loss), `loss at step ${i}: webgpu ${step.loss}, wasm ${at.loss}`).toBeLessThanOrEqual(1e-4 * Math.max(1, Math.abs(at.loss)));
    expect(Math.abs(step.gradNorm - at.gradNorm), `grad norm at step ${i}`).toBeLessThanOrEqual(1e-4 * Math.max(1, Math.abs(at.gradNorm)));
  });
}

describe("lrkit train --device webgpu", () => {
  it("without a usable Vulkan driver is one line naming what is missing, and exit 2", async () => {
    const { code, stdout, stderr } = await lrkit({ ...vulkanEnv, VK_ICD_FILENAMES: join(dir, "no-driver.json") }, "train", "-c", config("missing", "mlp", "{ type: Adam, lr: 0.001 }"), "--device", "webgpu", "--no-record");
    expect(code).toBe(2);
    expect(stdout).toBe("");
    expect(stderr.trim().split("\n")).toHaveLength(1);
    expect(stderr).toMatch(/^lrkit: --device webgpu: (no Vulkan driver: VK_ICD_FILENAMES=".*no-driver\.json" names no file that exists|the Vulkan loader libvulkan\.so\.1 is not installed .*); or use --device wasm\n$/);
  });

  it("names LRKIT_DEVICE when the variable asked for webgpu", async () => {
    const { code, stderr } = await lrkit({ ...vulkanEnv, VK_ICD_FILENAMES: join(dir, "no-driver.json"), LRKIT_DEVICE: "webgpu" }, "train", "-c", config("missing-env", "mlp", "{ type: Adam, lr: 0.001 }"), "--no-record");
    expect(code).toBe(2);
    expect(stderr).toMatch(/^lrkit: LRKIT_DEVICE=webgpu: /);
  });
});

describe.skipIf(!existsSync(swiftshader))("wasm and webgpu (SwiftShader) train alike", () => {
  const cases = [
    ["mlp-adam", "mlp", "{ type: Adam, lr: 0.001 }"],
    ["mlp-sgd", "mlp", "{ type: SGD, lr: 0.05, momentum: 0.9 }"],
    ["cnn-adam", "cnn", "{ type: Adam, lr: 0.001 }"],
    ["cnn-sgd", "cnn", "{ type: SGD, lr: 0.05, momentum: 0.9 }"],
  ] as const;

  it.each(cases)("%s: the same losses step by step, and the process exits by itself", async (name, model, optimizer) => {
    const file = config(name, model, optimizer);
    const onWasm = await lrkit({}, "train", "-c", file, "--device", "wasm", "--no-record", "--json", "--out", join(dir, `${name}-wasm`));
    const onWebgpu = await lrkit(vulkanEnv, "train", "-c", file, "--device", "webgpu", "--no-record", "--json", "--out", join(dir, `${name}-webgpu`));
    expect(onWasm.code, onWasm.stderr).toBe(0);
    expect(onWebgpu.code, onWebgpu.stderr).toBe(0);
    expect(JSON.parse(onWasm.stdout).device).toBe("wasm");
    const summary = JSON.parse(onWebgpu.stdout);
    expect(summary.device).toBe("webgpu");
    expect(summary.steps).toBeGreaterThanOrEqual(50);
    expectClose(steps(join(dir, `${name}-webgpu`)), steps(join(dir, `${name}-wasm`)));
    expect(summary.metrics.test.accuracy).toBeCloseTo(JSON.parse(onWasm.stdout).metrics.test.accuracy, 2);
  });

  it("resumes a checkpoint written on wasm on webgpu, as if it had run on wasm throughout", async () => {
    const first = config("resume-1", "mlp", "{ type: SGD, lr: 0.05, momentum: 0.9 }", 1);
    const both = config("resume-2", "mlp", "{ type: SGD, lr: 0.05, momentum: 0.9 }", 2);
    expect((await lrkit({}, "train", "-c", first, "--device", "wasm", "--no-record", "--out", join(dir, "resume-first"))).code).toBe(0);
    expect((await lrkit({}, "train", "-c", both, "--device", "wasm", "--no-record", "--out", join(dir, "resume-wasm"))).code).toBe(0);
    const resumed = await lrkit(vulkanEnv, "train", "-c", both, "--device", "webgpu", "--no-record", "--resume", join(dir, "resume-first", "checkpoint.json"), "--out", join(dir, "resume-webgpu"));
    expect(resumed.code, resumed.stderr).toBe(0);
    expectClose(steps(join(dir, "resume-webgpu")), steps(join(dir, "resume-wasm")));
  });

  it("sweep trials train on webgpu in their worker threads, and find runs its range test there", async () => {
    const store = join(dir, "sweep.db");
    const sweepConfig = join(dir, "sweep.yaml");
    writeFileSync(
      sweepConfig,
      `data: { name: iris }
model: { preset: mlp, hidden: [8] }
optimizer: { type: SGD, lr: 0.1 }
epochs: 2
batch_size: 32
seed: 0
search: { method: grid, space: { optimizer.lr: { loguniform: [1.0e-2, 1], points: 2 } } }
`,
    );
    const env = { ...vulkanEnv, LRKIT_STORE: store };
    const swept = await lrkit(env, "sweep", "-c", sweepConfig, "--workers", "1", "--device", "webgpu", "--json");
    expect(swept.code, swept.stderr).toBe(0);
    const result = JSON.parse(swept.stdout);
    expect(result.device).toBe("webgpu");
    const shown = await lrkit(env, "runs", "show", result.trials[0].run_id, "--json");
    expect(JSON.parse(shown.stdout).summary.device).toBe("webgpu");
    const found = await lrkit(vulkanEnv, "find", "-c", config("find", "mlp", "{ type: SGD, lr: 0.1 }"), "--num-iter", "10", "--device", "webgpu", "--no-record", "--json");
    expect(found.code, found.stderr).toBe(0);
    expect(JSON.parse(found.stdout)).toMatchObject({ device: "webgpu", stopped_early: false });
  });
});
