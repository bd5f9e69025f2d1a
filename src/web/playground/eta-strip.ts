/**
 * The η of each trajectory on a log axis, with the stability edge of gradient descent marked and
 * the η past it shaded: on the quadratic bowl divergence begins exactly at that line.
 */
import { svg } from "../lib/dom.js";
import { formatNumber } from "../lib/format.js";

const WIDTH = 520;
const HEIGHT = 64;
const PAD = 16;

export function etaStrip(lrs: readonly { lr: number; color: string }[], edge: number | undefined, edgeLabel: string): SVGSVGElement {
  const all = [...lrs.map((l) => l.lr), ...(edge ? [edge] : [])].filter((v) => v > 0);
  const lo = Math.log10(Math.min(...all) / 2);
  const hi = Math.log10(Math.max(...all) * 2);
  const x = (v: number) => PAD + ((Math.log10(v) - lo) / (hi - lo)) * (WIDTH - 2 * PAD);
  const axisY = 40;
  const ticks: number[] = [];
  for (let e = Math.ceil(lo); e <= Math.floor(hi); e++) ticks.push(10 ** e);
  return svg(
    "svg",
    { viewBox: `0 0 ${WIDTH} ${HEIGHT}`, class: "eta-strip", role: "img", "aria-label": "the η of each trajectory on a log axis" },
    ...(edge ? [svg("rect", { x: x(edge), y: 8, width: Math.max(WIDTH - PAD - x(edge), 0), height: axisY - 8, fill: "#fdecea" })] : []),
    svg("line", { x1: PAD, x2: WIDTH - PAD, y1: axisY, y2: axisY, stroke: "#555" }),
    ...ticks.flatMap((t) => [
      svg("line", { x1: x(t), x2: x(t), y1: axisY, y2: axisY + 4, stroke: "#555" }),
      svg("text", { x: x(t), y: axisY + 16, "text-anchor": "middle", class: "pc-tick" }, formatNumber(t)),
    ]),
    ...(edge
      ? [
          svg("line", { x1: x(edge), x2: x(edge), y1: 6, y2: axisY + 4, stroke: "#b3261e", "stroke-width": 2, "stroke-dasharray": "4 3" }),
          x(edge) > WIDTH / 2
            ? svg("text", { x: x(edge) - 5, y: 18, "text-anchor": "end", class: "edge-label" }, `${edgeLabel} = ${formatNumber(edge)} (unstable beyond →)`)
            : svg("text", { x: x(edge) + 5, y: 18, class: "edge-label" }, `${edgeLabel} = ${formatNumber(edge)} (unstable →)`),
        ]
      : []),
    ...lrs.map((l) => svg("circle", { cx: x(l.lr), cy: axisY, r: 5, fill: l.color, stroke: "#fff", "stroke-width": 1.5 }, svg("title", null, `η = ${formatNumber(l.lr)}`))),
  );
}
