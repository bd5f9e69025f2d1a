import { describe, expect, it } from "vitest";
import { figure, scopeIds } from "./figure.js";
import { formatDuration, formatNumber, formatValue } from "./format.js";
import { escapeHtml, html, trusted } from "./html.js";
import { spansDecades } from "./scale.js";
import { table } from "./table.js";

describe("html escapes what it interpolates", () => {
  it("escapes strings in text and attributes, inserts Html as is, joins arrays, skips empty values", () => {
    const name = `<script>alert("x")</script> & 'quoted'`;
    const out = html`<p title="${name}">${name}${trusted("<b>ok</b>")}${[1, "<", html`<i>i</i>`]}${undefined}${null}${false}</p>`.text;
    expect(out).toBe(
      `<p title="&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;quoted&#39;">&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;quoted&#39;<b>ok</b>1&lt;<i>i</i></p>`,
    );
    expect(escapeHtml("a&b")).toBe("a&amp;b");
  });

  it("table cells are escaped and numbers right-aligned and formatted", () => {
    const out = table(["<th>"], [["<td>", 0.000123456, { a: NaN }]]).text;
    expect(out).toContain("<th>&lt;th&gt;</th>");
    expect(out).toContain("<td>&lt;td&gt;</td>");
    expect(out).toContain('<td class="num">1.235e-4</td>');
    expect(out).toContain("<td>{&quot;a&quot;:&quot;NaN&quot;}</td>");
  });
});

describe("formatting", () => {
  it("numbers to 4 significant digits, exponent form outside [0.001, 1e6), integers below 1e6 whole, non-finite spelled", () => {
    expect([0.1, 0.012345, 3e-4, 2.5e6 + 0.5, 2.5e6, 42, 1 / 3, NaN, Infinity, -Infinity, 0].map(formatNumber)).toEqual([
      "0.1", "0.01235", "3e-4", "2.5e6", "2.5e6", "42", "0.3333", "NaN", "∞", "−∞", "0",
    ]);
    expect(formatValue(undefined)).toBe("–");
    expect(formatValue("x")).toBe("x");
    expect([0.84, 42.4, 185, 7500].map(formatDuration)).toEqual(["0.8 s", "42 s", "3 min 5 s", "2 h 5 min"]);
  });

  it("log axes only for positive curves spanning two decades", () => {
    expect(spansDecades([2, 1, 0.05, 0.019])).toBe(true);
    expect(spansDecades([2, 1, 0.05, NaN, Infinity])).toBe(false);
    expect(spansDecades([10, 0.01, 0])).toBe(false);
    expect(spansDecades([])).toBe(false);
  });
});

describe("figures", () => {
  it("prefix every id and every reference to one, so several SVGs share a page", () => {
    const svg = `<svg><defs><clipPath id="def1"><rect/></clipPath></defs><g clip-path="url(#def1)"><use href="#def1"/></g></svg>`;
    expect(scopeIds(svg, "loss")).toBe(`<svg><defs><clipPath id="loss-def1"><rect/></clipPath></defs><g clip-path="url(#loss-def1)"><use href="#loss-def1"/></g></svg>`);
  });

  it("wrap the chart's SVG with an escaped caption", async () => {
    const spec = { data: { values: [{ x: 1, y: 2 }] }, mark: "point" as const, encoding: { x: { field: "x", type: "quantitative" as const } } };
    const out = (await figure("f", spec, "a < b")).text;
    expect(out).toMatch(/^<figure><svg [^>]*viewBox=/);
    expect(out).toContain("<figcaption>a &lt; b</figcaption>");
  });
});
