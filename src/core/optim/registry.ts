import { adahessian } from './adahessian';
import { adam } from './adam';
import { bfgs } from './bfgs';
import { hasCapability } from './capabilities';
import { hessianFree } from './hessian-free';
import { resolveParams, type ProblemKind } from './hyper-params';
import { kfac } from './kfac';
import { lbfgs } from './lbfgs';
import { levenbergMarquardt } from './levenberg-marquardt';
import { lowRankNewton } from './lowrank-newton';
import { momentum, nesterov } from './momentum';
import { naturalGradient } from './natural-gradient';
import { newton, saddleFreeNewton } from './newton';
import { pgd } from './pgd';
import { sam } from './sam';
import { sgd } from './sgd';
import { shampoo } from './shampoo';
import { sophia } from './sophia';
import type { Objective } from '../objective';
import type { HyperParams, Optimizer } from './types';

export const OPTIMIZERS: Optimizer[] = [
  sgd,
  momentum,
  nesterov,
  adam,
  sam,
  pgd,
  adahessian,
  newton,
  saddleFreeNewton,
  bfgs,
  lbfgs,
  hessianFree,
  lowRankNewton,
  levenbergMarquardt,
  naturalGradient,
  kfac,
  shampoo,
  sophia,
];

/** The optimizers that apply to `objective`: those whose `needs` it offers. */
export function applicableOptimizers(objective: Objective): Optimizer[] {
  return OPTIMIZERS.filter((o) => (o.needs ?? []).every((c) => hasCapability(objective, c)));
}

/** The optimizers that need nothing beyond loss, gradient and HVPs: every 2-D function offers them (a sum of squares adds more: function-optimizers.ts). */
export const FUNCTION_OPTIMIZERS: Optimizer[] = OPTIMIZERS.filter((o) => (o.needs ?? []).length === 0);

export function getOptimizer(name: string): Optimizer {
  const opt = OPTIMIZERS.find((o) => o.name === name);
  if (!opt) {
    throw new Error(`Unknown optimizer "${name}". Known optimizers: ${OPTIMIZERS.map((o) => o.name).join(', ')}`);
  }
  return opt;
}

/** The optimizer's defaults for `kind` with validated overrides; errors name the optimizer and the key. */
export function resolveHyperParams(opt: Optimizer, overrides: Record<string, string | number | boolean>, kind: ProblemKind = 'function'): HyperParams {
  return resolveParams(opt.name, opt.params, overrides, opt.constraints, kind);
}
