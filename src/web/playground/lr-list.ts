/**
 * The playground's "η values" field read as a list: numbers separated by commas, semicolons or
 * spaces, each a finite η > 0, between 1 and `max` of them. Anything else is an error that says
 * which entry is wrong and why, so the page can show it instead of replacing what was typed.
 */
export type LrList = { lrs: number[] } | { error: string };

export function readLrList(text: string, max: number): LrList {
  const entries = text.split(/[\s,;]+/).filter((t) => t !== "");
  if (entries.length === 0) return { error: "no η given: type one or more learning rates, e.g. 0.05, 0.1, 0.19" };
  if (entries.length > max) return { error: `at most ${max} η at once; got ${entries.length}` };
  const lrs: number[] = [];
  for (const [i, entry] of entries.entries()) {
    const lr = Number(entry);
    if (Number.isNaN(lr)) return { error: `η #${i + 1} "${entry}" is not a number` };
    if (!(lr > 0) || !Number.isFinite(lr)) return { error: `η #${i + 1} is ${entry}: a learning rate must be a finite number > 0` };
    lrs.push(lr);
  }
  return { lrs };
}
