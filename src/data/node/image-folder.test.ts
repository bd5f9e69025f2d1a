import { mkdir, mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { gzipSync } from "node:zlib";
import jpeg from "jpeg-js";
import { PNG } from "pngjs";
import tar from "tar-stream";
import { beforeAll, describe, expect, it } from "vitest";
import { DataError } from "../errors.js";
import { readImageFolder, readImageFolderSplits } from "./image-folder.js";

const W = 3;
const H = 2;

/** A W×H PNG whose pixel p has RGBA (base + p, 2·base + p, 255 − base − p, alpha). */
function png(base: number, alpha = 255): Buffer {
  const image = new PNG({ width: W, height: H });
  for (let p = 0; p < W * H; p++) image.data.set([base + p, 2 * base + p, 255 - base - p, alpha], 4 * p);
  return PNG.sync.write(image);
}

/** A W×H JPEG of one colour. */
function solidJpeg(r: number, g: number, b: number, width = W, height = H): Buffer {
  const data = Buffer.alloc(width * height * 4);
  for (let p = 0; p < width * height; p++) data.set([r, g, b, 255], 4 * p);
  return jpeg.encode({ data, width, height }, 100).data;
}

/** Archive order deliberately unsorted; "notes.txt" is not an image and is ignored. */
const FILES: [string, Buffer | string][] = [
  ["train/dog/x.jpg", solidJpeg(200, 100, 50)],
  ["train/cat/b.png", png(20)],
  ["train/cat/a.png", png(10)],
  ["train/cat/c.png", png(30, 0)],
  ["train/bird/deep/z.PNG", png(40)],
  ["train/notes.txt", "not an image"],
  ["test/cat/q.png", png(50)],
  ["test/dog/r.jpeg", solidJpeg(10, 20, 30)],
];

async function tarOf(files: [string, Buffer | string][]): Promise<Buffer> {
  const pack = tar.pack();
  for (const [name, content] of files) pack.entry({ name: `set/${name}` }, content);
  pack.finalize();
  const chunks: Buffer[] = [];
  for await (const chunk of pack) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

let dir = "";
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "lrkit-images-"));
  for (const [name, content] of FILES) {
    await mkdir(dirname(join(dir, "folder", name)), { recursive: true });
    await writeFile(join(dir, "folder", name), content);
  }
  const archive = await tarOf(FILES);
  await writeFile(join(dir, "images.tar"), archive);
  await writeFile(join(dir, "images.tar.gz"), gzipSync(archive));
});

describe("readImageFolderSplits", () => {
  it("reads classes from sorted folder names, files in sorted order, as [3, H, W] planes in [0, 1]", async () => {
    const { train, test } = await readImageFolderSplits(join(dir, "images.tar.gz"), { train: "set/train", test: "set/test" }, { name: "pets" });
    expect(train.classes).toEqual(["bird", "cat", "dog"]);
    expect(test.classes).toEqual(["bird", "cat", "dog"]);
    expect(train.name).toBe("pets/train");
    expect(train.sampleShape).toEqual([3, H, W]);
    expect(Array.from(train.y)).toEqual([0, 1, 1, 1, 2]);
    expect(Array.from(test.y)).toEqual([1, 2]);
    // Sample 1 is cat/a.png (base 10): R plane 10…15, G plane 20…25, B plane 245…240.
    const a = Array.from(train.x.subarray(18, 36), (v) => Math.round(v * 255));
    expect(a).toEqual([10, 11, 12, 13, 14, 15, 20, 21, 22, 23, 24, 25, 245, 244, 243, 242, 241, 240]);
    // cat/c.png is fully transparent: alpha is dropped, colours kept (PIL's convert("RGB")).
    expect(Math.round(train.x[3 * 18]! * 255)).toBe(30);
    // The JPEG is lossy: within a few levels of its colour.
    const dog = train.x.subarray(4 * 18);
    expect(Math.abs(dog[0]! * 255 - 200)).toBeLessThan(4);
    expect(Math.abs(dog[6]! * 255 - 100)).toBeLessThan(4);
    expect(Math.abs(dog[12]! * 255 - 50)).toBeLessThan(4);
  });

  it("reads the same data from a directory, a .tar and a .tar.gz", async () => {
    const roots = { train: "set/train", test: "set/test" };
    const fromDir = await readImageFolderSplits(join(dir, "folder"), { train: "train", test: "test" }, { name: "pets" });
    const fromTar = await readImageFolderSplits(join(dir, "images.tar"), roots, { name: "pets" });
    const fromGz = await readImageFolderSplits(join(dir, "images.tar.gz"), roots, { name: "pets" });
    expect(fromTar).toEqual(fromDir);
    expect(fromGz).toEqual(fromDir);
  });

  it("limits each split, spreading the limit over the classes and taking files in sorted order", async () => {
    for (const source of ["folder", "images.tar.gz"]) {
      const roots = source === "folder" ? { train: "train" } : { train: "set/train" };
      const { train } = await readImageFolderSplits(join(dir, source), roots, { limit: 2 });
      // 3 classes, limit 2: bird and cat get one each, dog none; cat's first file is a.png.
      expect(Array.from(train.y)).toEqual([0, 1]);
      expect(Math.round(train.x[18]! * 255)).toBe(10);
    }
  });

  it("converts to one grayscale channel with PIL's luma weights", async () => {
    const d = await readImageFolder(join(dir, "folder"), { root: "train", channels: 1 });
    expect(d.sampleShape).toEqual([1, H, W]);
    // cat/a.png pixel 0 is (10, 20, 245): (19595·10 + 38470·20 + 7471·245 + 2¹⁵) >> 16 = 43.
    expect(Math.round(d.x[6]! * 255)).toBe(43);
    expect(d.name).toBe("folder");
  });

  it("rejects images of different sizes, naming the file", async () => {
    const odd = await mkdtemp(join(tmpdir(), "lrkit-odd-"));
    await mkdir(join(odd, "a"));
    await writeFile(join(odd, "a", "1.jpg"), solidJpeg(1, 2, 3));
    await writeFile(join(odd, "a", "2.jpg"), solidJpeg(1, 2, 3, 5, 5));
    await expect(readImageFolder(odd)).rejects.toThrow(DataError);
    await expect(readImageFolder(odd)).rejects.toThrow(`${join(odd, "a", "2.jpg")}: image is 5×5; the folder's first image is 3×2, and all must match`);
  });

  it("names the archive entry of an image that cannot be decoded", async () => {
    const path = join(dir, "broken.tar.gz");
    await writeFile(path, gzipSync(await tarOf([["c/1.png", Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0])]])));
    await expect(readImageFolder(path, { root: "set" })).rejects.toThrow(`${path}:set/c/1.png: cannot decode image`);
  });

  it("rejects a folder without images and an archive that is not one", async () => {
    await expect(readImageFolder(join(dir, "folder"), { root: "nothing" })).rejects.toThrow(/cannot list the image folder/);
    await expect(readImageFolder(join(dir, "images.tar.gz"), { root: "set/none" })).rejects.toThrow(/no PNG or JPEG files under "set\/none\/<class>\/"/);
    const junk = join(dir, "junk.tar.gz");
    await writeFile(junk, gzipSync(Buffer.from("this is not a tar file, just some text that is long enough".repeat(20))));
    await expect(readImageFolder(junk)).rejects.toThrow(`${junk}: cannot read the archive`);
    await expect(readImageFolder(join(dir, "absent.tar"))).rejects.toThrow(/absent.tar: cannot read/);
  });
});
