/**
 * Image folders in torchvision's `ImageFolder` layout: `<root>/<class>/…/<file>.png|jpg|jpeg`,
 * read from a directory or from a `.tar` / `.tar.gz` archive (streamed through node:zlib and
 * tar-stream, never unpacked to disk).
 *
 * As ImageFolder: class names are the sorted folder names and a sample's label is its folder's
 * index; files are taken in sorted path order within a class, so samples come class by class.
 * Unlike ImageFolder, the classes are those of every split together (so train and test share
 * indices even if a split lacks a class), and only folders that contain an image count.
 */
import { createReadStream } from "node:fs";
import { open, readdir, readFile, stat } from "node:fs/promises";
import { basename, join, posix, relative, sep } from "node:path";
import { pipeline } from "node:stream/promises";
import { createGunzip } from "node:zlib";
import tar from "tar-stream";
import { ConfigError } from "../../errors.js";
import { createDataset } from "../dataset.js";
import { DataError } from "../errors.js";
import type { ClassificationDataset } from "../types.js";
import { decodeImage, writePlanes } from "./decode-image.js";
import { isGzip } from "./files.js";

export interface ImageFolderOptions {
  /**
   * Keep at most this many images per split, spread evenly over the classes: each class gets
   * ⌊limit / C⌋ and the first (limit mod C) classes one more (fewer if a class has fewer files).
   */
  limit?: number;
  /** 3 (default): RGB, as torchvision's default loader; 1: grayscale. */
  channels?: 1 | 3;
  /** Prefix of the dataset names, `<name>/<split>` (default: the source's file name). */
  name?: string;
}

interface ImageFile {
  /** Path below the class folder, used for sorting. */
  readonly key: string;
  /** Where the file is, for messages. */
  readonly source: string;
  readonly bytes: () => Promise<Uint8Array>;
}

/** Per split, per class name: the candidate files. */
type Found = Map<string, Map<string, ImageFile[]>>;

const IMAGE_EXTENSION = /\.(png|jpe?g)$/i;

/** One image folder: `source` is a directory or an archive, `root` the folder inside it (default its top). */
export async function readImageFolder(source: string, options: ImageFolderOptions & { root?: string } = {}): Promise<ClassificationDataset> {
  const name = options.name ?? basename(source);
  const { data } = await readImageFolderSplits(source, { data: options.root ?? "" }, { ...options, name });
  return { ...data, name };
}

/**
 * Several image folders from one source in one pass, e.g. `{ train: "cifar10/train", test:
 * "cifar10/test" }` (folder paths inside the directory or archive, "" for its top), each read
 * into a dataset named `<name>/<split>` with sample shape [channels, H, W]; every image must have
 * the size of the first one.
 */
export async function readImageFolderSplits<K extends string>(
  source: string,
  splits: Record<K, string>,
  options: ImageFolderOptions = {},
): Promise<Record<K, ClassificationDataset>> {
  const { limit, channels = 3 } = options;
  if (limit !== undefined && !(Number.isInteger(limit) && limit > 0)) {
    throw new ConfigError(`imageFolder.limit: must be a positive integer; got ${limit}`, "imageFolder", "limit", limit);
  }
  const roots = new Map(Object.entries<string>(splits).map(([split, root]) => [split, folderPrefix(root)]));
  const isDirectory = (await statOrThrow(source)).isDirectory();
  const found = isDirectory ? await scanDirectory(source, roots) : await scanArchive(source, roots, limit);
  const classes = [...new Set([...found.values()].flatMap((perClass) => [...perClass.keys()]))].sort();
  const name = options.name ?? basename(source);
  const result: Partial<Record<string, ClassificationDataset>> = {};
  for (const [split, perClass] of found) {
    const chosen = classes.flatMap((c, label) => {
      const files = (perClass.get(c) ?? []).sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
      const quota = limit === undefined ? files.length : Math.floor(limit / classes.length) + (label < limit % classes.length ? 1 : 0);
      return files.slice(0, quota).map((file) => ({ file, label }));
    });
    if (chosen.length === 0) throw new DataError(`${source}: no PNG or JPEG files under "${roots.get(split)}<class>/"`, source);
    result[split] = await decodeAll(chosen, `${name}/${split}`, classes, channels);
  }
  return result as Record<K, ClassificationDataset>;
}

/** "a/b" → "a/b/"; "", "." and "./" → "" (the top). */
function folderPrefix(root: string): string {
  const prefix = posix.normalize(`${root}/`).replace(/^(\.\/)+/, "");
  return prefix === "/" ? "" : prefix;
}

async function statOrThrow(source: string) {
  try {
    return await stat(source);
  } catch (error) {
    throw new DataError(`${source}: cannot read: ${(error as Error).message}`, source);
  }
}

