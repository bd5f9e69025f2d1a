/**
 * Where a sweep lives in Redis: its BullMQ queue (named after the sweep), the stream its workers
 * write their runs and ASHA questions to, the lists ASHA's answers come back on, and the set of
 * sweeps with trials on offer (which workers watch). A trial's job id is a hash of its key, so a
 * trial is on its queue at most once.
 */
import { createHash } from "node:crypto";

export const sweepsKey = "lrkit:sweeps";

export const queueName = (sweepId: string) => `lrkit-sweep-${sweepId}`;

export const writesKey = (sweepId: string) => `lrkit:sweep:${sweepId}:writes`;

export const answerKey = (sweepId: string, runId: string, epoch: number) => `lrkit:sweep:${sweepId}:answer:${runId}:${epoch}`;

export const jobId = (trialKey: string) => createHash("sha256").update(trialKey).digest("hex").slice(0, 24);
