/** The Network mode's requests to the compute worker and their results: landscapes and curvature of a network problem. */
import { z } from 'zod';
import type { AveragedDensity } from '../core/analysis/density';
import type { CurvaturePoint, WarmStartSummary } from '../core/analysis/curvature-tracker';
import type { LayerBlock, LayerCurvature } from '../core/analysis/per-layer';
import { DIRECTION_METHODS, type DirectionMethodName } from '../core/landscape/directions';
import type { SurfaceResult } from '../core/landscape/grid';
import type { PlaneCoordinates } from '../core/landscape/plane';
import { LIMITS } from '../core/limits';
import type { HyperParams } from '../core/optim/types';
import { hyperValueSchema, registeredOptimizer } from './run';
import { ticketSchema } from './ticket';

export type { MiniBatchSharpness } from '../core/analysis/minibatch';

/** A whole trajectory the page can name: the Network mode's training run or one explorer run. */
export const runRefSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('trained') }),
  z.object({ kind: z.literal('run'), index: z.int().min(0).max(19) }),
]);
export type RunRef = z.infer<typeof runRefSchema>;

/**
 * A point in parameter space the page can name: the network's initial parameters, the end of the
 * Network mode's training run, or the last iterate of one of the explorer's runs.
 */
export const pointRefSchema = z.union([z.object({ kind: z.literal('init') }), runRefSchema]);
export type PointRef = z.infer<typeof pointRefSchema>;

/**
 * The runs a request may read, by id: the store's current explorer run and training run. The
 * worker keeps runs keyed by these ids and drops them with them, so a reset page cannot read old ones.
 */
export const runIdsSchema = z.object({ explorer: z.string().nullable(), trained: z.string().nullable() });
export type RunIds = z.infer<typeof runIdsSchema>;

const directionNames = DIRECTION_METHODS.map((m) => m.name) as [DirectionMethodName, ...DirectionMethodName[]];
const networkTicket = ticketSchema.extend({ held: runIdsSchema });

export const networkSurfaceRequestSchema = networkTicket.extend({
  method: z.enum(directionNames),
  /** Points per side. */
  grid: z.int().min(2).max(LIMITS.grid),
  /** The grid covers [-span, span]^2 in plane coordinates. */
  span: z.number().positive().max(LIMITS.span),
  seed: z.int(),
  /** random and eigen: where the plane passes through. */
  at: pointRefSchema,
  /** pca: whose iterates span the plane. */
  run: runRefSchema,
});
export type NetworkSurfaceRequest = z.infer<typeof networkSurfaceRequestSchema>;

export interface ProjectedRun {
  run: RunRef;
  /** Plane coordinates and distance from the plane of each iterate. */
  points: PlaneCoordinates[];
}

export interface NetworkSurface extends SurfaceResult {
  span: number;
  /** Every trajectory the worker holds for this request's runs, projected onto this plane. */
  projected: ProjectedRun[];
}

export const interpolationRequestSchema = networkTicket.extend({
  from: pointRefSchema,
  to: pointRefSchema,
  /** Samples along the line. */
  points: z.int().min(2).max(10_000),
  /** t runs over [-extend, 1 + extend]. */
  extend: z.number().min(0).max(10),
});
export type InterpolationRequest = z.infer<typeof interpolationRequestSchema>;

export const interpolationLineSchema = z.object({ t: z.array(z.number()), loss: z.array(z.number()), distance: z.number() });
export type InterpolationLine = z.infer<typeof interpolationLineSchema>;

export const trainRequestSchema = ticketSchema.extend({
  optimizer: registeredOptimizer,
  hyperParams: z.record(z.string(), hyperValueSchema),
  steps: z.int().min(1).max(LIMITS.steps),
  every: z.int().min(1),
  traceProbes: z.int().min(1).max(LIMITS.probes),
  lanczosTol: z.number().positive(),
  seed: z.int(),
  /** Also lambda_max of the Gauss-Newton matrix at each point, beside the Hessian's. */
  ggn: z.boolean().optional(),
});
export type TrainCurvatureRequest = z.infer<typeof trainRequestSchema>;

/** What streams in while the training run goes: new curvature points and the latest step. */
export interface TrainProgress {
  points: CurvaturePoint[];
  /** The sharpness the optimizer's fixed step is stable up to (2/eta for GD), or null. */
  edgeOfStability: number | null;
  step: number;
  loss: number;
}

export interface TrainCurvatureSummary {
  optimizer: string;
  hyperParams: HyperParams;
  edgeOfStability: number | null;
  warmStart: WarmStartSummary;
  curvatureHvps: number;
  /** Every step's loss, for the loss curve beside the curvature. */
  losses: number[];
  reason: string;
  dim: number;
}

export const densityRequestSchema = networkTicket.extend({
  at: pointRefSchema,
  probes: z.int().min(1).max(LIMITS.probes),
  /** Lanczos steps per probe (Ghorbani et al. 2019 use 90); 500 is well past where the density stops changing. */
  steps: z.int().min(2).max(500),
  runs: z.int().min(1).max(LIMITS.densityRuns),
  seed: z.int(),
  /** Also the Gauss-Newton matrix's density, with the same probes and steps, to overlay on H's. */
  ggn: z.boolean().optional(),
});
export type DensityRequest = z.infer<typeof densityRequestSchema>;

export interface NetworkDensity extends AveragedDensity {
  /** The exact spectrum (ascending) where P is small enough to form the Hessian, else null. */
  exact: number[] | null;
  /** G's density where asked for and the loss has a Gauss-Newton product, else null. */
  ggn?: AveragedDensity | null;
}

export const miniBatchRequestSchema = networkTicket.extend({
  at: pointRefSchema,
  batchSize: z.int().min(1).max(LIMITS.rows),
  batches: z.int().min(1).max(1000),
  seed: z.int(),
});
export type MiniBatchRequest = z.infer<typeof miniBatchRequestSchema>;

export const hessianRequestSchema = networkTicket.extend({
  at: pointRefSchema,
  traceProbes: z.int().min(1).max(LIMITS.probes),
  seed: z.int(),
});
export type HessianRequest = z.infer<typeof hessianRequestSchema>;

export interface HessianReport {
  /** Row-major P x P, symmetrised; null when P exceeds DENSE_HEATMAP_MAX_PARAMS. */
  matrix: number[] | null;
  dim: number;
  blocks: LayerBlock[];
  boundaries: number[];
  layers: LayerCurvature[];
  hvps: number;
}
