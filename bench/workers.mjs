/**
 * Child processes for the bench: one per (runtime, task), so engines never share a thread and each
 * process's peak RSS belongs to one runtime doing one task. Commands and answers follow protocol.mjs.
 */
import { spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { clearTimeout, setTimeout } from "node:timers";
import { MARK } from "./protocol.mjs";

/** A started worker: `ask(command)` resolves with its answer; a crash or timeout rejects. `env` is added to the child's environment. */
export class Worker {
  constructor(runtime, argv, env = {}) {
    this.runtime = runtime;
    this.command = [...Object.entries(env).map(([k, v]) => `${k}=${v}`), ...argv].join(" ");
    this.child = spawn(argv[0], argv.slice(1), { stdio: ["pipe", "pipe", "pipe"], env: { ...process.env, ...env } });
    this.stderr = "";
    this.waiting = [];
    this.exited = false;
    this.child.stderr.on("data", (chunk) => {
      this.stderr = (this.stderr + chunk).slice(-4000);
    });
    createInterface({ input: this.child.stdout }).on("line", (line) => {
      if (!line.startsWith(MARK)) return;
      this.waiting.shift()?.resolve(JSON.parse(line.slice(MARK.length)));
    });
    this.child.on("exit", (code, signal) => {
      this.exited = true;
      const error = new Error(`${this.command} exited (${signal ?? code}): ${this.stderr.trim().split("\n").slice(-6).join(" | ")}`);
      for (const w of this.waiting.splice(0)) w.reject(error);
    });
  }

  ask(command, timeoutMs = 600_000) {
    if (this.exited) return Promise.reject(new Error(`${this.command} is not running: ${this.stderr.trim().split("\n").slice(-3).join(" | ")}`));
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.child.kill("SIGKILL");
        reject(new Error(`${this.command}: no answer to ${command.op} within ${timeoutMs / 1000} s`));
      }, timeoutMs);
      this.waiting.push({
        resolve: (v) => (clearTimeout(timer), resolve(v)),
        reject: (e) => (clearTimeout(timer), reject(e)),
      });
      this.child.stdin.write(JSON.stringify(command) + "\n");
    });
  }

  /** Ends the worker and returns its peak RSS answer (or an error note if it had died). */
  async exit() {
    try {
      const answer = await this.ask({ op: "exit" }, 30_000);
      await new Promise((r) => (this.exited ? r() : this.child.once("exit", r)));
      return answer;
    } catch (error) {
      return { error: String(error.message ?? error) };
    }
  }
}
