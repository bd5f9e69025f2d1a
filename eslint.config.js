import js from "@eslint/js";
import globals from "globals";
import tseslint from "typescript-eslint";
import folderFaces from "./eslint-rules/folder-faces.js";

export default tseslint.config(
  { ignores: ["dist/", "dist-check/", "node_modules/", "bench/out/"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  { files: ["**/*.mjs", "scripts/**", "bench/**"], languageOptions: { globals: globals.node } },
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "no-console": "off",
    },
  },
  {
    files: ["src/**/*.ts"],
    plugins: { lrkit: { rules: { "folder-faces": folderFaces } } },
    rules: { "lrkit/folder-faces": ["error", { entries: ["engine/node-threads.ts", "engine/thread-count.ts"] }] },
  },
);
