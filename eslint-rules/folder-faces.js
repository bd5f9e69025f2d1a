/**
 * `lrkit/folder-faces`: an import that crosses from one folder of `src/` to another goes through
 * that folder's `index.ts` (its public face, or the face of a sub-folder such as `data/node/`),
 * never into its other files. Tests may also reach shared helpers under a `testing/` folder.
 * `entries` names the few files that are entry points in their own right (loaded for their side
 * effects before the folder's face may load).
 */
import path from "node:path";

const sourceRoot = path.resolve("src");

function topFolder(file) {
  const parts = path.relative(sourceRoot, file).split(path.sep);
  return parts.length > 1 ? parts[0] : undefined;
}

export default {
  meta: {
    type: "problem",
    docs: { description: "imports across src/ folders go through the folder's index.ts" },
    schema: [{ type: "object", properties: { entries: { type: "array", items: { type: "string" } } }, additionalProperties: false }],
    messages: {
      internal: '"{{spec}}" reaches into {{folder}}/ from {{from}}/: import it from {{face}} (export it there if it is public)',
    },
  },
  create(context) {
    const file = context.filename;
    if (!file.startsWith(sourceRoot + path.sep)) return {};
    const entries = new Set(context.options[0]?.entries ?? []);
    const isTest = /\.test\.ts$/.test(file);
    const check = (node) => {
      const spec = node.source?.value;
      if (typeof spec !== "string" || !spec.startsWith(".")) return;
      const target = path.resolve(path.dirname(file), spec);
      if (!target.startsWith(sourceRoot + path.sep)) return;
      const from = topFolder(file);
      const folder = topFolder(target);
      if (folder === undefined || folder === from) return;
      const relative = path.relative(sourceRoot, target).split(path.sep).join("/");
      if (relative.endsWith("/index.js") || entries.has(relative.replace(/\.js$/, ".ts"))) return;
      if (isTest && relative.split("/").includes("testing")) return;
      const face = `${path.posix.dirname(relative)}/index.js`;
      context.report({ node: node.source, messageId: "internal", data: { spec, folder, from: from ?? "src", face } });
    };
    return { ImportDeclaration: check, ExportNamedDeclaration: check, ExportAllDeclaration: check, ImportExpression: check };
  },
};
