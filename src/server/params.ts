/**
 * The API's parameters, validated with zod: run and sweep ids look like store ids (base-36
 * digits; a prefix names the one run it starts), numbers are numbers. A bad parameter is a 400
 * whose message names it, the value and what is valid.
 */
import { z } from "zod";
import { runKinds, runStatuses } from "../store/index.js";

/** A store id (13 base-36 digits) or a prefix of one. */
export const idSchema = z.string().regex(/^[0-9a-z]{1,13}$/, "a run or sweep id: 1 to 13 characters 0-9 a-z");

const integer = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

export const runParams = z.strictObject({ id: idSchema });

export const runsQuery = z.strictObject({
  status: z.enum(runStatuses).optional(),
  kind: z.enum(runKinds).optional(),
  sweep: idSchema.optional(),
  limit: integer(1, 10_000).default(500),
});

export const stepsQuery = z.strictObject({
  since: integer(-1, Number.MAX_SAFE_INTEGER).optional(),
  limit: integer(1, 1_000_000).optional(),
});

export const compareQuery = z.strictObject({
  ids: z
    .string()
    .regex(/^[0-9a-z]{1,13}(,[0-9a-z]{1,13}){1,19}$/, "two or more run ids (at most 20), comma-separated")
    .transform((s) => s.split(",")),
});

export const emptyQuery = z.strictObject({});

/** A parameter that failed validation; the API answers 400 with its message. */
export class BadRequest extends Error {
  override name = "BadRequest";
}

/** `input` parsed by `schema`, or a BadRequest naming the parameter (`where` is "query" or "path"). */
export function parseParams<S extends z.ZodType>(schema: S, input: unknown, where: string): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  if (issue.code === "unrecognized_keys") {
    throw new BadRequest(`unknown ${where} parameter${issue.keys.length > 1 ? "s" : ""} ${issue.keys.map((k) => `"${k}"`).join(", ")}`);
  }
  const name = issue.path.map(String).join(".");
  const value = name === "" ? input : (input as Record<string, unknown>)[String(issue.path[0])];
  throw new BadRequest(`${where} parameter "${name}": ${issue.message.replace(/^Invalid input: /, "")}; got ${JSON.stringify(value) ?? "nothing"}`);
}
