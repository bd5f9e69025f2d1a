/**
 * Reading data files from disk, gzipped or not (recognised by the gzip magic bytes 1f 8b, not
 * by the file name).
 */
import { readFile } from "node:fs/promises";
import { promisify } from "node:util";
import { gunzip } from "node:zlib";
import { DataError } from "../errors.js";

const gunzipAsync = promisify(gunzip);

/** The file's bytes, decompressed when gzipped. A missing or unreadable file is a DataError naming it. */
export async function readBytes(path: string): Promise<Uint8Array> {
  let raw: Buffer;
  try {
    raw = await readFile(path);
  } catch (error) {
    throw new DataError(`${path}: cannot read: ${(error as Error).message}`, path);
  }
  if (!isGzip(raw)) return raw;
  try {
    return await gunzipAsync(raw);
  } catch (error) {
    throw new DataError(`${path}: corrupt gzip data: ${(error as Error).message}`, path);
  }
}

/** The file's text (UTF-8), decompressed when gzipped. */
export async function readText(path: string): Promise<string> {
  return new TextDecoder().decode(await readBytes(path));
}

export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}
