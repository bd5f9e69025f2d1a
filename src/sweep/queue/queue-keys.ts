/**
 * Where sweeps live in Redis: one BullMQ queue that holds the trials of every sweep, and per sweep
 * the stream its workers write their runs and ASHA questions to, the lists ASHA's answers come
 * back on, its current generation (the id of the coordinator that holds it now; absent once it
 * finished) and the set of job ids its coordinators queued.
 *
 * A trial's job id names its sweep, the generation that queued it and a hash of its key: within a
 * generation a trial is on the queue at most once (BullMQ ignores an add whose id exists), and a
 * restarted coordinator's job is never taken for its predecessor's.
 */
import { createHash } from "node:crypto";

export const trialsQueue = "lrkit-trials";

export const writesKey = (sweepId: string) => `lrkit:sweep:${sweepId}:writes`;

export const answerKey = (sweepId: string, runId: string, epoch: number) => `lrkit:sweep:${sweepId}:answer:${runId}:${epoch}`;

export const generationKey = (sweepId: string) => `lrkit:sweep:${sweepId}:generation`;

export const jobsKey = (sweepId: string) => `lrkit:sweep:${sweepId}:jobs`;

/** BullMQ ids may not contain `:`; sweep ids and generations are base-36. */
export const jobId = (sweepId: string, generation: string, trialKey: string) =>
  `${sweepId}.${generation}.${createHash("sha256").update(trialKey).digest("hex").slice(0, 24)}`;
