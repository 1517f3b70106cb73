/**
 * Which optimizers a 2-D test function offers, read from the function's own objective by the
 * registry's applicability rule (`needs` against what the objective offers), so the explorer's
 * optimizer panel, the share link's check and the CLI give the same answer: a sum of squares has a
 * Gauss-Newton product and with it Levenberg-Marquardt and natural gradient; no function has layers.
 */
import { functionObjective } from '../functions/objective';
import { getTestFunction } from '../functions/registry';
import { requireCapabilities } from './capabilities';
import { applicableOptimizers, getOptimizer } from './registry';
import type { Optimizer } from './types';

const cache = new Map<string, Optimizer[]>();

/** The optimizers that apply to the registry's 2-D function `name`, in registry order. */
export function functionOptimizers(name: string): Optimizer[] {
  let list = cache.get(name);
  if (!list) {
    list = applicableOptimizers(functionObjective(getTestFunction(name)));
    cache.set(name, list);
  }
  return list;
}

/** Why optimizer `optimizer` does not apply to the 2-D function `name` (the CLI's sentence), or null where it does. */
export function functionOptimizerMisfit(name: string, optimizer: string): string | null {
  const opt = getOptimizer(optimizer);
  try {
    requireCapabilities(opt.label, functionObjective(getTestFunction(name)), opt.needs ?? []);
    return null;
  } catch (e) {
    return (e as Error).message;
  }
}
