/**
 * The optimizer parameter group that PyTorch's schedulers read and write.
 *
 * torch's schedulers do not keep the learning rate themselves: every scheduler wrapped around
 * one optimizer writes `group['lr']`, and most compute the next value from the one in force
 * (the "chainable" form). SequentialLR and ChainedScheduler owe their behaviour to this sharing,
 * so nested schedulers here share one `ParamGroup` the same way. The keys are torch's own.
 */
import { ConfigError } from "../../errors.js";
import { readNumber } from "./saved-state.js";

export interface ParamGroup {
  /** The learning rate in force. */
  lr: number;
  /** Set by the first scheduler built on the group (torch's `setdefault`); OneCycleLR overwrites it. */
  initial_lr?: number;
  /** Written by the schedulers that cycle momentum (CyclicLR, OneCycleLR). */
  momentum?: number;
  /** OneCycleLR's peak and floor, kept on the group as torch keeps them. */
  max_lr?: number;
  min_lr?: number;
  /** OneCycleLR's momentum bounds, kept on the group as torch keeps them. */
  max_momentum?: number;
  base_momentum?: number;
}

const optionalKeys = ["initial_lr", "momentum", "max_lr", "min_lr", "max_momentum", "base_momentum"] as const;

/** Overwrite `group` in place with a saved copy (the schedulers hold a reference to it). */
export function loadGroup(group: ParamGroup, saved: Record<string, unknown>, where: string): void {
  group.lr = readNumber(saved, "lr", where);
  for (const key of optionalKeys) {
    if (saved[key] === undefined) delete group[key];
    else group[key] = readNumber(saved, key, where);
  }
}

/** A fresh group at the optimizer's rate; a ConfigError unless it is a finite number ≥ 0. */
export function newGroup(lr: number, where: string): ParamGroup {
  if (typeof lr !== "number" || !Number.isFinite(lr) || lr < 0) {
    throw new ConfigError(`${where}: the optimizer's learning rate must be a finite number ≥ 0; got ${String(lr)}`, where, "lr", lr);
  }
  return { lr };
}
