/**
 * How numbers and JSON values cross into SQLite without losing NaN and ±Infinity.
 *
 * SQLite stores a NaN double as NULL and JSON has no literal for NaN or ±Infinity, so a diverged
 * loss would come back as "missing". Step and epoch columns therefore hold NaN as the text 'NaN'
 * (±Infinity are ordinary REAL values in SQLite) and NULL only for a value that was never given.
 * JSON columns (configs, metrics, summaries, validation metrics) write a non-finite number as
 * `{"$number": "NaN" | "Infinity" | "-Infinity"}`; an object of exactly that shape reads back as
 * the number.
 */

/** A number for a REAL column: NaN as the text 'NaN', `undefined` as NULL. */
export function toColumn(value: number | undefined): number | string | null {
  if (value === undefined) return null;
  return Number.isNaN(value) ? "NaN" : value;
}

/** The inverse of `toColumn`. */
export function fromColumn(value: unknown): number | undefined {
  if (value === null || value === undefined) return undefined;
  return typeof value === "string" ? Number(value) : (value as number);
}

/** JSON text that keeps NaN and ±Infinity (see the module note). */
export function toJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => (typeof v === "number" && !Number.isFinite(v) ? { $number: String(v) } : v));
}

/** The inverse of `toJson`; `null` (an absent optional column) reads as `undefined`. */
export function fromJson(text: string | null): unknown {
  if (text === null) return undefined;
  return JSON.parse(text, (_key, v: unknown) => {
    if (v !== null && typeof v === "object" && !Array.isArray(v)) {
      const keys = Object.keys(v);
      const tagged = (v as { $number?: unknown }).$number;
      if (keys.length === 1 && typeof tagged === "string") return Number(tagged);
    }
    return v;
  });
}

/** JSON for people and other tools: non-finite numbers become the strings "NaN", "Infinity", "-Infinity". */
export function toPlainJson(value: unknown, indent?: number): string {
  return JSON.stringify(value, (_key, v: unknown) => (typeof v === "number" && !Number.isFinite(v) ? String(v) : v), indent);
}
