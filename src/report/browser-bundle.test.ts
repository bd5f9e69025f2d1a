import { builtinModules } from "node:module";
import { resolve } from "node:path";
import { build } from "vite";
import { describe, expect, it } from "vitest";

const nodeBuiltins = new Set(builtinModules);

describe("the report module bundles for the browser", () => {
  it("src/report/index.ts (chart specs, smoothEma, renderSvg with Vega) pulls in no Node built-in module", async () => {
    const nodeImports: string[] = [];
    await build({
      configFile: false,
      logLevel: "silent",
      plugins: [
        {
          name: "refuse-node-builtins",
          enforce: "pre",
          resolveId(id, importer) {
            if (id.startsWith("node:") || nodeBuiltins.has(id.split("/")[0]!)) nodeImports.push(`${id} (from ${importer})`);
            return null;
          },
        },
      ],
      build: {
        write: false,
        minify: false,
        lib: { entry: resolve(import.meta.dirname, "index.ts"), formats: ["es"], fileName: "report" },
      },
    });
    expect(nodeImports).toEqual([]);
  });
});
