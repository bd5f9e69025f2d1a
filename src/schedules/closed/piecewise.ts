/** Reading optax's `boundaries_and_scales` dictionaries. */
import { ConfigError } from "../../errors.js";

/** A `{ step: scale }` table: the scale multiplies the value from that step on. */
export type BoundariesAndScales = Readonly<Record<number, number>>;

/** The table's entries sorted by step, checked as optax checks them (scales must be non-negative). */
export function sortedBoundaries(table: BoundariesAndScales, where: string): { boundary: number; scale: number }[] {
  const entries = Object.entries(table).map(([key, scale]) => ({ boundary: Number(key), scale, key }));
  for (const { boundary, scale, key } of entries) {
    if (!Number.isFinite(boundary)) {
      throw new ConfigError(`${where}: boundary "${key}" is not a step number`, where, "boundariesAndScales", table);
    }
    if (!(scale >= 0)) {
      throw new ConfigError(`${where}: the scale at step ${key} must be non-negative; got ${scale}`, where, `boundariesAndScales.${key}`, scale);
    }
  }
  return entries.sort((a, b) => a.boundary - b.boundary).map(({ boundary, scale }) => ({ boundary, scale }));
}
