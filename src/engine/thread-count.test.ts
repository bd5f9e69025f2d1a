import { availableParallelism } from "node:os";
import { describe, expect, it } from "vitest";
import { requestedThreads } from "./thread-count.js";

describe("requestedThreads", () => {
  it("defaults to the cores available and reads LRKIT_THREADS", () => {
    expect(requestedThreads(undefined)).toBe(availableParallelism());
    expect(requestedThreads(" ")).toBe(availableParallelism());
    expect(requestedThreads("1")).toBe(1);
    expect(requestedThreads("3")).toBe(3);
  });

  it("names the variable and the value when it is not a whole number ≥ 1", () => {
    for (const bad of ["0", "-2", "1.5", "two"]) {
      expect(() => requestedThreads(bad)).toThrow(`LRKIT_THREADS must be a whole number ≥ 1 (1 runs every kernel on the calling thread); got "${bad}"`);
    }
    expect(() => requestedThreads("0", "--threads")).toThrow('--threads must be a whole number ≥ 1 (1 runs every kernel on the calling thread); got "0"');
  });
});
