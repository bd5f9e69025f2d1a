import { PNG } from "pngjs";
import { describe, expect, it } from "vitest";
import { lossChart, renderSvg } from "../index.js";
import { renderPng } from "./index.js";

const pngSignature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const steps = Array.from({ length: 100 }, (_, i) => i);
const spec = lossChart({ series: [{ name: "run", steps, loss: steps.map((s) => 1 / (1 + s)) }], title: "loss" });

function svgSize(svg: string): [number, number] {
  const [, width, height] = svg.match(/^<svg [^>]*width="(\d+)" height="(\d+)"/)!;
  return [Number(width), Number(height)];
}

describe("renderPng", () => {
  it("writes a PNG the size of the SVG times the scale", async () => {
    const [width, height] = svgSize(await renderSvg(spec));
    for (const scale of [1, 2]) {
      const png = await renderPng(spec, { scale });
      expect([...png.subarray(0, 8)]).toEqual(pngSignature);
      const image = PNG.sync.read(Buffer.from(png));
      expect([image.width, image.height]).toEqual([width * scale, height * scale]);
    }
  });

  it("draws text: a chart holding only a note has dark pixels where the note is", async () => {
    const note = lossChart({ series: [], width: 300, height: 100 });
    const image = PNG.sync.read(Buffer.from(await renderPng(note)));
    let dark = 0;
    for (let y = 0; y < image.height; y++) {
      for (let x = 0; x < image.width; x++) {
        const i = 4 * (y * image.width + x);
        if (image.data[i]! < 160 && image.data[i + 1]! < 160 && image.data[i + 2]! < 160) dark++;
      }
    }
    expect(dark).toBeGreaterThan(100);
  });

  it("gives the same bytes for the same chart", async () => {
    expect(Buffer.from(await renderPng(spec)).equals(Buffer.from(await renderPng(spec)))).toBe(true);
  });

  it("refuses a scale that is not a positive number", async () => {
    await expect(renderPng(spec, { scale: 0 })).rejects.toThrow(/scale must be a positive number; got 0/);
  });
});
