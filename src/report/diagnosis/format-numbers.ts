/** How the diagnosis writes numbers in its sentences. */

/** A loss level or ratio: 3 significant digits. */
export function formatValue(x: number): string {
  return Number.isFinite(x) ? String(Number(x.toPrecision(3))) : String(x);
}

/** An η as logged: 4 significant digits (as the divergence guard writes it). */
export function formatLr(lr: number): string {
  return Number.isFinite(lr) ? String(Number(lr.toPrecision(4))) : String(lr);
}

/** A suggested η: one significant digit, as "3e-3" below 0.01 — a value to try, not a measurement. */
export function roundLr(lr: number): string {
  if (!(lr > 0) || !Number.isFinite(lr)) return String(lr);
  let exponent = Math.floor(Math.log10(lr));
  let mantissa = Math.round(lr / 10 ** exponent);
  if (mantissa === 10) {
    mantissa = 1;
    exponent += 1;
  }
  return exponent < -2 || exponent > 3 ? `${mantissa}e${exponent}` : (mantissa * 10 ** exponent).toFixed(Math.max(0, -exponent));
}

/** A fraction as a percentage with 2 significant digits. */
export function formatPercent(fraction: number): string {
  return `${Number((fraction * 100).toPrecision(2))}%`;
}
