/**
 * The font that PNG text is drawn in. resvg draws text only with fonts it has loaded, and maps
 * the charts' `sans-serif` to "Arial" unless told otherwise; where Arial is missing it falls back
 * to whatever font it scanned first (often a bold serif). So look for a common sans-serif font
 * file in the usual font folders, load just that file (faster than scanning every system font),
 * and name its family as the sans-serif and default family.
 */
import { readdirSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";

export interface ChartFont {
  family: string;
  /** The regular face, then the bold one where it exists (titles are bold; resvg does not embolden). */
  files: string[];
}

/** Preferred families, best first, with the file names of their regular and bold faces. */
const candidates: readonly { family: string; regular: readonly string[]; bold: readonly string[] }[] = [
  { family: "DejaVu Sans", regular: ["DejaVuSans.ttf"], bold: ["DejaVuSans-Bold.ttf"] },
  { family: "Liberation Sans", regular: ["LiberationSans-Regular.ttf"], bold: ["LiberationSans-Bold.ttf"] },
  { family: "Noto Sans", regular: ["NotoSans-Regular.ttf", "NotoSans-Regular.otf"], bold: ["NotoSans-Bold.ttf", "NotoSans-Bold.otf"] },
  { family: "Arial", regular: ["Arial.ttf", "arial.ttf"], bold: ["Arial Bold.ttf", "arialbd.ttf"] },
  { family: "Helvetica", regular: ["Helvetica.ttc"], bold: [] },
  { family: "FreeSans", regular: ["FreeSans.ttf", "FreeSans.otf"], bold: ["FreeSansBold.ttf", "FreeSansBold.otf"] },
];

const fontDirs = [
  "/usr/share/fonts",
  "/usr/local/share/fonts",
  join(homedir(), ".fonts"),
  join(homedir(), ".local/share/fonts"),
  "/System/Library/Fonts",
  "/Library/Fonts",
  "C:\\Windows\\Fonts",
];

let found: ChartFont | null | undefined;

/** The first candidate font found on this machine (searched once per process), or undefined. */
export function chartFont(): ChartFont | undefined {
  if (found === undefined) found = search() ?? null;
  return found ?? undefined;
}

function search(): ChartFont | undefined {
  const files = new Map<string, string>();
  for (const dir of fontDirs) collect(dir, files, 4);
  const first = (names: readonly string[]) => names.map((n) => files.get(n)).find((f) => f !== undefined);
  for (const { family, regular, bold } of candidates) {
    const file = first(regular);
    const boldFile = first(bold);
    if (file !== undefined) return { family, files: boldFile === undefined ? [file] : [file, boldFile] };
  }
  return undefined;
}

/** Records every file under `dir` (to `depth` levels) by name; the first path seen for a name wins. */
function collect(dir: string, files: Map<string, string>, depth: number): void {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    const path = join(dir, entry.name);
    if (entry.isDirectory() && depth > 0) collect(path, files, depth - 1);
    else if (entry.isFile() && !files.has(entry.name)) files.set(entry.name, path);
  }
}
