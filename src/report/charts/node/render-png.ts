/**
 * A chart spec to PNG bytes in Node: `renderSvg`, then resvg (a Rust SVG renderer shipped as a
 * prebuilt binary, so no browser or Cairo) rasterises the SVG at `scale` pixels per SVG unit.
 */
import { Resvg, type ResvgRenderOptions } from "@resvg/resvg-js";
import type { ChartSpec } from "../frame.js";
import { renderSvg } from "../render-svg.js";
import { chartFont } from "./fonts.js";

export interface PngOptions {
  /** Pixels per SVG unit: 2 gives a sharp image on high-density screens. Default 1. */
  scale?: number;
}

/**
 * Render `spec` to PNG. Text is drawn in the first common sans-serif font found on the machine
 * (DejaVu Sans, Liberation Sans, Noto Sans, Arial, …); where none of those exists, in whatever
 * font the system has. A machine with no fonts at all gets an error, since the chart would have
 * no labels.
 */
export async function renderPng(spec: ChartSpec, options: PngOptions = {}): Promise<Uint8Array> {
  const scale = options.scale ?? 1;
  if (!(Number.isFinite(scale) && scale > 0)) throw new RangeError(`renderPng: scale must be a positive number; got ${String(scale)}`);
  const svg = await renderSvg(spec);
  const png = new Resvg(svg, { fitTo: { mode: "zoom", value: scale }, font: fontOptions(), logLevel: "off" }).render().asPng();
  return new Uint8Array(png.buffer, png.byteOffset, png.byteLength);
}

let systemFontsChecked = false;

function fontOptions(): ResvgRenderOptions["font"] {
  const font = chartFont();
  if (font) return { loadSystemFonts: false, fontFiles: font.files, defaultFontFamily: font.family, sansSerifFamily: font.family };
  if (!systemFontsChecked) {
    const probe = new Resvg('<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20"><text x="2" y="15">Ag</text></svg>', { logLevel: "off" });
    if (probe.getBBox() === undefined) {
      throw new Error("renderPng: this machine has no fonts, so chart text cannot be drawn; install one (e.g. the fonts-dejavu-core package)");
    }
    systemFontsChecked = true;
  }
  return { loadSystemFonts: true };
}
