/** The run layer's Node-only part: loading the data a run spec names from disk. */
export { loadRunData } from "./load-data.js";
