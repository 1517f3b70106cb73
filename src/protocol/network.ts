/** The Network mode's requests to the compute worker and their results: landscapes and curvature of a network problem. */
import { z } from 'zod';
import type { AveragedDensity } from '../core/analysis/density';
import type { CurvaturePoint, WarmStartSummary } from '../core/analysis/curvature-tracker';
import type { MiniBatchSharpness } from '../core/analysis/minibatch';
import type { LayerBlock, LayerCurvature } from '../core/analysis/per-layer';
import { BIAS_MODES, DIRECTION_METHODS, type DirectionInfo, type DirectionMethodName } from '../core/landscape/directions';
import type { SurfaceResult } from '../core/landscape/grid';
import type { PlaneCoordinates } from '../core/landscape/plane';
import { LIMITS } from '../core/limits';
import { count, measured, measuredList } from './numbers';
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

/**
 * The ranges of the Network mode's settings, stated once: the number fields and the share link
 * read them from the request schemas below (state/network-slice.ts NETWORK_BOUNDS), and the
 * worker's inbox checks them. They are the ranges the fields offered when each kept its own.
 * Training keeps every iterate (for the PCA plane and the interpolation), hence 5,000 steps rather
 * than the explorer's budget; a Hutchinson trace needs two probes for a standard error.
 */
const traceProbesSchema = z.int().min(2).max(500);

export const networkSurfaceRequestSchema = networkTicket.extend({
  method: z.enum(directionNames),
  /** Points per side. */
  grid: z.int().min(2).max(LIMITS.grid),
  /** The grid covers [-span, span]^2 in plane coordinates. */
  span: z.number().min(1e-6).max(LIMITS.span),
  /** A 32-bit seed: what the link and the field accept. */
  seed: z.int().min(-(2 ** 31)).max(2 ** 31 - 1),
  /** random and eigen: where the plane passes through. */
  at: pointRefSchema,
  /** pca: whose iterates span the plane. */
  run: runRefSchema,
});
export type NetworkSurfaceRequest = z.infer<typeof networkSurfaceRequestSchema>;

const planeCoordinatesSchema = z.object({ alpha: measured, beta: measured, distance: measured }) satisfies z.ZodType<PlaneCoordinates>;

export const projectedRunSchema = z.object({
  run: runRefSchema,
  /** Plane coordinates and distance from the plane of each iterate. */
  points: z.array(planeCoordinatesSchema),
});
export type ProjectedRun = z.infer<typeof projectedRunSchema>;

const pairSchema = z.tuple([measured, measured]);
export const directionInfoSchema = z.object({
  method: z.enum(directionNames),
  label: z.string(),
  citation: z.string(),
  seed: z.int().optional(),
  biasMode: z.enum(BIAS_MODES).optional(),
  explainedVariance: pairSchema.optional(),
  iterates: count.optional(),
  eigenvalues: pairSchema.optional(),
  residuals: pairSchema.optional(),
  hvps: count.optional(),
  note: z.string().optional(),
}) satisfies z.ZodType<DirectionInfo>;

/** Rows by beta, each as long as alphas: what the heat map and the VTK export index. */
function gridShaped(r: { alphas: number[]; betas: number[]; loss: number[][] }): boolean {
  return r.loss.length === r.betas.length && r.loss.every((row) => row.length === r.alphas.length);
}

export const networkSurfaceSchema = z
  .object({
    grid: z.int().min(2),
    alphas: measuredList,
    betas: measuredList,
    loss: z.array(measuredList),
    directions: directionInfoSchema,
    ms: measured,
    span: measured,
    /** Every trajectory the worker holds for this request's runs, projected onto this plane. */
    projected: z.array(projectedRunSchema),
    /** A lost WebGPU device the surface was computed again past, in words. */
    note: z.string().optional(),
  })
  .refine(gridShaped, { error: 'loss is not a betas x alphas grid', path: ['loss'] }) satisfies z.ZodType<SurfaceResult>;
export type NetworkSurface = z.infer<typeof networkSurfaceSchema>;

