/** The setup <-> URL hash, validated with zod so a hand-edited or stale link cannot put the app in a bad state. */
import { z } from 'zod';
import { ACTIVATIONS, LOSSES } from '../core/problem/problem';
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

const HASH_KEY = 'setup';

export function setupToHash(setup: Setup): string {
  return `#${HASH_KEY}=${encodeURIComponent(JSON.stringify(setup))}`;
}

export type HashParse = { ok: true; setup: Setup } | { ok: false; error: string } | { ok: 'empty' };

/** Reads a hash; fields missing from an older link take their defaults, wrong ones are reported by path. */
export function setupFromHash(hash: string): HashParse {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const raw = params.get(HASH_KEY);
  if (raw === null) return { ok: 'empty' };
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return { ok: false, error: 'the link\'s setup is not valid JSON' };
  }
  const merged = json && typeof json === 'object' ? { ...defaultSetup(), ...(json as object) } : json;
  const parsed = setupSchema.safeParse(merged);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, error: `link field ${issue.path.join('.') || '(root)'}: ${issue.message}` };
  }
  return { ok: true, setup: parsed.data as Setup };
}
