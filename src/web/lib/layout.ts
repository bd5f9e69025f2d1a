/** The frame every page shares: the top bar with its links, the page's main column, and error notes. */
import { h } from "./dom.js";

const links = [
  ["runs", "/", "Runs"],
  ["playground", "/playground.html", "Playground"],
] as const;

/** Sets the title, draws the top bar and returns the (empty) main element. */
export function pageFrame(title: string, active: (typeof links)[number][0] | undefined): HTMLElement {
  document.title = `${title} · lrkit`;
  const nav = h("nav", null, ...links.map(([key, href, label]) => h("a", { href, class: key === active ? "active" : undefined }, label)));
  const main = h("main");
  document.body.append(h("header", { class: "top" }, h("a", { class: "brand", href: "/" }, "lrkit"), h("span", { class: "tagline" }, "η dashboard"), nav), main);
  return main;
}

/** A visible note that something failed (the browser tests check that no page shows one). */
export function showError(parent: HTMLElement, error: unknown): void {
  const message = error instanceof Error ? error.message : String(error);
  parent.append(h("p", { class: "error", role: "alert" }, message));
}

/** Marks the page as drawn (the browser tests wait for `body[data-ready]`). */
export function markReady(): void {
  document.body.dataset.ready = "true";
}

export function statusBadge(status: string): HTMLElement {
  return h("span", { class: `badge status-${status}` }, status);
}