export const interpolationRequestSchema = networkTicket.extend({
  from: pointRefSchema,
  to: pointRefSchema,
  /** Samples along the line. */
  points: z.int().min(2).max(10_000),
  /** t runs over [-extend, 1 + extend]. */
  extend: z.number().min(0).max(10),
});
export type InterpolationRequest = z.infer<typeof interpolationRequestSchema>;

export const interpolationLineSchema = z
  .object({ t: measuredList, loss: measuredList, distance: measured })
  .refine((l) => l.t.length === l.loss.length, { error: 'one loss per t is expected', path: ['loss'] });
export type InterpolationLine = z.infer<typeof interpolationLineSchema>;

export const trainRequestSchema = ticketSchema.extend({
  optimizer: registeredOptimizer,
  hyperParams: z.record(z.string(), hyperValueSchema),
  steps: z.int().min(1).max(5000),
  every: z.int().min(1).max(1000),
  traceProbes: traceProbesSchema,
  lanczosTol: z.number().positive(),
  seed: z.int(),
  /** Also lambda_max of the Gauss-Newton matrix at each point, beside the Hessian's. */
  ggn: z.boolean().optional(),
});
export type TrainCurvatureRequest = z.infer<typeof trainRequestSchema>;

export const curvaturePointSchema = z.object({
  step: count,
  loss: measured,
  gradNorm: measured,
  lambdaMax: measured,
  lambdaMin: measured,
  residualMax: measured,
  residualMin: measured,
  converged: z.boolean(),
  trace: measured,
  traceStdError: measured,
  traceProbes: count,
  traceExact: measured.nullable(),
  lanczosHvps: count,
  warmStarted: z.boolean(),
  coldLanczosHvps: count.nullable(),
  hvps: count,
  ggnLambdaMax: measured.optional(),
  ggnvps: count.optional(),
}) satisfies z.ZodType<CurvaturePoint>;

/** What streams in while the training run goes: new curvature points and the latest step. */
export const trainProgressSchema = z.object({
  points: z.array(curvaturePointSchema),
  /** The sharpness the optimizer's fixed step is stable up to (2/eta for GD), or null. */
  edgeOfStability: measured.nullable(),
  step: count,
  /** NaN before the first step's record. */
  loss: measured,
  /** A lost WebGPU device training continued past on the fallback backend, in words. */
  note: z.string().optional(),
});
export type TrainProgress = z.infer<typeof trainProgressSchema>;

const warmStartSchema = z.object({ warmHvps: count, coldHvps: count.nullable(), points: count }) satisfies z.ZodType<WarmStartSummary>;

export const trainCurvatureSummarySchema = z.object({
  optimizer: z.string(),
  hyperParams: z.record(z.string(), z.union([measured, z.string(), z.boolean()])),
  edgeOfStability: measured.nullable(),
  warmStart: warmStartSchema,
  curvatureHvps: count,
  /** Every step's loss, for the loss curve beside the curvature. */
  losses: measuredList,
  reason: z.string(),
  dim: z.int().min(1),
  /** The trained network on the problem's held-out rows, where it has them. */
  testLoss: measured.nullable().optional(),
  testAccuracy: measured.nullable().optional(),
  /** How many held-out rows those are, and the share of training rows classified right (null for regression). */
  testRows: count.optional(),
  trainAccuracy: measured.nullable().optional(),
  /** Each lost WebGPU device training continued past, in words (step and backend named). */
  notes: z.array(z.string()).optional(),
});
export type TrainCurvatureSummary = z.infer<typeof trainCurvatureSummarySchema>;

export const densityRequestSchema = networkTicket.extend({
  at: pointRefSchema,
  probes: z.int().min(1).max(200),
  /** Lanczos steps per probe (Ghorbani et al. 2019 use 90); 500 is well past where the density stops changing. */
  steps: z.int().min(2).max(500),
  runs: z.int().min(1).max(20),
  seed: z.int(),
  /** Also the Gauss-Newton matrix's density, with the same probes and steps, to overlay on H's. */
  ggn: z.boolean().optional(),
}).refine((r) => r.runs * r.probes * r.steps <= LIMITS.densityProducts, {
  message: `runs x probes x steps is more than ${LIMITS.densityProducts} products (the input budget's densityProducts, src/core/limits.ts)`,
  path: ['probes'],
});
export type DensityRequest = z.infer<typeof densityRequestSchema>;

