/** Optimizer runs side by side: the request, and the records and results that stream back. */
import { z } from 'zod';
import { LIMITS } from '../core/limits';
import { OPTIMIZERS } from '../core/optim/registry';
import type { RunResult, StepRecord } from '../core/optim/types';
import { count, measured } from './numbers';
import type { RecordColumns } from './record-columns';
import { ticketSchema } from './ticket';

export const hyperValueSchema = z.union([z.number().refine(Number.isFinite, 'not finite'), z.string().max(64), z.boolean()]);

export const registeredOptimizer = z
  .string()
  .refine((name) => OPTIMIZERS.some((o) => o.name === name), { error: (issue) => `not a registered optimizer: ${JSON.stringify(issue.input)}` });

/** At most two runs per registered optimizer (a setup's entries, state/optimizer-entries.ts MAX_ENTRIES), so a request stays bounded by the registry. */
export const MAX_RUN_OPTIMIZERS = OPTIMIZERS.length * 2;

export const runRequestSchema = ticketSchema.extend({
  optimizers: z
    .array(z.object({ name: registeredOptimizer, hyperParams: z.record(z.string(), hyperValueSchema), entry: z.string().max(72).optional() }))
    .min(1)
    .max(MAX_RUN_OPTIMIZERS)
    .refine((list) => new Set(list.map((o, i) => o.entry ?? `#${i}`)).size === list.length, 'two runs with the same entry id'),
  /** Start in plane coordinates (2-D functions: the point itself). */
  start: z.tuple([z.number().refine(Number.isFinite), z.number().refine(Number.isFinite)]),
  steps: z.int().min(0).max(LIMITS.steps),
  gtol: z.number().min(0),
  /** Start paused with one turn per optimizer granted: a single step from a standing start. */
  paused: z.boolean().optional(),
});
export type RunRequest = z.infer<typeof runRequestSchema>;

/** A step record as streamed: for networks, with the iterate's distance from the drawing plane. */
export type StreamedRecord = StepRecord & { planeDistance?: number };

export const streamedRecordSchema = z.object({
  iteration: z.int().min(0),
  point: z.array(z.number()),
  loss: z.number(),
  gradNorm: z.number(),
  stepSize: z.number(),
  nfev: z.int().min(0),
  ngev: z.int().min(0),
  nhvp: z.int().min(0),
  nggnvp: z.int().min(0).optional(),
  nkfac: z.int().min(0).optional(),
  timeMs: z.number().min(0),
  planeDistance: z.number().optional(),
});

/** Why a run stopped, in the words core/optim/types.ts StopReason allows. */
const stopReasonSchema = z.union([
  z.enum(['gtol met', 'max iterations', 'line search failed', 'cancelled']),
  z.templateLiteral(['diverged at step ', z.int()]),
  z.templateLiteral(['unbounded below at iteration ', z.int()]),
  z.templateLiteral(['gradient overflow at iteration ', z.int()]),
]);

/** A run's summary as onDone sends it (its records already streamed, so usually none). */
export const runResultSchema = z.object({
  optimizer: z.string(),
  hyperParams: z.record(z.string(), z.union([measured, z.string(), z.boolean()])),
  success: z.boolean(),
  reason: stopReasonSchema,
  nit: count,
  nfev: count,
  ngev: count,
  nhvp: count,
  nggnvp: count.optional(),
  nkfac: count.optional(),
  x: z.array(measured),
  f: measured,
  gradNorm: measured,
  records: z.array(streamedRecordSchema),
}) satisfies z.ZodType<RunResult>;

/** Page-side callbacks; over comlink each call returns a promise the worker may await. */
export interface RunEvents {
  /** New records as columns (record-columns.ts), their buffers transferred. */
  onBatch(batches: RecordColumns[]): void | Promise<void>;
  onDone(index: number, result: RunResult): void | Promise<void>;
  onError(index: number, message: string): void | Promise<void>;
  /** Something the person should read about run `index`, e.g. that it restarted after a device loss. */
  onNote(index: number, text: string): void | Promise<void>;
}
