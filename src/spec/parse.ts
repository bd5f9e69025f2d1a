/**
 * Validation of user specs (schedulers, optimizers, configs) with zod, turning zod's issues into
 * one `ConfigError` whose message names the key, the value given and what is valid.
 */
import { z } from "zod";
import { ConfigError } from "../errors.js";
import { closestName } from "./closest.js";

/**
 * Parse `input` with `schema`; on failure throw a ConfigError about one issue: an unknown key when
 * there is one (a misspelt required key also reports the real key as missing, and the misspelling
 * is the better clue), else the first issue zod found.
 */
export function parseSpec<S extends z.ZodType>(schema: S, input: unknown, where: string): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issues = result.error.issues;
  const issue = issues.find((i) => i.code === "unrecognized_keys") ?? issues[0]!;
  throw issueToError(issue, input, where, schema);
}

function issueToError(issue: z.core.$ZodIssue, input: unknown, where: string, schema: z.ZodType): ConfigError {
  const path = issue.path.map(String);
  const key = path.join(".");
  const at = key ? `${where}.${key}` : where;
  const value = valueAt(input, issue.path);
  if (issue.code === "unrecognized_keys") {
    const unknown = issue.keys[0]!;
    const valid = knownKeys(schema, input, issue.path);
    const guess = closestName(unknown, valid);
    const hint = guess ? ` (did you mean "${guess}"?)` : "";
    const fullKey = [...path, unknown].join(".");
    return new ConfigError(
      `${at}: unknown key "${unknown}"${hint}; valid keys: ${valid.join(", ")}`,
      where,
      fullKey,
      valueAt(input, [...issue.path, unknown]),
    );
  }
  const options = allowedValues(issue);
  if (options) {
    const guess = typeof value === "string" ? closestName(value, options) : undefined;
    const hint = guess === value ? " (a string here: write it without quotes)" : guess ? ` (did you mean "${guess}"?)` : "";
    return new ConfigError(
      value === undefined ? `${at}: it is missing; valid: ${options.join(", ")}` : `${at}: unknown value ${show(value)}${hint}; valid: ${options.join(", ")}`,
      where,
      key,
      value,
    );
  }
  const expected = issue.message.replace(/^Invalid input: /, "");
  const got = value === undefined ? "it is missing" : `got ${show(value)}`;
  return new ConfigError(`${at}: ${expected}; ${got}`, where, key, value);
}

/** The allowed values of an enum (`invalid_value`) or a discriminated union (`invalid_union`) issue. */
function allowedValues(issue: z.core.$ZodIssue): string[] | undefined {
  if (issue.code === "invalid_value") return issue.values.map(String);
  if (issue.code === "invalid_union" && "options" in issue && Array.isArray(issue.options)) return issue.options.map(String);
  return undefined;
}

function valueAt(input: unknown, path: PropertyKey[]): unknown {
  let v: unknown = input;
  for (const p of path) {
    if (v === null || typeof v !== "object") return undefined;
    v = (v as Record<PropertyKey, unknown>)[p];
  }
  return v;
}

function knownKeys(schema: z.ZodType, input: unknown, path: PropertyKey[]): string[] {
  let s: z.ZodType | undefined = schema;
  let v: unknown = input;
  for (const p of path) {
    s = s ? childSchema(s, v, p) : undefined;
    v = valueAt(v, [p]);
  }
  const shape = s ? objectShape(s, v) : undefined;
  return shape ? Object.keys(shape) : [];
}

function objectShape(schema: z.ZodType, value: unknown): Record<string, z.ZodType> | undefined {
  const def = schema._zod.def as { type: string; shape?: Record<string, z.ZodType>; options?: z.ZodType[]; innerType?: z.ZodType; in?: z.ZodType };
  if (def.type === "object") return def.shape;
  if (def.innerType) return objectShape(def.innerType, value);
  if (def.type === "pipe" && def.in) return objectShape(def.in, value);
  if (def.type === "union" && def.options) {
    const type = (value as { type?: unknown } | undefined)?.type;
    for (const option of def.options) {
      const shape = objectShape(option, value);
      const literal = shape?.type?._zod.def as { values?: unknown[] } | undefined;
      if (shape && (!literal?.values || literal.values.includes(type))) return shape;
    }
  }
  return undefined;
}

function childSchema(schema: z.ZodType, value: unknown, key: PropertyKey): z.ZodType | undefined {
  const shape = objectShape(schema, value);
  if (shape) return shape[String(key)];
  const def = schema._zod.def as { type: string; element?: z.ZodType; innerType?: z.ZodType };
  if (def.element) return def.element;
  if (def.innerType) return childSchema(def.innerType, value, key);
  return undefined;
}

function show(value: unknown): string {
  if (typeof value === "string") return `"${value}"`;
  if (typeof value === "number" && !Number.isFinite(value)) return String(value);
  return JSON.stringify(value) ?? String(value);
}
