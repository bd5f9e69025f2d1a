/**
 * A chart spec to an SVG string without a browser: Vega-Lite compiles the spec to Vega, and a
 * headless Vega View (renderer "none") serialises its scenegraph with `toSVG()`. Text widths are
 * Vega's character-count estimate (no canvas here), which keeps output identical across machines.
 */
import { compile } from "vega-lite";
import { View, parse, Error as ErrorLevel } from "vega";
import type { ChartSpec } from "./frame.js";

/**
 * Render `spec` to SVG. The same spec gives the same string: Vega numbers clip paths from a
 * process-wide counter, so the ids are renumbered in order of appearance.
 */
export async function renderSvg(spec: ChartSpec): Promise<string> {
  const view = new View(parse(compile(spec).spec), { renderer: "none", logLevel: ErrorLevel });
  try {
    return renumberIds(await view.toSVG());
  } finally {
    view.finalize();
  }
}

function renumberIds(svg: string): string {
  const ids = new Map<string, string>();
  return svg.replace(/(id="|url\(#)((?:clip|(?:p_)?gradient_)\d+)/g, (_match: string, context: string, id: string) => {
    let fresh = ids.get(id);
    if (fresh === undefined) {
      fresh = `def${ids.size + 1}`;
      ids.set(id, fresh);
    }
    return `${context}${fresh}`;
  });
}
