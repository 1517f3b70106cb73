/** The Network mode's requests to the compute worker: landscapes and curvature of a network problem, as plain data. */
import type { AveragedDensity } from '../core/analysis/density';
import type { CurvaturePoint, WarmStartSummary } from '../core/analysis/curvature-tracker';
import type { MiniBatchSharpness } from '../core/analysis/minibatch';
import type { LayerBlock, LayerCurvature } from '../core/analysis/per-layer';
import type { DirectionMethodName } from '../core/landscape/directions';
import type { SurfaceResult } from '../core/landscape/grid';
import type { PlaneCoordinates } from '../core/landscape/plane';
import type { HyperParams } from '../core/optim/types';

/**
 * A point in parameter space the page can name: the network's initial parameters, the end of the
 * Network mode's training run, or the last iterate of one of the explorer's runs.
 */
export type PointRef = { kind: 'init' } | { kind: 'trained' } | { kind: 'run'; index: number };

/** A whole trajectory the page can name: the Network mode's training run or one explorer run. */
export type RunRef = { kind: 'trained' } | { kind: 'run'; index: number };

export interface NetworkSurfaceRequest {
  method: DirectionMethodName;
  /** Points per side, 2..MAX_GRID. */
  grid: number;
  /** The grid covers [-span, span]^2 in plane coordinates. */
  span: number;
  seed: number;
  /** random and eigen: where the plane passes through. */
  at: PointRef;
  /** pca: whose iterates span the plane. */
  run: RunRef;
}

export interface ProjectedRun {
  run: RunRef;
  /** Plane coordinates and distance from the plane of each iterate. */
  points: PlaneCoordinates[];
}

export interface NetworkSurface extends SurfaceResult {
  span: number;
  /** Every trajectory the worker holds, projected onto this plane. */
  projected: ProjectedRun[];
}

export interface InterpolationRequest {
  from: PointRef;
  to: PointRef;
  /** Samples along the line. */
  points: number;
  /** t runs over [-extend, 1 + extend]. */
  extend: number;
}

export interface InterpolationLine {
  t: number[];
  loss: number[];
  /** ||to - from||. */
  distance: number;
}

export interface TrainCurvatureRequest {
  optimizer: string;
  hyperParams: HyperParams;
  steps: number;
  every: number;
  traceProbes: number;
  lanczosTol: number;
  seed: number;
}

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

export interface DensityRequest {
  at: PointRef;
  probes: number;
  steps: number;
  runs: number;
  seed: number;
}

export interface NetworkDensity extends AveragedDensity {
  /** The exact spectrum (ascending) where P is small enough to form the Hessian, else null. */
  exact: number[] | null;
}

export interface MiniBatchRequest {
  at: PointRef;
  batchSize: number;
  batches: number;
  seed: number;
}

export interface HessianRequest {
  at: PointRef;
  traceProbes: number;
  seed: number;
}

export interface HessianReport {
  /** Row-major P x P, symmetrised; null when P exceeds DENSE_HEATMAP_MAX_PARAMS. */
  matrix: number[] | null;
  dim: number;
  blocks: LayerBlock[];
  boundaries: number[];
  layers: LayerCurvature[];
  hvps: number;
}

export interface NetworkApi {
  networkSurface(req: NetworkSurfaceRequest, onProgress: (fraction: number) => void): Promise<NetworkSurface>;
  networkInterpolate(req: InterpolationRequest): Promise<InterpolationLine>;
  trainCurvature(req: TrainCurvatureRequest, onProgress: (p: TrainProgress) => void): Promise<TrainCurvatureSummary>;
  spectralDensity(req: DensityRequest): Promise<NetworkDensity>;
  miniBatchSharpness(req: MiniBatchRequest): Promise<MiniBatchSharpness>;
  hessianBlocks(req: HessianRequest): Promise<HessianReport>;
  /** Stops the Network mode's surface or training run between batches or steps. */
  networkCancel(): void;
}
