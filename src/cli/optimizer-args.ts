import { getOptimizer, resolveHyperParams } from '../core/optim/registry';
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

/** `--optimizer NAME [--set key=value ...]`, validated against the optimizer's own schema. */
export function optimizerFromArgs(args: ParsedArgs): { optimizer: Optimizer; hp: HyperParams } {
  const optimizer = getOptimizer(flagValue<string>(args, 'optimizer'));
  try {
    return { optimizer, hp: resolveHyperParams(optimizer, parseSets(flagList(args, 'set'))) };
  } catch (e) {
    if (e instanceof UsageError) throw e;
    throw new UsageError(`--set: ${(e as Error).message}`);
  }
}
