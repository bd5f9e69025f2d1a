/**
 * HTML built so that escaping cannot be forgotten: `html` is a tagged template in which every
 * interpolated string is escaped (`& < > " '` become entities, safe in text and in quoted
 * attributes), while `Html` values (other `html` templates, or `trusted` markup such as the SVG
 * Vega serialises, which escapes its own text) are inserted as they are. Arrays are joined, and
 * `undefined`, `null` and `false` insert nothing, so lists and optional parts read naturally.
 */

export class Html {
  constructor(readonly text: string) {}

  toString(): string {
    return this.text;
  }
}

type Part = Html | string | number | false | null | undefined | readonly Part[];

export function html(strings: TemplateStringsArray, ...values: Part[]): Html {
  let text = strings[0]!;
  values.forEach((value, i) => {
    text += insert(value) + strings[i + 1]!;
  });
  return new Html(text);
}

/** Markup that is already safe to insert (it escapes its own text). */
export function trusted(markup: string): Html {
  return new Html(markup);
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => entities[c]!);
}

const entities: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

function insert(value: Part): string {
  if (value instanceof Html) return value.text;
  if (Array.isArray(value)) return value.map(insert).join("");
  if (value === undefined || value === null || value === false) return "";
  return escapeHtml(String(value));
}
