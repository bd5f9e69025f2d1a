import { readFileSync } from "node:fs";
import { expect, it } from "vitest";
import { LRKIT_VERSION } from "./version.js";

it("LRKIT_VERSION is package.json's version (queue workers compare it with the coordinator's)", () => {
  const pkg = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as { version: string };
  expect(LRKIT_VERSION).toBe(pkg.version);
});
