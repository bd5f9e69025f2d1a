import { createHash } from "node:crypto";
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { beforeAll, describe, expect, it } from "vitest";
import { DataError } from "../errors.js";
import { dataDirCandidates } from "./data-dir.js";
import { readBytes } from "./files.js";
import { readCsv, readIdx } from "./readers.js";

const mnist = join(dataDirCandidates()[0]!.dir, "mnist");

function idxHeader(magic: number, ...sizes: number[]): Uint8Array {
  const bytes = new Uint8Array(4 + 4 * sizes.length);
  const view = new DataView(bytes.buffer);
  [magic, ...sizes].forEach((v, i) => view.setInt32(4 * i, v, false));
  return bytes;
}

describe("readIdx on MNIST's t10k files", () => {
  it("decompresses to the published files (MD5 of the decompressed bytes)", async () => {
    const md5 = async (file: string) => createHash("md5").update(await readBytes(join(mnist, file))).digest("hex");
    expect(await md5("t10k-images-idx3-ubyte.gz")).toBe("2646ac647ad5339dbf082846283269ea");
    expect(await md5("t10k-labels-idx1-ubyte.gz")).toBe("27ae3e4e09519cfbb04c329615203637");
  });

  it("reads 10,000 [1, 28, 28] images scaled to [0, 1] with their labels", async () => {
    const d = await readIdx(join(mnist, "t10k-images-idx3-ubyte.gz"), join(mnist, "t10k-labels-idx1-ubyte.gz"), { name: "mnist/test" });
    expect(d.n).toBe(10000);
    expect(d.sampleShape).toEqual([1, 28, 28]);
    expect(d.x.length).toBe(10000 * 784);
    expect(Array.from(d.y.subarray(0, 10))).toEqual([7, 2, 1, 0, 4, 1, 4, 9, 5, 9]);
    let min = Infinity;
    let max = -Infinity;
    for (const v of d.x) {
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
    expect([min, max]).toEqual([0, 1]);
    expect(d.classes).toHaveLength(10);
  });
});

describe("readIdx on malformed files", () => {
  let dir = "";
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "lrkit-idx-"));
    const labels = new Uint8Array([...idxHeader(2049, 2), 3, 4]);
    await writeFile(join(dir, "labels"), labels);
    await writeFile(join(dir, "labels.gz"), gzipSync(labels));
    await writeFile(join(dir, "images"), new Uint8Array([...idxHeader(2051, 2, 2, 2), ...new Array(8).fill(255)]));
    await writeFile(join(dir, "wrong-magic"), new Uint8Array([...idxHeader(2049, 2, 2, 2), ...new Array(8).fill(0)]));
    await writeFile(join(dir, "truncated"), new Uint8Array([...idxHeader(2051, 2, 2, 2), 1, 2, 3]));
    await writeFile(join(dir, "tiny"), new Uint8Array([0, 0, 8]));
    await writeFile(join(dir, "bad.gz"), new Uint8Array([0x1f, 0x8b, 1, 2, 3]));
  });

  it("reads a well-formed pair, gzipped or not", async () => {
    const d = await readIdx(join(dir, "images"), join(dir, "labels.gz"), { name: "tiny" });
    expect(Array.from(d.y)).toEqual([3, 4]);
    expect(d.sampleShape).toEqual([1, 2, 2]);
    expect(d.x.every((v) => v === 1)).toBe(true);
  });

  it("names the file and what was wrong", async () => {
    const read = (images: string, labels = "labels") => readIdx(join(dir, images), join(dir, labels), { name: "t" });
    await expect(read("wrong-magic")).rejects.toThrow(DataError);
    await expect(read("wrong-magic")).rejects.toThrow(`${join(dir, "wrong-magic")}: not an IDX images file: magic number 2049, expected 2051`);
    await expect(read("truncated")).rejects.toThrow(`${join(dir, "truncated")}: truncated: header promises 16 + 8 = 24 bytes, file has 19`);
    await expect(read("tiny")).rejects.toThrow(/tiny: not an IDX images file: 3 bytes, shorter than its 16-byte header/);
    await expect(read("images", "images")).rejects.toThrow(/images: not an IDX labels file: magic number 2051, expected 2049/);
    await expect(read("bad.gz")).rejects.toThrow(/bad.gz: corrupt gzip data/);
    await expect(read("absent")).rejects.toThrow(/absent: cannot read: ENOENT/);
  });

  it("rejects image and label counts that differ", async () => {
    await writeFile(join(dir, "one-label"), new Uint8Array([...idxHeader(2049, 1), 0]));
    await expect(readIdx(join(dir, "images"), join(dir, "one-label"), { name: "t" })).rejects.toThrow("t: 2 images but 1 labels");
  });
});

describe("readCsv", () => {
  it("reads a gzipped CSV, named after the file", async () => {
    const dir = await mkdtemp(join(tmpdir(), "lrkit-csv-"));
    await writeFile(join(dir, "t.csv.gz"), gzipSync("a,label\n1,0\n2,1\n"));
    const d = await readCsv(join(dir, "t.csv.gz"), { label: "label" });
    expect(d.name).toBe("t.csv.gz");
    expect(Array.from(d.x)).toEqual([1, 2]);
  });
});
