/** A thin progress bar (`.track` with its `.bar`), blue while live, an ARIA progressbar with its percentage when known. */
import { h } from "./dom.js";

export function progressTrack(fraction: number | undefined, live: boolean): HTMLElement {
  const bar = h("span", { class: "bar" });
  bar.style.width = `${(fraction ?? 0) * 100}%`;
  const track = h("span", { class: `track${live ? " live" : ""}`, role: "progressbar", "aria-valuemin": 0, "aria-valuemax": 100 }, bar);
  if (fraction !== undefined) track.setAttribute("aria-valuenow", String(Math.floor(100 * fraction)));
  return track;
}
