/**
 * Statistics for a noisy shared machine: per-block medians, and ratios taken round by round (the
 * blocks of one round run back to back, so they share the machine's load), summarised by their
 * median and range over the rounds.
 */

export function median(values) {
  const v = [...values].filter(Number.isFinite).sort((a, b) => a - b);
  if (v.length === 0) return NaN;
  const m = v.length >> 1;
  return v.length % 2 ? v[m] : (v[m - 1] + v[m]) / 2;
}

export function sum(values) {
  return values.reduce((a, b) => a + b, 0);
}

/** lrkit / peer per round (median step time of each block), then the median and range over rounds. */
export function roundRatios(lrkitBlocks, peerBlocks) {
  const rounds = Math.min(lrkitBlocks.length, peerBlocks.length);
  const ratios = [];
  for (let r = 0; r < rounds; r++) ratios.push(median(lrkitBlocks[r]) / median(peerBlocks[r]));
  return { ratio: median(ratios), lo: Math.min(...ratios), hi: Math.max(...ratios), rounds: ratios };
}

/** Verdict of a ratio against a ceiling: "met", "missed", with "borderline" when the range crosses it. */
export function verdict({ ratio, lo, hi }, ceiling) {
  if (!Number.isFinite(ratio)) return "n/a";
  const base = ratio <= ceiling ? "met" : "missed";
  return lo <= ceiling && ceiling <= hi && lo !== hi ? `${base} (borderline: range crosses ${ceiling})` : base;
}

export function fmt(x, digits = 2) {
  if (!Number.isFinite(x)) return "–";
  if (Math.abs(x) >= 100) return x.toFixed(0);
  if (Math.abs(x) >= 10) return x.toFixed(1);
  return x.toFixed(digits);
}
