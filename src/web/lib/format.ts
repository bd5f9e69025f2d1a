/** How numbers, times and configs read on the pages. */

/** `digits` significant digits, trailing zeros dropped; scientific notation below 1e-3 and from 1e5 ("3e-4", "1.5e6"). */
export function formatNumber(value: number | undefined, digits = 4): string {
  if (value === undefined) return "–";
  if (Number.isNaN(value)) return "NaN";
  if (!Number.isFinite(value)) return value > 0 ? "∞" : "−∞";
  if (value === 0) return "0";
  const abs = Math.abs(value);
  if (abs < 1e-3 || abs >= 1e5) {
    const [mantissa, exponent] = value.toExponential(digits - 1).split("e");
    return `${Number(mantissa)}e${Number(exponent)}`;
  }
  return String(Number(value.toPrecision(digits)));
}

/** A fraction as a percentage with two decimals: 0.975 → "97.50%" (non-finite values as `formatNumber` writes them). */
export function formatPercent(fraction: number | undefined): string {
  return fraction !== undefined && Number.isFinite(fraction) ? `${(100 * fraction).toFixed(2)}%` : formatNumber(fraction);
}

/** A duration in seconds as "42 s", "3 min 5 s", "1 h 2 min". */
export function formatSeconds(seconds: number): string {
  if (!Number.isFinite(seconds)) return "–";
  if (seconds < 60) return `${seconds < 10 ? seconds.toFixed(1) : Math.round(seconds)} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min ${Math.round(seconds % 60)} s`;
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

/** How long ago an ISO time was: "12 s ago", "5 min ago", "3 h ago", else the date. */
export function formatAgo(iso: string, now = Date.now()): string {
  const seconds = (now - Date.parse(iso)) / 1000;
  if (seconds < 60) return `${Math.max(0, Math.round(seconds))} s ago`;
  if (seconds < 3600) return `${Math.round(seconds / 60)} min ago`;
  if (seconds < 86_400) return `${Math.round(seconds / 3600)} h ago`;
  return iso.slice(0, 10);
}

function record(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

/** A one-line summary of a run config: "cnn · Adam η=0.001 · OneCycleLR · 3 epochs × 64". */
export function configSummary(config: unknown): string {
  const c = record(config);
  const model = record(c.model);
  const optimizer = record(c.optimizer);
  const scheduler = record(c.scheduler);
  const data = record(c.data);
  const parts: string[] = [];
  if (typeof data.name === "string") parts.push(data.name);
  if (typeof model.preset === "string") parts.push(model.preset + (Array.isArray(model.hidden) ? `[${model.hidden.join(",")}]` : ""));
  if (typeof optimizer.type === "string") parts.push(`${optimizer.type}${typeof optimizer.lr === "number" ? ` η=${formatNumber(optimizer.lr)}` : ""}`);
  if (typeof scheduler.type === "string") parts.push(scheduler.type);
  if (typeof c.epochs === "number") parts.push(`${c.epochs} epoch${c.epochs === 1 ? "" : "s"}${typeof c.batch_size === "number" ? ` × ${c.batch_size}` : ""}`);
  return parts.join(" · ");
}

/** The number of epochs a run config asks for, when it says. */
export function plannedEpochs(config: unknown): number | undefined {
  const epochs = record(config).epochs;
  return typeof epochs === "number" && epochs > 0 ? epochs : undefined;
}
