/** Series colours: the reports' run palette (`runPalette`), so a run has one colour in the reports and on the dashboard. */
import { runPalette } from "../../report/index.js";

export const palette = runPalette;

export function colorAt(i: number): string {
  return palette[i % palette.length]!;
}
