/** Why the trainer stopped a run early, as its summary records it (`TrainSummary.stopped`, see \`log/\`), if it did. */
import { readSummary, trainSummarySchema } from "../../log/index.js";

export function stopReason(summary: unknown): { kind: string; reason: string } | undefined {
  return readSummary(trainSummarySchema, summary).stopped ?? undefined;
}
