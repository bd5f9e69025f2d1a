/**
 * A config as YAML (the form run configs are written in), escaped inside a `<pre>`. Non-finite
 * numbers print as YAML's `.nan`/`.inf`; a config that is not an object prints as one value.
 */
import { stringify } from "yaml";
import { html, type Html } from "./html.js";

export function configBlock(config: unknown): Html {
  const text = config === undefined || config === null ? "(none recorded)" : stringify(config, { indent: 2, lineWidth: 100 }).trimEnd();
  return html`<pre>${text}</pre>`;
}
