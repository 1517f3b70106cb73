import { adahessian } from './adahessian';
import { adam } from './adam';
import { bfgs } from './bfgs';
import { hessianFree } from './hessian-free';
import { resolveParams } from './hyper-params';
import { lbfgs } from './lbfgs';
import { lowRankNewton } from './lowrank-newton';
import { momentum, nesterov } from './momentum';
import { newton, saddleFreeNewton } from './newton';
import { pgd } from './pgd';
import { sam } from './sam';
import { sgd } from './sgd';
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
];

export function getOptimizer(name: string): Optimizer {
  const opt = OPTIMIZERS.find((o) => o.name === name);
  if (!opt) {
    throw new Error(`Unknown optimizer "${name}". Known optimizers: ${OPTIMIZERS.map((o) => o.name).join(', ')}`);
  }
  return opt;
}

/** The optimizer's defaults with validated overrides; errors name the optimizer and the key. */
export function resolveHyperParams(opt: Optimizer, overrides: Record<string, string | number | boolean>): HyperParams {
  return resolveParams(opt.name, opt.params, overrides, opt.constraints);
}
