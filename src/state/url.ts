/**
 * What the person chose <-> the URL hash, validated with zod so a hand-edited or stale link cannot
 * put the app in a bad state. The explorer's setup travels as `setup=`, the Network mode (its tab
 * and every setting) as `net=`; a link without `net` opens the explorer with default settings.
 */
import { z } from 'zod';
import { DIRECTION_METHODS } from '../core/landscape/directions';
import { OPTIMIZERS } from '../core/optim/registry';
import { ACTIVATIONS, LOSSES } from '../core/problem/problem';
import { DEFAULT_NETWORK_SETTINGS, NETWORK_BOUNDS, type AppMode, type NetworkSettings, type NumberBounds } from './network-slice';
import { BACKEND_REQUESTS, DATASETS } from './problem-spec';
import { defaultSetup, type Setup } from './setup';

const hyperValue = z.union([z.number().refine(Number.isFinite, 'not finite'), z.string(), z.boolean()]);

const problemSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('function'), name: z.string().min(1) }),
  z.object({
    kind: z.literal('dataset'),
    dataset: z.enum(DATASETS),
    n: z.int().min(8).max(2000),
    noise: z.number().min(0).max(2),
    seed: z.int(),
    hidden: z.array(z.int().min(1).max(64)).max(4),
    activation: z.enum(ACTIVATIONS),
    loss: z.enum(LOSSES),
    weightDecay: z.number().min(0).max(1),
    initSeed: z.int(),
  }),
  z.object({ kind: z.literal('custom'), name: z.string(), source: z.enum(['csv', 'problem-file']) }),
]);

const setupSchema = z.object({
  problem: problemSchema,
  optimizers: z.array(z.string()).max(20),
  hyperParams: z.record(z.string(), z.record(z.string(), hyperValue)),
  start: z.tuple([z.number(), z.number()]).nullable(),
  steps: z.int().min(0).max(20000),
  backend: z.enum(BACKEND_REQUESTS),
  logScale: z.boolean(),
  xAxis: z.enum(['iteration', 'cost', 'time']),
  demo: z.object({ id: z.string(), step: z.int().min(0) }).nullable(),
});

function bounded(b: NumberBounds): z.ZodNumber {
  return (b.integer ? z.int() : z.number()).min(b.min).max(b.max);
}

const runRef = z.discriminatedUnion('kind', [z.object({ kind: z.literal('trained') }), z.object({ kind: z.literal('run'), index: z.int().min(0).max(19) })]);
const pointRef = z.union([z.object({ kind: z.literal('init') }), runRef]);
const directionNames = DIRECTION_METHODS.map((m) => m.name) as [NetworkSettings['method'], ...NetworkSettings['method'][]];

const networkSchema = z.object({
  mode: z.enum(['explorer', 'network']),
  method: z.enum(directionNames),
  grid: bounded(NETWORK_BOUNDS.grid),
  span: bounded(NETWORK_BOUNDS.span),
  directionSeed: bounded(NETWORK_BOUNDS.directionSeed),
  at: pointRef,
  pcaRun: runRef,
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
  interpFrom: pointRef,
  interpTo: pointRef,
});

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

export type HashParse = { ok: true; state: UrlState } | { ok: false; error: string } | { ok: 'empty' };

type Part<T> = { ok: true; value: T } | { ok: false; error: string };

/** One JSON field of the hash over its defaults; an error names the key and the path inside it. */
function parsePart<T>(raw: string | null, key: string, defaults: object, schema: z.ZodType<T>): Part<T> {
  let json: unknown = {};
  if (raw !== null) {
    try {
      json = JSON.parse(raw);
    } catch {
      return { ok: false, error: `the link's ${key} is not valid JSON` };
    }
  }
  const merged = json && typeof json === 'object' && !Array.isArray(json) ? { ...defaults, ...json } : json;
  const parsed = schema.safeParse(merged);
  if (parsed.success) return { ok: true, value: parsed.data };
  const issue = parsed.error.issues[0];
  const path = [...(key === SETUP_KEY ? [] : [key]), ...issue.path].join('.');
  return { ok: false, error: `link field ${path || '(root)'}: ${issue.message}` };
}

/** Reads a hash; fields missing from an older link take their defaults, wrong ones are reported by path. */
export function urlStateFromHash(hash: string): HashParse {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const rawSetup = params.get(SETUP_KEY);
  const rawNetwork = params.get(NETWORK_KEY);
  if (rawSetup === null && rawNetwork === null) return { ok: 'empty' };
  const defaults = defaultUrlState();
  const setup = parsePart(rawSetup, SETUP_KEY, defaults.setup, setupSchema);
  if (!setup.ok) return setup;
  const net = parsePart(rawNetwork, NETWORK_KEY, { mode: defaults.mode, ...defaults.network }, networkSchema);
  if (!net.ok) return net;
  const { mode, ...network } = net.value;
  return { ok: true, state: { setup: setup.value as Setup, mode, network } };
}
