/**
 * The optimizer types a spec can name, under PyTorch's class names (and the usual names of the
 * optimizers PyTorch 1.13 lacks: the authors' class names for Prodigy, DAdaptAdam and DoG).
 */
import { adadelta } from "./adadelta.js";
import { adagrad } from "./adagrad.js";
import { adam } from "./adam.js";
import { adamax } from "./adamax.js";
import { adamw } from "./adamw.js";
import { adamwScheduleFree } from "./adamw-schedule-free.js";
import { dadaptAdam } from "./dadapt-adam.js";
import { dog } from "./dog.js";
import { lamb } from "./lamb.js";
import { lion } from "./lion.js";
import { muon } from "./muon.js";
import { nadam } from "./nadam.js";
import { prodigy } from "./prodigy.js";
import { radam } from "./radam.js";
import { rmsprop } from "./rmsprop.js";
import { rprop } from "./rprop.js";
import { sgd } from "./sgd.js";

export const optimizers = {
  SGD: sgd,
  Adam: adam,
  AdamW: adamw,
  RMSprop: rmsprop,
  Adagrad: adagrad,
  Adadelta: adadelta,
  Adamax: adamax,
  NAdam: nadam,
  RAdam: radam,
  Rprop: rprop,
  Lion: lion,
  LAMB: lamb,
  AdamWScheduleFree: adamwScheduleFree,
  Prodigy: prodigy,
  DAdaptAdam: dadaptAdam,
  DoG: dog,
  Muon: muon,
};

export type OptimizerType = keyof typeof optimizers;

export type { OptimizerDefinition, OptionProblem } from "./definition.js";
export type { SgdOptions } from "./sgd.js";
export type { AdamOptions } from "./adam.js";
export type { RmspropOptions } from "./rmsprop.js";
export type { AdagradOptions } from "./adagrad.js";
export type { AdadeltaOptions } from "./adadelta.js";
export type { AdamaxOptions } from "./adamax.js";
export type { NadamOptions } from "./nadam.js";
export type { RadamOptions } from "./radam.js";
export type { RpropOptions } from "./rprop.js";
export type { LionOptions } from "./lion.js";
export type { LambOptions } from "./lamb.js";
export type { AdamWScheduleFreeOptions } from "./adamw-schedule-free.js";
export type { ProdigyOptions } from "./prodigy.js";
export type { DAdaptAdamOptions } from "./dadapt-adam.js";
export type { DogOptions } from "./dog.js";
export type { MuonOptions } from "./muon.js";
