/**
 * Learning-rate schedules: closed-form schedules (optax style, `closed/`), PyTorch-exact
 * schedulers built from specs or code (`torch/`, `createScheduler`), and their shared types.
 */
export type { Schedule, Scheduler, SchedulerState } from "./types.js";
export {
  createScheduler,
  parseSchedulerSpec,
  schedulerFromInput,
  torchSchedulerTypes,
  type NestedSchedulerSpec,
  type SchedulerContext,
  type SchedulerSpec,
  type TorchSchedulerSpec,
} from "./create.js";
export * from "./torch/index.js";
export * from "./closed/index.js";
