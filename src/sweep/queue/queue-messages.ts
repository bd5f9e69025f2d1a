/**
 * What travels through Redis between a sweep's coordinator and its workers.
 *
 * A job's data is the trial, the lrkit version of the coordinator (a worker on another version
 * fails the trial) and the coordinator's generation — a fresh id each time a coordinator opens the
 * sweep, so that a restarted coordinator ignores what trials of its dead predecessor still send.
 * On the sweep's stream a worker sends its trial's run writes and, under ASHA, its questions
 * ("epoch e of run r ended with value v: continue?"), in order; the answer comes back on a list
 * of its own (`answerKey`). A message lands only while its generation is the sweep's current one
 * (`generationKey`), so a trial that outlived its coordinator writes nothing once a new one took
 * over (or the sweep finished). A finished job returns the trial's outcome with the stream id of
 * its last message, so the coordinator knows when it has all of the trial's writes; a job whose
 * generation was no longer current when a worker took it returns null, untrained.
 * Messages are JSON that keeps NaN and ±Infinity (the store's `toJson`).
 */
import type { TrialOutcome, TrialTask } from "../run-trial.js";
import type { RunWrite } from "./run-writes.js";

export interface TrialJob {
  version: string;
  generation: string;
  task: TrialTask;
}

export interface Ask {
  runId: string;
  key: string;
  epoch: number;
  value: number;
}

export type StreamMessage = { generation: string; write: RunWrite } | { generation: string; ask: Ask };

export interface JobResult {
  outcome: TrialOutcome;
  /** The stream id of the trial's last message; absent when it sent none. */
  lastMessage?: string;
}

/** Whether stream id `a` comes after `b` (ids are `ms-seq`). */
export function streamIdAfter(a: string, b: string): boolean {
  const [am, as] = a.split("-").map(BigInt) as [bigint, bigint];
  const [bm, bs] = b.split("-").map(BigInt) as [bigint, bigint];
  return am > bm || (am === bm && as > bs);
}
