/** The trainer's files on Node: checkpoints written atomically, and a run's log kept in a folder. */
export { readCheckpoint, writeCheckpoint } from "./checkpoint-file.js";
export { runFiles, type RunFiles } from "./run-files.js";
