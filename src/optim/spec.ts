/**
 * Optimizer specs: PyTorch's class name as `type` and its argument names, checked and completed
 * with PyTorch's defaults, plus parameter groups selected by glob patterns:
 *
 *     { "type": "AdamW", "lr": 1e-3, "weight_decay": 0.01,
 *       "param_groups": [ { "params": ["*.bias", "*norm*"], "weight_decay": 0 },
 *                         { "params": ["conv1.*"], "lr": 1e-4 } ] }
 *
 * A group may override any option of its optimizer; what it does not set comes from the
 * top level. `cautious: true` (top level only, any type) wraps the step in cautious masking. Errors name the key, the value and what is valid, with `where` = "optimizer" for
 * top-level keys and "optimizer.param_groups[i]" inside a group.
 */
import { z } from "zod";
import { ConfigError } from "../errors.js";
import { parseSpec } from "../spec/index.js";
import { optimizers, type OptimizerType } from "./optimizers/index.js";
import type {
  AdadeltaOptions,
  AdagradOptions,
  AdamOptions,
  AdamaxOptions,
  AdamWScheduleFreeOptions,
  DAdaptAdamOptions,
  DogOptions,
  LambOptions,
  LionOptions,
  MuonOptions,
  NadamOptions,
  ProdigyOptions,
  RadamOptions,
  RmspropOptions,
  RpropOptions,
  SgdOptions,
} from "./optimizers/index.js";
import { flag, type OptimizerDefinition } from "./optimizers/definition.js";

type GroupSpec<O> = Partial<O> & { params: string[] };
type SpecOf<T extends OptimizerType, O> = { type: T } & Partial<O> & { cautious?: boolean; param_groups?: GroupSpec<O>[] };

/** An optimizer spec as written in code or a config file (validated at run time all the same). */
export type OptimizerSpec =
  | SpecOf<"SGD", SgdOptions>
  | SpecOf<"Adam", AdamOptions>
  | SpecOf<"AdamW", AdamOptions>
  | SpecOf<"RMSprop", RmspropOptions>
  | SpecOf<"Adagrad", AdagradOptions>
  | SpecOf<"Adadelta", AdadeltaOptions>
  | SpecOf<"Adamax", AdamaxOptions>
  | SpecOf<"NAdam", NadamOptions>
  | SpecOf<"RAdam", RadamOptions>
  | SpecOf<"Rprop", RpropOptions>
  | SpecOf<"Lion", LionOptions>
  | SpecOf<"LAMB", LambOptions>
  | SpecOf<"AdamWScheduleFree", AdamWScheduleFreeOptions>
  | SpecOf<"Prodigy", ProdigyOptions>
  | SpecOf<"DAdaptAdam", DAdaptAdamOptions>
  | SpecOf<"DoG", DogOptions>
  | SpecOf<"Muon", MuonOptions>;

type Options = Record<string, unknown>;

/** A parameter group after validation: its patterns, its full options, and whether it set its own lr. */
export interface ResolvedGroup {
  patterns: string[];
  options: Options;
  ownLr: boolean;
}

/** A spec after validation, with every option resolved. */
export interface ResolvedOptimizerSpec {
  type: OptimizerType;
  /** The top-level η: what a scheduler starts from and `hyper.lr` replaces. */
  lr: number;
  options: Options;
  /** Whether every group's step is wrapped in cautious masking (`cautious: true`). */
  cautious: boolean;
  groups: ResolvedGroup[];
}

type AnyDefinition = OptimizerDefinition<Options>;

/** The definition behind a type name. */
export function definitionOf(type: OptimizerType): AnyDefinition {
  return optimizers[type] as unknown as AnyDefinition;
}

const specSchema = (() => {
  const variants = (Object.keys(optimizers) as OptimizerType[]).map((type) => {
    const { options, defaults } = definitionOf(type);
    const shape: Record<string, z.ZodType> = { type: z.literal(type) };
    for (const [key, schema] of Object.entries(options)) shape[key] = schema.default(defaults[key] as never);
    shape.cautious = flag.optional();
    shape.param_groups = z.array(z.unknown()).optional();
    return z.strictObject(shape);
  });
  return z.discriminatedUnion("type", variants as [z.ZodObject, ...z.ZodObject[]]);
})();

function groupSchema(definition: AnyDefinition) {
  const shape: Record<string, z.ZodType> = {
    params: z.array(z.string().min(1, "expected a non-empty glob pattern")).min(1, "expected a list of at least one glob pattern"),
  };
  for (const [key, schema] of Object.entries(definition.options)) shape[key] = schema.optional();
  return z.strictObject(shape);
}

/** Validate `input` and resolve every option; throws a ConfigError naming the bad key. */
export function parseOptimizerSpec(input: unknown, where = "optimizer"): ResolvedOptimizerSpec {
  const parsed = parseSpec(specSchema, input, where) as Options & { type: OptimizerType; cautious?: boolean; param_groups?: unknown[] };
  const { type, cautious = false, param_groups: groups = [], ...options } = parsed;
  const definition = definitionOf(type);
  checkOptions(definition, options, where);
  return {
    type,
    lr: options.lr as number,
    options,
    cautious,
    groups: groups.map((group, i) => {
      const at = `${where}.param_groups[${i}]`;
      const { params, ...overrides } = parseSpec(groupSchema(definition), group, at) as Options & { params: string[] };
      const merged = { ...options, ...overrides };
      checkOptions(definition, merged, at);
      return { patterns: params, options: merged, ownLr: overrides.lr !== undefined };
    }),
  };
}

function checkOptions(definition: AnyDefinition, options: Options, where: string): void {
  const problem = definition.check?.(options);
  if (!problem) return;
  const value = options[problem.key];
  throw new ConfigError(`${where}.${problem.key}: ${problem.message}; got ${JSON.stringify(value)}`, where, problem.key, value);
}

