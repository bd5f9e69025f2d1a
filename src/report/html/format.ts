/**
 * Numbers, values and times as a report prints them: numbers to 4 significant digits without
 * trailing zeros, in exponent form below 0.001 and from 10⁶ up (3e-4, 0.0123, 2.5e6), integers
 * below 10⁶ whole, NaN and ±∞ spelled as such; anything else as compact JSON; "–" for a missing value.
 */

export function formatValue(value: unknown): string {
  if (value === undefined || value === null) return "–";
  if (typeof value === "number") return formatNumber(value);
  if (typeof value === "string") return value;
  return JSON.stringify(value, (_key, v: unknown) => (typeof v === "number" && !Number.isFinite(v) ? formatNumber(v) : v));
}

export function formatNumber(x: number): string {
  if (Number.isNaN(x)) return "NaN";
  if (!Number.isFinite(x)) return x > 0 ? "∞" : "−∞";
  const magnitude = Math.abs(x);
  if (Number.isInteger(x) && magnitude < 1e6) return String(x);
  if (magnitude !== 0 && (magnitude < 1e-3 || magnitude >= 1e6)) {
    return x.toExponential(3).replace(/\.?0+e/, "e").replace("e+", "e");
  }
  return String(Number(x.toPrecision(4)));
}

/** Seconds as "0.8 s", "42 s", "3 min 5 s", "2 h 4 min". */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return "–";
  if (seconds < 10) return `${Number(seconds.toFixed(1))} s`;
  if (seconds < 60) return `${Math.round(seconds)} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min ${Math.round(seconds % 60)} s`;
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

/** An ISO 8601 time as "2025-01-31 14:05:09 UTC" (reports are read later and elsewhere, so no local zone). */
export function formatTime(iso: string): string {
  const match = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}:\d{2})/.exec(iso);
  return match ? `${match[1]} ${match[2]} UTC` : iso;
}
