import { requireCapabilities } from '../core/optim/capabilities';
import { applicableOptimizers, getOptimizer, resolveHyperParams } from '../core/optim/registry';
import type { Objective } from '../core/objective';
import type { HyperParams, Optimizer } from '../core/optim/types';
import { type ParsedArgs, UsageError, flagList, flagValue } from './args';

/** key=value pairs in a prototype-free record, so "__proto__" is a key like any other (and unknown). */
export function parseSets(items: string[]): Record<string, string> {
  const out: Record<string, string> = Object.create(null);
  for (const item of items) {
    const eq = item.indexOf('=');
    if (eq <= 0) throw new UsageError(`--set: expected key=value, got "${item}"`);
    const key = item.slice(0, eq);
    if (Object.prototype.hasOwnProperty.call(out, key)) throw new UsageError(`--set: "${key}" given more than once`);
    out[key] = item.slice(eq + 1);
  }
  return out;
}

/**
 * `--optimizer NAME [--set key=value ...]`, validated against the optimizer's own schema. `hp` holds
 * only the values set: the run fills in the defaults for its problem's kind (a 2-D function's or a
 * network's, ParamSpec.networkDefault), which is known once the problem is loaded.
 */
export function optimizerFromArgs(args: ParsedArgs): { optimizer: Optimizer; hp: HyperParams } {
  const optimizer = getOptimizer(flagValue<string>(args, 'optimizer'));
  try {
    const sets = parseSets(flagList(args, 'set'));
    // the ranges and rules do not depend on the kind, so either kind's defaults validate the values set
    const resolved = resolveHyperParams(optimizer, sets, 'function');
    return { optimizer, hp: Object.fromEntries(Object.keys(sets).map((k) => [k, resolved[k]])) };
  } catch (e) {
    if (e instanceof UsageError) throw e;
    throw new UsageError(`--set: ${(e as Error).message}`);
  }
}

/**
 * Bad input, not an internal error: `--optimizer kfac` on a 2-D function names what the objective
 * lacks and the optimizers that do apply, in one line.
 */
export function checkApplicable(optimizer: Optimizer, objective: Objective): void {
  try {
    requireCapabilities(optimizer.label, objective, optimizer.needs ?? []);
  } catch (e) {
    const names = applicableOptimizers(objective).map((o) => o.name).join(', ');
    throw new UsageError(`--optimizer: ${(e as Error).message}; here use one of ${names}`);
  }
}
