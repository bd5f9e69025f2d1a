/** Names for runs shown side by side: each run's name, else its id; a name several runs share gets the run's id added. */
import type { RunSummary } from "../../store/index.js";

export function runLabels(runs: readonly RunSummary[]): string[] {
  const names = runs.map((r) => r.name ?? r.id);
  return names.map((name, i) => (names.indexOf(name) !== names.lastIndexOf(name) && name !== runs[i]!.id ? `${name} (${runs[i]!.id})` : name));
}
