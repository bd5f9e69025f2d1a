/** The check shared by MultiStepLR and SequentialLR milestones. */
import type { z } from "zod";

/** A list of milestones must be strictly increasing. */
export function increasingMilestones(ctx: z.core.ParsePayload<number[]>): void {
  const list = ctx.value;
  if (list.some((m, i) => i > 0 && m <= list[i - 1]!)) {
    ctx.issues.push({ code: "custom", message: "expected strictly increasing milestones", input: list });
  }
}
