/** README's library script runs as written (against dist/) and prints the output README shows. */
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

const readme = readFileSync(resolve(import.meta.dirname, "../README.md"), "utf8");
const block = (opening: string) => {
  const start = readme.indexOf(opening);
  expect(start, `README has no block opening with ${JSON.stringify(opening)}`).toBeGreaterThan(-1);
  return readme.slice(start + opening.length, readme.indexOf("```", start + opening.length));
};

describe("README", () => {
  it("the library script runs and prints what README shows", async () => {
    const dist = pathToFileURL(resolve(import.meta.dirname, "../dist/index.js")).href;
    const script = block("```js\n// readme.mjs\n").replace('from "lrkit"', `from "${dist}"`);
    const file = join(mkdtempSync(join(tmpdir(), "lrkit-readme-")), "readme.mjs");
    writeFileSync(file, script);
    const { stdout } = await promisify(execFile)(process.execPath, [file]);
    expect(stdout).toBe(block("```console\n$ node readme.mjs\n"));
  });
});
