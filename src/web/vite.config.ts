/**
 * Builds the dashboard and playground pages into `dist/web` (served by `lrkit dash`):
 * `vite build --config src/web/vite.config.ts`. Each page is its own HTML entry; the playground
 * alone pulls in jax-js and lrkit's browser-safe core. The MNIST subset the playground trains on
 * is written to `dist/web/data` (see `build/mnist-subset.ts`).
 */
import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";
import { mnistSubset } from "./build/mnist-subset.js";

const here = fileURLToPath(new URL(".", import.meta.url));
const repoRoot = fileURLToPath(new URL("../..", import.meta.url));
const pages = ["index", "run", "compare", "sweep", "playground"];

export default defineConfig({
  root: here,
  base: "/",
  logLevel: "warn",
  plugins: [mnistSubset(repoRoot)],
  build: {
    outDir: `${repoRoot}dist/web`,
    emptyOutDir: true,
    target: "es2022",
    chunkSizeWarningLimit: 2000,
    rolldownOptions: {
      input: Object.fromEntries(pages.map((p) => [p, `${here}${p}.html`])),
      // The pages never render with Vega (uPlot draws their charts), but they import the report
      // module's pure helpers, which sit beside `renderSvg`; Vega's packages do not declare
      // themselves free of side effects, so without this their 600 kB would stay in the bundle.
      treeshake: { moduleSideEffects: (id: string) => !/[\\/]node_modules[\\/](vega|d3-)/.test(id) },
    },
  },
});
