/**
 * Turning the charts' column arrays into plottable points: the x and y arrays must be equally
 * long (a caller bug, so a ConfigError), and a point is dropped when either coordinate is NaN or
 * ±Inf, or is ≤ 0 on a log axis, since none of these has a place on the axis.
 */
import { ConfigError } from "../../errors.js";

export interface Point {
  x: number;
  y: number;
}

export interface Axes {
  logX?: boolean;
  logY?: boolean;
}

/** `xs[i], ys[i]` pairs that can be drawn; `where` names the arrays in an error, e.g. `lossChart.series[0]`. */
export function plottable(
  xs: readonly number[],
  ys: readonly number[],
  names: { where: string; x: string; y: string },
  axes: Axes = {},
): Point[] {
  if (xs.length !== ys.length) {
    throw new ConfigError(
      `${names.where}: ${names.x} and ${names.y} must have the same length; got ${xs.length} and ${ys.length}`,
      names.where,
      names.y,
      ys.length,
    );
  }
  const points: Point[] = [];
  for (let i = 0; i < xs.length; i++) {
    const x = xs[i]!;
    const y = ys[i]!;
    if (onAxis(x, axes.logX ?? false) && onAxis(y, axes.logY ?? false)) points.push({ x, y });
  }
  return points;
}

/** Whether `value` can be placed on a linear (any finite number) or log (finite and > 0) axis. */
export function onAxis(value: number, log: boolean): boolean {
  return Number.isFinite(value) && (!log || value > 0);
}

/** Throws when two entries share a name: the legend and colours key on names, so they would merge. */
export function checkUniqueNames(names: readonly string[], where: string): void {
  const seen = new Set<string>();
  for (const [i, name] of names.entries()) {
    if (seen.has(name)) {
      throw new ConfigError(`${where}[${i}].name: "${name}" is used twice; give each one its own name`, where, `${i}.name`, name);
    }
    seen.add(name);
  }
}
