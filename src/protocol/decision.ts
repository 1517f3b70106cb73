/**
 * The decision-boundary request: the class a classification network predicts on a grid over its
 * input plane, at its initial parameters or at an iterate of an explorer run.
 */
import { z } from 'zod';
import { countArray, measuredArray } from './number-lists';
import { measured, measuredList } from './numbers';

const finite = z.number().refine(Number.isFinite, 'not finite');
const range = z.tuple([finite, finite]).refine(([lo, hi]) => hi > lo, 'empty range');

export const decisionGridRequestSchema = z.object({
  /** An iterate of a run the worker holds; null for the network's initial parameters. */
  at: z.object({ runId: z.string().min(1), index: z.int().min(0), iteration: z.int().min(0) }).nullable(),
  /** Grid points per side. */
  resolution: z.int().min(2).max(200),
  domain: z.object({ x: range, y: range }),
});
export type DecisionGridRequest = z.infer<typeof decisionGridRequestSchema>;

export const decisionGridSchema = z
  .object({
    xs: measuredList,
    ys: measuredList,
    /** Predicted class at (xs[i], ys[j]) in classes[j * xs.length + i]. */
    classes: countArray,
    /** Probability of the predicted class there (softmax, or the sigmoid for one logit). */
    confidence: measuredArray,
    classCount: z.int().min(2),
    /** Fraction of the training rows the network classifies correctly at the same parameters (NaN with no rows). */
    accuracy: measured,
  })
  .refine((g) => g.classes.length === g.xs.length * g.ys.length && g.confidence.length === g.classes.length, {
    error: 'classes and confidence need one entry per grid point',
    path: ['classes'],
  })
  .refine((g) => g.classes.every((c) => c < g.classCount), { error: 'a class beyond classCount', path: ['classes'] });
export type DecisionGrid = z.infer<typeof decisionGridSchema>;

export interface DecisionApi {
  /** Null where the problem has no classes or no 2-D inputs to draw. */
  decisionGrid(request: DecisionGridRequest): Promise<DecisionGrid | null>;
}
