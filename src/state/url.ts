/**
 * What the person chose <-> the URL hash. The explorer's setup travels as `setup=`, the Network
 * mode (its tab and every setting) as `net=`; a link without `net` opens the explorer with
 * default settings. Each field is checked on its own against its schema and the registries
 * (functions, optimizers and their hyper-parameter schemas): a bad field is reported by path and
 * takes its default, the rest of the link still applies.
 */
import { z } from 'zod';
import { TEST_FUNCTIONS } from '../core/functions/registry';
import { DIRECTION_METHODS } from '../core/landscape/directions';
import { functionOptimizerMisfit, functionOptimizers } from '../core/optim/function-optimizers';
import { OPTIMIZERS, getOptimizer, resolveHyperParams } from '../core/optim/registry';
import type { HyperParams } from '../core/optim/types';
import { pointRefSchema, runRefSchema } from '../protocol/network';
import { problemSpecSchema } from '../protocol/problem';
import { hyperValueSchema } from '../protocol/run';
import { DEFAULT_NETWORK_SETTINGS, NETWORK_BOUNDS, type AppMode, type NetworkSettings, type NumberBounds } from './network-slice';
import { BACKEND_REQUESTS, type ProblemSpec } from './problem-spec';
import { MAX_ENTRIES, MAX_SUFFIX, entryMisfit, entryOptimizer } from './optimizer-entries';
import { defaultSetup, type Setup } from './setup';

/** Most steps a link may ask of an explorer run (the steps field's own range). */
export const LINK_MAX_STEPS = 20000;

const finite = z.number().refine(Number.isFinite, 'not finite');

const setupFields = {
  problem: problemSpecSchema,
  optimizers: z.array(z.string().max(72)).max(MAX_ENTRIES),
  hyperParams: z.record(z.string().max(72), z.record(z.string().max(64), hyperValueSchema)),
  labels: z.record(z.string().max(72), z.string().max(MAX_SUFFIX)),
  start: z.tuple([finite, finite]).nullable(),
  steps: z.int().min(0).max(LINK_MAX_STEPS),
  backend: z.enum(BACKEND_REQUESTS),
  logScale: z.boolean(),
  xAxis: z.enum(['iteration', 'cost', 'time']),
  demo: z.object({ id: z.string().max(64), step: z.int().min(0).max(100) }).nullable(),
};

function bounded(b: NumberBounds): z.ZodNumber {
  return (b.integer ? z.int() : z.number()).min(b.min).max(b.max);
}

const directionNames = DIRECTION_METHODS.map((m) => m.name) as [NetworkSettings['method'], ...NetworkSettings['method'][]];
const networkFields = {
  mode: z.enum(['explorer', 'network']),
  method: z.enum(directionNames),
  grid: bounded(NETWORK_BOUNDS.grid),
  span: bounded(NETWORK_BOUNDS.span),
  directionSeed: bounded(NETWORK_BOUNDS.directionSeed),
  at: pointRefSchema,
  pcaRun: runRefSchema,
  optimizer: z.string().refine((name) => OPTIMIZERS.some((o) => o.name === name), 'not a registered optimizer'),
  lr: bounded(NETWORK_BOUNDS.lr),
  steps: bounded(NETWORK_BOUNDS.steps),
  every: bounded(NETWORK_BOUNDS.every),
  traceProbes: bounded(NETWORK_BOUNDS.traceProbes),
  densityProbes: bounded(NETWORK_BOUNDS.densityProbes),
  densitySteps: bounded(NETWORK_BOUNDS.densitySteps),
  densityRuns: bounded(NETWORK_BOUNDS.densityRuns),
  batchSize: bounded(NETWORK_BOUNDS.batchSize),
  batches: bounded(NETWORK_BOUNDS.batches),
  interpFrom: pointRefSchema,
  interpTo: pointRefSchema,
  ggn: z.boolean(),
  densityGgn: z.boolean(),
};

/** Everything a share link restores. */
export interface UrlState {
  setup: Setup;
  mode: AppMode;
  network: NetworkSettings;
}

export function defaultUrlState(): UrlState {
  return { setup: defaultSetup(), mode: 'explorer', network: { ...DEFAULT_NETWORK_SETTINGS } };
}

const SETUP_KEY = 'setup';
const NETWORK_KEY = 'net';

export function urlStateToHash(state: UrlState): string {
  const net = { mode: state.mode, ...state.network };
  return `#${SETUP_KEY}=${encodeURIComponent(JSON.stringify(state.setup))}&${NETWORK_KEY}=${encodeURIComponent(JSON.stringify(net))}`;
}

/**
 * `ok: false` still carries a state: the link's good fields over the defaults. `errors` has one
 * line per bad field, naming its path and what was wrong.
 */
export type HashParse = { ok: true; state: UrlState } | { ok: false; state: UrlState; errors: string[] } | { ok: 'empty' };

/** Quoted and cut short, so a hostile value cannot flood the notice. */
function shown(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}

type Fields = Record<string, z.ZodType>;

