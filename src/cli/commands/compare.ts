/**
 * `curvscape compare`: several optimizer entries from the same start, as the app's explorer runs
 * them, one optimizer possibly more than once with different settings:
 * `--entry hessian-free:curvature=hessian --entry hessian-free:curvature=gauss-newton` runs
 * Hessian-free on the Hessian and on the Gauss-Newton matrix (Martens 2010, "Deep learning via
 * Hessian-free optimization"). Entries take the app's ids and labels (state/optimizer-entries.ts).
 */
import { getOptimizer, OPTIMIZERS, resolveHyperParams } from '../../core/optim/registry';
import type { HyperParams } from '../../core/optim/types';
import { MAX_ENTRIES, nextEntryId, runEntries } from '../../state/optimizer-entries';
import { type ParsedArgs, UsageError, flagList, flagOptional, flagValue } from '../args';
import { type BackendChoice, useBackend } from '../backend';
import { loadProblemFromArgs } from '../data-problem';
import { checkApplicable, parseSets } from '../optimizer-args';
import { optimizerRun, startPoint } from '../optimizer-run';

/** One `--entry NAME[:key=value,...]`: the optimizer and the settings it differs in, validated by its schema (as --set is). */
function parseEntry(text: string): { name: string; hp: HyperParams } {
  const colon = text.indexOf(':');
  const name = colon < 0 ? text : text.slice(0, colon);
  if (!OPTIMIZERS.some((o) => o.name === name)) throw new UsageError(`--entry "${text}": unknown optimizer "${name}"; known: ${OPTIMIZERS.map((o) => o.name).join(', ')}`);
  const items = colon < 0 || colon === text.length - 1 ? [] : text.slice(colon + 1).split(',');
  try {
    const sets = parseSets(items);
    // the ranges and rules do not depend on the problem's kind, so a 2-D function's defaults validate the values set
    const resolved = resolveHyperParams(getOptimizer(name), sets, 'function');
    return { name, hp: Object.fromEntries(Object.keys(sets).map((k) => [k, resolved[k]])) };
  } catch (e) {
    throw new UsageError(`--entry "${text}": ${(e as Error).message.replace(/^--set: /, '')}`);
  }
}

/** The optimizer entries a comparison runs, in the order given, with the app's ids. */
export function entriesFromArgs(items: string[]): { optimizers: string[]; hyperParams: Record<string, HyperParams> } {
  if (items.length === 0) throw new UsageError('--entry: give at least one (NAME or NAME:key=value,key=value)');
  if (items.length > MAX_ENTRIES) throw new UsageError(`--entry: at most ${MAX_ENTRIES} entries`);
  const optimizers: string[] = [];
  const hyperParams: Record<string, HyperParams> = {};
  for (const item of items) {
    const { name, hp } = parseEntry(item);
    const id = nextEntryId(optimizers, name);
    optimizers.push(id);
    if (Object.keys(hp).length > 0) hyperParams[id] = hp;
  }
  return { optimizers, hyperParams };
}

/** Each entry's run from the problem's start with its own objective, so its counts are its own. */
export async function compareCommand(args: ParsedArgs): Promise<Record<string, unknown>> {
  const source = entriesFromArgs(flagList(args, 'entry'));
  const steps = flagValue<number>(args, 'steps');
  const gtol = flagValue<number>(args, 'gtol');
  await useBackend(flagValue<BackendChoice>(args, 'backend'));
  const first = await loadProblemFromArgs(args);
  const kind = first.kind === 'function' ? 'function' : 'network';
  const entries = runEntries(source, kind);
  for (const e of entries) checkApplicable(getOptimizer(e.name), first.objective);
  const start = flagOptional<number[]>(args, 'start');
  const given = start ? startPoint(start, first.objective.dim) : null;
  const runs: Record<string, unknown>[] = [];
  for (const [i, e] of entries.entries()) {
    // a fresh objective per entry: counts are cumulative on an objective
    const problem = i === 0 ? first : await loadProblemFromArgs(args);
    const x0 = given ?? problem.start;
    try {
      runs.push({ entry: e.entry, label: e.label, ...(await optimizerRun(getOptimizer(e.name), problem, x0, { steps, gtol, hp: e.hyperParams, startGiven: given !== null })) });
    } finally {
      // network objectives hold tensors; a 2-D function's has nothing to free
      (problem.objective as Partial<{ dispose(): void }>).dispose?.();
    }
  }
  return { problem: first.name, runs };
}
