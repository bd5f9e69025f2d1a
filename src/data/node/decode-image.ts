/**
 * PNG and JPEG files to pixels, recognised by their signature bytes (PNG 89 50 4E 47,
 * JPEG FF D8), decoded by pngjs and jpeg-js.
 */
import jpeg from "jpeg-js";
import { PNG } from "pngjs";
import { DataError } from "../errors.js";

export interface Pixels {
  readonly width: number;
  readonly height: number;
  /** Interleaved 8-bit values, `stride` per pixel (RGB or RGBA). */
  readonly data: Uint8Array;
  readonly stride: number;
}

export function decodeImage(bytes: Uint8Array, source: string): Pixels {
  try {
    if (bytes[0] === 0x89 && bytes[1] === 0x50 && bytes[2] === 0x4e && bytes[3] === 0x47) {
      const png = PNG.sync.read(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length));
      return { width: png.width, height: png.height, data: png.data, stride: 4 };
    }
    if (bytes[0] === 0xff && bytes[1] === 0xd8) {
      const image = jpeg.decode(bytes, { useTArray: true, formatAsRGBA: false });
      return { width: image.width, height: image.height, data: image.data, stride: 3 };
    }
  } catch (error) {
    throw new DataError(`${source}: cannot decode image: ${(error as Error).message}`, source);
  }
  throw new DataError(`${source}: not a PNG or JPEG file (unknown signature bytes)`, source);
}

/**
 * Write `pixels` into `out` at `offset` as channels-first planes scaled to [0, 1]: 3 channels
 * R, G, B (alpha dropped, as PIL's `convert("RGB")`), or 1 channel of luma
 * L = (19595·R + 38470·G + 7471·B + 2¹⁵) >> 16, PIL's `convert("L")` (ITU-R 601-2 weights
 * 0.299, 0.587, 0.114 in 16-bit fixed point).
 */
export function writePlanes(pixels: Pixels, channels: 1 | 3, out: Float32Array, offset: number): void {
  const { data, stride } = pixels;
  const area = pixels.width * pixels.height;
  for (let p = 0, s = 0; p < area; p++, s += stride) {
    if (channels === 3) {
      out[offset + p] = data[s]! / 255;
      out[offset + area + p] = data[s + 1]! / 255;
      out[offset + 2 * area + p] = data[s + 2]! / 255;
    } else {
      out[offset + p] = ((19595 * data[s]! + 38470 * data[s + 1]! + 7471 * data[s + 2]! + 0x8000) >> 16) / 255;
    }
  }
}
