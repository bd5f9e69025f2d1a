export { parseSpec } from "./parse.js";
export { closestName } from "./closest.js";
