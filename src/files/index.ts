/** File helpers shared by the Node-only parts (CLI, checkpoints, reports): atomic writes and output-path checks. */
export { writeFileAtomic } from "./write-atomic.js";
export { checkOutputPath } from "./output-path.js";
