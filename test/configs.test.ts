/** The run configs shipped in configs/ (and shown in the README) are valid. */
import { readdirSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { createModel } from "../src/nn/index.js";
import { parseRunSpec } from "../src/run/index.js";

const folder = resolve(import.meta.dirname, "../configs");
const files = readdirSync(folder).filter((f) => f.endsWith(".yaml"));

describe("configs/", () => {
  it("holds configs", () => expect(files.length).toBeGreaterThanOrEqual(4));

  it.each(files)("%s is a valid run config", (file) => {
    const spec = parseRunSpec(parse(readFileSync(resolve(folder, file), "utf8")), file);
    const name = spec.data && "name" in spec.data ? spec.data.name : undefined;
    const shape = name === "cifar10" ? [3, 32, 32] : name === "mnist" || name === "fashion-mnist" ? [1, 28, 28] : [30];
    expect(createModel(spec.model, shape, 10).outputShape).toEqual([10]);
  });
});
