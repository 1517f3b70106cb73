import { OPTIMIZERS, getOptimizer, resolveHyperParams } from '../core/optim/registry';
import type { HyperParams, Optimizer } from '../core/optim/types';
import { type ParsedArgs, UsageError, flagList, flagString } from './args';

function parseSets(items: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const item of items) {
    const eq = item.indexOf('=');
    if (eq <= 0) throw new UsageError(`--set: expected key=value, got "${item}"`);
    out[item.slice(0, eq)] = item.slice(eq + 1);
  }
  return out;
}

/** `--optimizer NAME [--set key=value ...]`, validated against the registry's schema. */
export function optimizerFromArgs(args: ParsedArgs): { optimizer: Optimizer; hp: HyperParams } {
  const name = flagString(args, 'optimizer');
  if (!OPTIMIZERS.some((o) => o.name === name)) {
    throw new UsageError(`--optimizer: unknown "${name}"; expected one of ${OPTIMIZERS.map((o) => o.name).join(', ')}`);
  }
  const optimizer = getOptimizer(name);
  try {
    return { optimizer, hp: resolveHyperParams(optimizer, parseSets(flagList(args, 'set'))) };
  } catch (e) {
    if (e instanceof UsageError) throw e;
    throw new UsageError(`--set: ${(e as Error).message}`);
  }
}
