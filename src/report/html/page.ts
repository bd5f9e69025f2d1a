/**
 * The page every report is: one HTML file that makes no request of any kind. Charts are inline
 * SVG, the style sheet is inline, and there is no script. A Content-Security-Policy meta tag
 * says so to the browser: nothing may be loaded (`default-src 'none'`) and the one style sheet
 * allowed is ours, named by its SHA-256 hash (so no injected `<style>` or `style=` would apply
 * either, should escaping ever fail).
 */
import { html, trusted, type Html } from "./html.js";

const css = `
:root { color-scheme: light; --ink: #1f2328; --muted: #59636e; --line: #d1d9e0; --soft: #f6f8fa;
  --good: #1a7f37; --warn: #9a6700; --bad: #cf222e; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink); background: #fff; }
main { max-width: 1180px; margin: 0 auto; padding: 24px 28px 48px; }
h1 { font-size: 26px; margin: 0 0 4px; overflow-wrap: anywhere; }
h2 { font-size: 19px; margin: 32px 0 10px; padding-bottom: 4px; border-bottom: 1px solid var(--line); }
h3 { font-size: 15px; margin: 16px 0 6px; }
p { margin: 6px 0; }
.meta { color: var(--muted); margin: 0 0 8px; }
.meta span + span::before { content: " · "; }
code, pre { font: 13px/1.45 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
pre { background: var(--soft); border: 1px solid var(--line); border-radius: 6px; padding: 10px 12px; overflow: auto; margin: 6px 0; }
.badge { display: inline-block; padding: 1px 9px; border-radius: 10px; font-size: 13px; font-weight: 600; color: #fff; background: var(--muted); vertical-align: middle; white-space: nowrap; }
.badge.completed, .badge.good { background: var(--good); }
.badge.running, .badge.too_slow, .badge.plateaued { background: var(--warn); }
.badge.failed, .badge.diverged, .badge.oscillating { background: var(--bad); }
.box { border: 1px solid var(--line); border-left: 5px solid var(--muted); border-radius: 6px; padding: 10px 14px; margin: 10px 0; background: var(--soft); }
.box.good { border-left-color: var(--good); }
.box.too_slow, .box.plateaued { border-left-color: var(--warn); }
.box.diverged, .box.oscillating, .box.error { border-left-color: var(--bad); }
.box ul { margin: 6px 0; padding-left: 22px; }
.box pre { background: #fff; }
table { border-collapse: collapse; margin: 6px 0 12px; font-size: 14px; }
th, td { border: 1px solid var(--line); padding: 4px 10px; text-align: left; vertical-align: top; }
th { background: var(--soft); font-weight: 600; }
td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
tr.best td { font-weight: 600; background: #dafbe1; }
.wide { overflow-x: auto; }
figure { margin: 8px 0 18px; }
figure svg { display: block; max-width: 100%; height: auto; }
figcaption { color: var(--muted); font-size: 13px; margin-top: 2px; }
.grid { display: flex; flex-wrap: wrap; gap: 0 24px; }
.grid figure { flex: 1 1 520px; max-width: 100%; }
.note { color: var(--muted); font-style: italic; }
footer { margin-top: 40px; color: var(--muted); font-size: 12px; }
`;

let cssHash: Promise<string> | undefined;

/** `'sha256-…'` of the style sheet, as a CSP source expression. */
async function styleSource(): Promise<string> {
  cssHash ??= crypto.subtle.digest("SHA-256", new TextEncoder().encode(css)).then((digest) => {
    const bytes = new Uint8Array(digest);
    return `'sha256-${btoa(String.fromCharCode(...bytes))}'`;
  });
  return cssHash;
}

export async function page(title: string, body: Html): Promise<string> {
  const policy = `default-src 'none'; style-src ${await styleSource()}; img-src data:; base-uri 'none'; form-action 'none'`;
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${policy}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<meta name="generator" content="lrkit">
<title>${title}</title>
<style>${trusted(css)}</style>
</head>
<body>
<main>
${body}
<footer>Written by lrkit. This file is self-contained: it loads nothing and runs no script.</footer>
</main>
</body>
</html>
`.text;
}

