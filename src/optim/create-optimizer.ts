/**
 * `createOptimizer(spec)`: a PyTorch-named spec in, an `Optimizer` out — one chain of gradient
 * transformations per parameter group, a pure step over flat parameter records, and state that
 * saves to JSON.
 *
 * Learning rate per step: `hyper.lr` replaces the top-level `lr`. A group that sets its own `lr`
 * keeps its ratio to the top-level one — it steps with hyper.lr × (group lr / top-level lr) —
 * as a PyTorch scheduler scales every group's base lr by the same factor. (A group with its own
 * lr under a top-level lr of 0 has no ratio, so `hyper.lr` is then an error.)
 * `hyper.momentum` replaces the momentum (SGD, RMSprop) or β₁ (Adam-like optimizers) of every
 * group, as PyTorch's cycling schedulers set it in every group; it is an error for an optimizer
 * or group that has none (Adagrad, Adadelta, Rprop; SGD or RMSprop with momentum 0).
 * `cautious: true` wraps each group's chain in `cautious` (Liang et al. 2024).
 */
import { jax, scalarOf } from "../engine/index.js";
import { ConfigError } from "../errors.js";
import { GroupAssignment } from "./param-groups.js";
import { definitionOf, parseOptimizerSpec, type OptimizerSpec, type ResolvedOptimizerSpec } from "./spec.js";
import { decodeState, encodeState } from "./state-data.js";
import { cautious } from "./transforms/cautious.js";
import type { ArrayTree, GradientTransformation, Hyper, Optimizer, Params } from "./types.js";

interface Group {
  label: string;
  transform: GradientTransformation<ArrayTree>;
  hasMomentum: boolean;
  /** group lr / top-level lr when the group sets its own lr. */
  lrRatio: number | undefined;
}

/**
 * Build an optimizer from a spec with PyTorch's names (see `OptimizerSpec`). The spec is
 * validated at run time, so one read from JSON or YAML can be passed with a cast; `where` names
 * its origin in error messages (e.g. "run.yaml: optimizer").
 */
export function createOptimizer(spec: OptimizerSpec, where = "optimizer"): Optimizer {
  return buildOptimizer(parseOptimizerSpec(spec, where), where);
}

/** The optimizer of a spec `parseOptimizerSpec` has already checked and resolved. */
export function buildOptimizer(resolved: ResolvedOptimizerSpec, where = "optimizer"): Optimizer {
  const definition = definitionOf(resolved.type);
  const topLr = resolved.lr;
  const groupOptions = [...resolved.groups.map((g) => g.options), resolved.options];
  const groups: Group[] = groupOptions.map((options, i) => {
    const own = resolved.groups[i];
    const transform = definition.build(options) as GradientTransformation<ArrayTree>;
    return {
      label: own ? `${where}.param_groups[${i}]` : where,
      transform: resolved.cautious ? cautious(transform, options.maximize === true) : transform,
      hasMomentum: definition.hasMomentum(options),
      lrRatio: own?.ownLr && options.lr !== topLr ? (options.lr as number) / topLr : undefined,
    };
  });
  const assignment = new GroupAssignment(
    resolved.groups.map((g) => ({ patterns: g.patterns })),
    where,
  );

  const partition = (params: Params): string[][] => {
    const names = Object.keys(params);
    const members: string[][] = groups.map(() => []);
    assignment.assign(names).forEach((g, i) => members[g]!.push(names[i]!));
    return members;
  };

  const hyperFor = (group: Group, members: string[], hyper: Hyper): [Hyper, () => void] => {
    if (hyper.momentum !== undefined && !group.hasMomentum && members.length > 0) {
      throw new ConfigError(
        `${group.label}: hyper.momentum was given, but this ${resolved.type} has no momentum or beta1 to set` +
          " (SGD and RMSprop need momentum > 0; Adagrad, Adadelta, Rprop and DoG have none)",
        group.label,
        "momentum",
        hyper.momentum,
      );
    }
    if (hyper.lr === undefined || group.lrRatio === undefined) return [hyper, () => {}];
    if (!Number.isFinite(group.lrRatio)) {
      throw new ConfigError(`${group.label}.lr: hyper.lr cannot be scaled to this group's own lr when the top-level lr is 0`, group.label, "lr", topLr);
    }
    if (typeof hyper.lr === "number") return [{ ...hyper, lr: hyper.lr * group.lrRatio }, () => {}];
    const lr = hyper.lr.ref.mul(scalarOf(group.lrRatio, hyper.lr.dtype));
    return [{ ...hyper, lr }, () => lr.dispose()];
  };

  const optimizer: Optimizer = {
    defaults: { type: resolved.type, ...resolved.options, ...(resolved.cautious && { cautious: true }) },
    paramGroups: resolved.groups.map((g) => ({ params: g.patterns, ...g.options })),
    lr: topLr,
    hasMomentum: groups.every((g) => g.hasMomentum),

    init(params) {
      assignment.checkPatterns(Object.keys(params));
      const members = partition(params);
      return { groups: groups.map((g, i) => g.transform.init(pick(params, members[i]!))) };
    },

    step(params, grads, state, hyper = {}) {
      checkSameNames(params, grads);
      if (state.groups.length !== groups.length) {
        throw new Error(`optimizer state has ${state.groups.length} groups, this optimizer has ${groups.length}`);
      }
      const members = partition(params);
      const hypers = groups.map((group, i) => hyperFor(group, members[i]!, hyper));
      const updates: Params = {};
      const next = groups.map((group, i) => {
        const names = members[i]!;
        const [u, s] = group.transform.update(pick(grads, names), state.groups[i]!, pick(params, names), hypers[i]![0]);
        Object.assign(updates, u);
        return s;
      });
      for (const [, release] of hypers) release();
      const stepped: Params = {};
      for (const [name, p] of Object.entries(params)) stepped[name] = p.add(updates[name]!);
      return [stepped, { groups: next }];
    },

    evalParams(params, state) {
      const members = partition(params);
      const out: Params = {};
      groups.forEach((group, i) => {
        const own = pick(params, members[i]!);
        Object.assign(out, group.transform.evalParams ? group.transform.evalParams(own, state.groups[i]!) : refs(own));
      });
      return pick(out, Object.keys(params));
    },

    saveState: (state) => encodeState(resolved.type, state),

    loadState(data, params) {
      const template = optimizer.init(params);
      try {
        return decodeState(data, template, resolved.type);
      } finally {
        jax.tree.dispose(template);
      }
    },
  };
  return optimizer;
}

function pick(record: Params, names: readonly string[]): Params {
  const out: Params = {};
  for (const name of names) out[name] = record[name]!;
  return out;
}

function refs(params: Params): Params {
  const out: Params = {};
  for (const [name, p] of Object.entries(params)) out[name] = p.ref;
  return out;
}

function checkSameNames(params: Params, grads: Params): void {
  const names = Object.keys(params);
  const missing = names.filter((n) => !(n in grads));
  const extra = Object.keys(grads).filter((n) => !(n in params));
  if (missing.length || extra.length) {
    throw new Error(`gradients do not match parameters (missing: ${missing.join(", ") || "none"}; unexpected: ${extra.join(", ") || "none"})`);
  }
}