const averagedDensitySchema = z.object({
  grid: measuredList,
  density: measuredList,
  logDensity: measuredList,
  logFloor: measured,
  spread: z.object({ std: measuredList, min: measuredList, max: measuredList }),
  perRun: z.array(measuredList),
  width: measured,
  runs: count,
  probes: count,
  steps: count,
  moments: z.object({ mean: measured, meanStdError: measured, second: measured, secondStdError: measured }),
  products: count,
}) satisfies z.ZodType<AveragedDensity>;

/** One density value per grid point in every curve the plot draws. */
function densityShaped(d: z.infer<typeof averagedDensitySchema>): boolean {
  const n = d.grid.length;
  const curves = [d.density, d.logDensity, d.spread.std, d.spread.min, d.spread.max, ...d.perRun];
  return curves.every((c) => c.length === n);
}

export const networkDensitySchema = averagedDensitySchema
  .extend({
    /** The exact spectrum (ascending) where P is small enough to form the Hessian, else null. */
    exact: measuredList.nullable(),
    /** G's density where asked for and the loss has a Gauss-Newton product, else null. */
    ggn: averagedDensitySchema.refine(densityShaped, { error: 'a curve does not match the grid' }).nullable().optional(),
    /** A lost WebGPU device the density was computed again past, in words. */
    note: z.string().optional(),
  })
  .refine(densityShaped, { error: 'a curve does not match the grid', path: ['density'] });
export type NetworkDensity = z.infer<typeof networkDensitySchema>;

export const miniBatchRequestSchema = networkTicket.extend({
  at: pointRefSchema,
  batchSize: z.int().min(1).max(LIMITS.rows),
  batches: z.int().min(1).max(200),
  seed: z.int(),
});
export type MiniBatchRequest = z.infer<typeof miniBatchRequestSchema>;

export const miniBatchSharpnessSchema = z.object({
  label: z.literal('mini-batch'),
  batchSize: z.int().min(1),
  rows: z.int().min(1),
  values: measuredList,
  batchRows: z.array(z.array(count)),
  mean: measured,
  std: measured,
  min: measured,
  max: measured,
  fullBatch: measured,
  converged: z.boolean(),
  hvps: count,
}) satisfies z.ZodType<MiniBatchSharpness>;

export const hessianRequestSchema = networkTicket.extend({
  at: pointRefSchema,
  traceProbes: traceProbesSchema,
  seed: z.int(),
});
export type HessianRequest = z.infer<typeof hessianRequestSchema>;

const layerBlockSchema = z.object({
  layer: z.int().min(1),
  label: z.string(),
  offset: count,
  size: count,
  weights: count,
  biases: count,
}) satisfies z.ZodType<LayerBlock>;

const layerCurvatureSchema = z.object({
  block: layerBlockSchema,
  lambdaMax: measured,
  residual: measured,
  converged: z.boolean(),
  trace: z.object({
    method: z.enum(['hutchinson', 'exact']),
    value: measured,
    stdError: measured,
    probes: count,
    history: z.array(z.object({ probes: count, mean: measured, stdError: measured })),
    exact: measured.nullable(),
    products: count,
  }),
  hvps: count,
}) satisfies z.ZodType<LayerCurvature>;

export const hessianReportSchema = z
  .object({
    /** Row-major P x P, symmetrised; null when P exceeds DENSE_HEATMAP_MAX_PARAMS. */
    matrix: measuredList.nullable(),
    dim: z.int().min(1),
    blocks: z.array(layerBlockSchema),
    boundaries: z.array(count),
    layers: z.array(layerCurvatureSchema),
    hvps: count,
  })
  .refine((h) => h.matrix === null || h.matrix.length === h.dim * h.dim, { error: 'matrix is not dim x dim', path: ['matrix'] });
export type HessianReport = z.infer<typeof hessianReportSchema>;