async function decodeAll(chosen: { file: ImageFile; label: number }[], name: string, classes: string[], channels: 1 | 3): Promise<ClassificationDataset> {
  let x = new Float32Array(0);
  let shape: [number, number, number] = [channels, 0, 0];
  const y = new Int32Array(chosen.length);
  for (let i = 0; i < chosen.length; i++) {
    const { file, label } = chosen[i]!;
    const pixels = decodeImage(await file.bytes(), file.source);
    if (i === 0) {
      shape = [channels, pixels.height, pixels.width];
      x = new Float32Array(chosen.length * channels * pixels.height * pixels.width);
    } else if (pixels.height !== shape[1] || pixels.width !== shape[2]) {
      throw new DataError(`${file.source}: image is ${pixels.width}×${pixels.height}; the folder's first image is ${shape[2]}×${shape[1]}, and all must match`, file.source);
    }
    writePlanes(pixels, channels, x, i * channels * pixels.height * pixels.width);
    y[i] = label;
  }
  return createDataset({ name, task: "classification", n: chosen.length, x, y, sampleShape: shape, classes });
}

/** Split and class of an image at `path` (relative, "/"-separated), or undefined when it is not one. */
function locate(path: string, roots: Map<string, string>): { split: string; className: string; key: string } | undefined {
  if (!IMAGE_EXTENSION.test(path)) return undefined;
  for (const [split, root] of roots) {
    if (root !== "" && !path.startsWith(root)) continue;
    const rest = path.slice(root.length);
    const slash = rest.indexOf("/");
    if (slash <= 0) continue;
    return { split, className: rest.slice(0, slash), key: rest.slice(slash + 1) };
  }
  return undefined;
}

function emptyFound(roots: Map<string, string>): Found {
  return new Map([...roots.keys()].map((split) => [split, new Map()]));
}

async function scanDirectory(source: string, roots: Map<string, string>): Promise<Found> {
  const found = emptyFound(roots);
  for (const [split, root] of roots) {
    const top = join(source, root);
    const entries = await readdir(top, { recursive: true, withFileTypes: true }).catch((error: Error) => {
      throw new DataError(`${top}: cannot list the image folder: ${error.message}`, top);
    });
    for (const entry of entries) {
      if (!entry.isFile()) continue;
      const full = join(entry.parentPath, entry.name);
      const place = locate(relative(top, full).split(sep).join("/"), new Map([[split, ""]]));
      if (!place) continue;
      classFiles(found, split, place.className).push({ key: place.key, source: full, bytes: () => readFile(full) });
    }
  }
  return found;
}

/**
 * Stream the archive once. Without a limit every image's bytes are kept; with one, only the
 * `limit` first paths (in sorted order) of each class, so memory stays small whatever the order
 * of the archive. The whole archive is still read, since a class's files may come anywhere in it.
 */
async function scanArchive(source: string, roots: Map<string, string>, limit: number | undefined): Promise<Found> {
  const found = emptyFound(roots);
  const extract = tar.extract();
  const file = createReadStream(source);
  const reading = ((await isGzipFile(source)) ? pipeline(file, createGunzip(), extract) : pipeline(file, extract)).then(
    () => undefined,
    (error: Error) => error,
  );
  try {
    await collect(extract, found, roots, source, limit);
  } catch (error) {
    throw archiveError(source, (await reading) ?? (error as Error));
  }
  const failed = await reading;
  if (failed) throw archiveError(source, failed);
  return found;
}

function archiveError(source: string, error: Error): DataError {
  return error instanceof DataError ? error : new DataError(`${source}: cannot read the archive: ${error.message}`, source);
}

async function isGzipFile(path: string): Promise<boolean> {
  const handle = await open(path);
  try {
    const head = Buffer.alloc(2);
    const { bytesRead } = await handle.read(head, 0, 2, 0);
    return isGzip(head.subarray(0, bytesRead));
  } finally {
    await handle.close();
  }
}

async function collect(extract: tar.Extract, found: Found, roots: Map<string, string>, source: string, limit: number | undefined): Promise<void> {
  for await (const entry of extract) {
    const path = entry.header.name.replace(/^(\.\/)+/, "");
    const place = entry.header.type === "file" ? locate(path, roots) : undefined;
    const files = place && classFiles(found, place.split, place.className);
    if (!place || !files || !wanted(files, place.key, limit)) {
      entry.resume();
      continue;
    }
    const chunks: Buffer[] = [];
    for await (const chunk of entry) chunks.push(chunk as Buffer);
    const bytes = Buffer.concat(chunks);
    keep(files, { key: place.key, source: `${source}:${path}`, bytes: async () => bytes }, limit);
  }
}

function classFiles(found: Found, split: string, className: string): ImageFile[] {
  const perClass = found.get(split)!;
  let files = perClass.get(className);
  if (!files) perClass.set(className, (files = []));
  return files;
}

/** With a limit, `files` is kept sorted and at most `limit` long. */
function wanted(files: ImageFile[], key: string, limit: number | undefined): boolean {
  return limit === undefined || files.length < limit || key < files[files.length - 1]!.key;
}

function keep(files: ImageFile[], file: ImageFile, limit: number | undefined): void {
  if (limit === undefined) {
    files.push(file);
    return;
  }
  let at = files.length;
  while (at > 0 && files[at - 1]!.key > file.key) at--;
  files.splice(at, 0, file);
  if (files.length > limit) files.pop();
}