/** One JSON part of the hash, field by field over its defaults. */
function parseFields<T extends object>(raw: string | null, key: string, defaults: T, fields: Fields, errors: string[]): T {
  if (raw === null) return { ...defaults };
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    errors.push(`the link's ${key} is not valid JSON`);
    return { ...defaults };
  }
  if (!json || typeof json !== 'object' || Array.isArray(json)) {
    errors.push(`link field ${key}: not an object`);
    return { ...defaults };
  }
  const out: Record<string, unknown> = { ...(defaults as Record<string, unknown>) };
  const prefix = key === SETUP_KEY ? '' : `${key}.`;
  for (const [name, value] of Object.entries(json)) {
    const schema = fields[name];
    if (!schema) {
      errors.push(`link field ${prefix}${name}: not a setting`);
      continue;
    }
    const parsed = schema.safeParse(value);
    if (parsed.success) out[name] = parsed.data;
    else {
      const issue = parsed.error.issues[0];
      errors.push(`link field ${[prefix + name, ...issue.path].join('.')}: ${issue.message}`);
    }
  }
  return out as T;
}

/** Datasets whose targets a loss cannot fit: sine's real targets have no classes, three classes no single logit. */
function impossibleLoss(problem: ProblemSpec): string | null {
  if (problem.kind !== 'dataset') return null;
  if (problem.dataset === 'sine' && problem.loss !== 'mse') return `sine is a regression dataset; ${problem.loss} needs classes`;
  if ((problem.dataset === 'spiral' || problem.dataset === 'gaussians') && problem.loss === 'binary_cross_entropy')
    return `${problem.dataset} has three classes; binary_cross_entropy fits two`;
  return null;
}

/**
 * The registries' checks a field schema cannot make: known function, optimizers that apply to the
 * problem (for a 2-D function those its objective offers what they need, as the CLI checks) and
 * hyper-parameters in their schemas.
 */
function checkSetup(setup: Setup, defaults: Setup, errors: string[]): Setup {
  let problem = setup.problem;
  const fn = problem.kind === 'function' ? problem.name : null;
  if (fn !== null && !TEST_FUNCTIONS.some((f) => f.name === fn)) {
    errors.push(`link field problem.name: unknown function ${shown(fn)}`);
    problem = defaults.problem;
  }
  if (problem.kind === 'model' && problem.dataset === 'fashion-mnist') {
    errors.push(`link field problem.dataset: Fashion-MNIST's IDX files were loaded in another tab and a link cannot carry them; load them again`);
    problem = defaults.problem;
  }
  const impossible = impossibleLoss(problem);
  if (impossible) {
    errors.push(`link field problem.loss: ${impossible}`);
    problem = defaults.problem;
  }
  // Entries are optimizer names or `name~k` variants (state/optimizer-entries.ts); a link from before variants holds names only.
  const optimizers: string[] = [];
  for (const entry of setup.optimizers) {
    const misfit = entryMisfit(entry);
    const name = entryOptimizer(entry);
    if (misfit) errors.push(`link field optimizers: ${misfit.startsWith('unknown optimizer') ? `unknown optimizer ${shown(name)}` : misfit}`);
    else if (problem.kind === 'function' && !functionOptimizers(problem.name).some((o) => o.name === name))
      errors.push(`link field optimizers: ${name} on the 2-D function ${problem.name}: ${functionOptimizerMisfit(problem.name, name)}`);
    else if (!optimizers.includes(entry)) optimizers.push(entry);
  }
  const hyperParams: Record<string, HyperParams> = {};
  for (const [entry, values] of Object.entries(setup.hyperParams)) {
    const misfit = entryMisfit(entry);
    if (misfit) {
      errors.push(`link field hyperParams.${shown(entry)}: ${misfit.startsWith('unknown optimizer') ? 'unknown optimizer' : misfit}`);
      continue;
    }
    const kept: HyperParams = {};
    for (const [k, v] of Object.entries(values)) {
      try {
        resolveHyperParams(getOptimizer(entryOptimizer(entry)), { [k]: v });
        kept[k] = v;
      } catch (e) {
        errors.push(`link field hyperParams.${entry}.${k}: ${(e as Error).message}`);
      }
    }
    if (Object.keys(kept).length > 0) hyperParams[entry] = kept;
  }
  // a suffix names an entry the link holds; one for an entry it dropped has nothing to name
  const labels = Object.fromEntries(Object.entries(setup.labels).filter(([entry, text]) => optimizers.includes(entry) && text.trim() !== ''));
  return { ...setup, problem, optimizers, hyperParams, labels };
}

/** Reads a hash; fields missing from an older link take their defaults, wrong ones are reported by path and take theirs. */
export function urlStateFromHash(hash: string): HashParse {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const rawSetup = params.get(SETUP_KEY);
  const rawNetwork = params.get(NETWORK_KEY);
  if (rawSetup === null && rawNetwork === null) return { ok: 'empty' };
  const defaults = defaultUrlState();
  const errors: string[] = [];
  const setup = checkSetup(parseFields(rawSetup, SETUP_KEY, defaults.setup, setupFields, errors), defaults.setup, errors);
  const { mode, ...network } = parseFields(rawNetwork, NETWORK_KEY, { mode: defaults.mode, ...defaults.network }, networkFields, errors);
  const state: UrlState = { setup, mode, network };
  return errors.length === 0 ? { ok: true, state } : { ok: false, state, errors };
}
