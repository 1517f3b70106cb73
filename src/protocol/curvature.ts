/** Curvature at a run's iterate or at a point, and the escape line along the lowest eigenvector. */
import { z } from 'zod';
import { count, measured, measuredList } from './numbers';
import { ticketSchema } from './ticket';

/** An iterate of a run the worker holds, named by the run's id (never by a position in worker state). */
export const iterateRefSchema = z.object({
  runId: z.string().min(1),
  /** Which optimizer of that run. */
  index: z.int().min(0),
  iteration: z.int().min(0),
});
export type IterateRef = z.infer<typeof iterateRefSchema>;

export const curvatureRequestSchema = ticketSchema.extend({ at: iterateRefSchema });
export type CurvatureRequest = z.infer<typeof curvatureRequestSchema>;

const finitePair = z.tuple([z.number().refine(Number.isFinite), z.number().refine(Number.isFinite)]);
export const pointCurvatureRequestSchema = ticketSchema.extend({ point: finitePair });
export type PointCurvatureRequest = z.infer<typeof pointCurvatureRequestSchema>;

export const escapeRequestSchema = ticketSchema.extend({
  at: iterateRefSchema,
  maxStep: z.number().positive().max(1e6),
  count: z.int().min(2).max(1000),
});
export type EscapeRequest = z.infer<typeof escapeRequestSchema>;

export const curvatureSchema = z.object({
  top: measured,
  bottom: measured,
  /** |lambda_max| / |lambda_min| over the computed extremes; Infinity where one is 0. */
  condition: measured,
  /** Eigenvalues below -tol among those computed (exact for 2-D). */
  negativeCount: count,
  /** True when only the extremes were computed, so `negativeCount` is a lower bound. */
  negativeAtLeast: z.boolean().optional(),
  kind: z.enum(['minimum', 'saddle', 'maximum', 'flat']),
  method: z.string(),
  products: count,
  /** For 2-D points: both eigenpairs, for the contour arrows. */
  pairs: z.array(z.object({ value: measured, vector: z.tuple([measured, measured]) })).optional(),
});
export type Curvature = z.infer<typeof curvatureSchema>;

/** Loss along the lowest-curvature direction: the escape a negative eigenvalue offers. */
export const escapeLineSchema = z
  .object({ lambda: measured, steps: measuredList, losses: measuredList })
  .refine((l) => l.steps.length === l.losses.length, { error: 'one loss per step is expected', path: ['losses'] });
export type EscapeLine = z.infer<typeof escapeLineSchema>;
