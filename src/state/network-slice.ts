/** The Network mode: what the person chose for each view and what the worker sent back. */
import type { StateCreator } from 'zustand';
import type { CurvaturePoint } from '../core/analysis/curvature-tracker';
import { getOptimizer } from '../core/optim/registry';
import type { DirectionMethodName } from '../core/landscape/directions';
import type {
  HessianReport,
  MiniBatchSharpness,
  InterpolationLine,
  NetworkDensity,
  NetworkSurface,
  PointRef,
  RunRef,
  TrainCurvatureSummary,
  TrainProgress,
} from '../protocol/network';
import type { CurvatureMatrixReport } from '../protocol/curvature-matrix';
import {
  densityRequestSchema,
  miniBatchRequestSchema,
  networkSurfaceRequestSchema,
  trainRequestSchema,
} from '../protocol/network';
import { schemaBounds as requestBounds } from '../protocol/numbers';
import type { DatasetName } from './problem-spec';
import type { AppState } from './store';

export type AppMode = 'explorer' | 'network';
export type NetworkView = 'surface' | 'interpolation' | 'training' | 'density' | 'minibatch' | 'hessian' | 'curvatureMatrix';

export interface NetworkSettings {
  method: DirectionMethodName;
  grid: number;
  span: number;
  directionSeed: number;
  /** Where the random and eigen planes pass through, and where density, mini-batch and Hessian are taken. */
  at: PointRef;
  /** Whose iterates the PCA plane holds. */
  pcaRun: RunRef;
  optimizer: string;
  lr: number;
  steps: number;
  every: number;
  traceProbes: number;
  densityProbes: number;
  densitySteps: number;
  densityRuns: number;
  batchSize: number;
  batches: number;
  interpFrom: PointRef;
  interpTo: PointRef;
  /** The curvature chart also measures lambda_max of the Gauss-Newton matrix (where the loss has one). */
  ggn: boolean;
  /** The density plot overlays G's density on H's. */
  densityGgn: boolean;
}

export interface TrainingState {
  /** Id of the training request; the worker holds the trained iterates under it. */
  id: string | null;
  status: 'idle' | 'running' | 'done' | 'cancelled';
  points: CurvaturePoint[];
  /** Latest step and its loss while running. */
  step: number;
  loss: number;
  /** 2/eta for gradient descent (Cohen et al. 2021), null where the optimizer has no such line. */
  edgeOfStability: number | null;
  summary: TrainCurvatureSummary | null;
  /** Each lost WebGPU device training continued past, in the worker's words (step and backend named). */
  notes: string[];
}

export interface NetworkSlice {
  mode: AppMode;
  network: NetworkSettings;
  /** Problem key the results below belong to. */
  networkKey: string | null;
  netSurface: NetworkSurface | null;
  netSurfaceProgress: number | null;
  training: TrainingState;
  interpolation: InterpolationLine | null;
  density: NetworkDensity | null;
  miniBatch: MiniBatchSharpness | null;
  hessian: HessianReport | null;
  /** H beside G at one point (the curvature-matrix view). */
  curvatureMatrix: CurvatureMatrixReport | null;
  netBusy: Partial<Record<NetworkView, boolean>>;
  netErrors: Partial<Record<NetworkView, string>>;
  setMode(mode: AppMode): void;
  setNetwork(patch: Partial<NetworkSettings>): void;
  resetNetworkResults(key: string | null): void;
  setNetBusy(view: NetworkView, busy: boolean, error?: string): void;
  setNetSurface(s: NetworkSurface | null): void;
  setNetSurfaceProgress(p: number | null): void;
  startTraining(id: string): void;
  appendTraining(progress: TrainProgress): void;
  finishTraining(summary: TrainCurvatureSummary | null, cancelled: boolean): void;
  setInterpolation(l: InterpolationLine | null): void;
  setDensity(d: NetworkDensity | null): void;
  setMiniBatch(m: MiniBatchSharpness | null): void;
  setHessian(h: HessianReport | null): void;
  setCurvatureMatrix(c: CurvatureMatrixReport | null): void;
}

export interface NumberBounds {
  min: number;
  max: number;
  integer: boolean;
}

export type NumericSetting = { [K in keyof NetworkSettings]: NetworkSettings[K] extends number ? K : never }[keyof NetworkSettings];

/** A numeric hyper-parameter's range as its optimizer's schema states it (one schema per setting). */
function schemaBounds(optimizer: string, key: string): NumberBounds {
  const spec = getOptimizer(optimizer).params.find((p) => p.key === key);
  if (!spec || spec.min === undefined || spec.max === undefined) throw new Error(`${optimizer}.${key} has no bounded schema`);
  return { min: spec.min, max: spec.max, integer: spec.type === 'integer' };
}

/**
 * The range of each numeric setting, read from the field of the worker request that carries it:
 * the number fields, the URL's validation and the worker's inbox check one range.
 */
export const NETWORK_BOUNDS: Record<NumericSetting, NumberBounds> = {
  grid: requestBounds(networkSurfaceRequestSchema.shape.grid),
  span: requestBounds(networkSurfaceRequestSchema.shape.span),
  directionSeed: requestBounds(networkSurfaceRequestSchema.shape.seed),
  /** The step size is sgd's learning rate: its schema's range, for every optimizer the mode trains. */
  lr: schemaBounds('sgd', 'lr'),
  steps: requestBounds(trainRequestSchema.shape.steps),
  every: requestBounds(trainRequestSchema.shape.every),
  /** The same setting feeds the Hessian view's per-layer traces (hessianRequestSchema, the same range). */
  traceProbes: requestBounds(trainRequestSchema.shape.traceProbes),
  densityProbes: requestBounds(densityRequestSchema.shape.probes),
  densitySteps: requestBounds(densityRequestSchema.shape.steps),
  densityRuns: requestBounds(densityRequestSchema.shape.runs),
  batchSize: requestBounds(miniBatchRequestSchema.shape.batchSize),
  batches: requestBounds(miniBatchRequestSchema.shape.batches),
};

/**
 * Network mode's step size for each dataset's default network, below 2 / lambda_max of the Hessian
 * at its start so that gradient descent is stable there (Cohen et al. 2021, "Gradient Descent on
 * Neural Networks Typically Occurs at the Edge of Stability"); test/network-defaults.test.ts checks
 * it against the dense Hessian. The classification sets' lambda_max is below 1, so eta = 2 lets GD
 * sharpen toward 2/eta = 1 within 100 steps on the spiral; Sine's squared error has lambda_max ~3.9
 * at its start (2 / lambda_max ~ 0.52), where eta = 2 diverged at step 6.
 */
export const DEFAULT_NETWORK_LR: Record<DatasetName, number> = { spiral: 2, circles: 2, xor: 2, gaussians: 2, sine: 0.4 };

export const DEFAULT_NETWORK_SETTINGS: NetworkSettings = {
  method: 'random',
  grid: 31,
  span: 1,
  directionSeed: 0,
  at: { kind: 'init' },
  pcaRun: { kind: 'trained' },
  optimizer: 'sgd',
  /** The spiral's: on other datasets the problem controller sets DEFAULT_NETWORK_LR's when one is chosen. */
  lr: DEFAULT_NETWORK_LR.spiral,
  steps: 100,
  every: 10,
  traceProbes: 20,
  densityProbes: 8,
  densitySteps: 40,
  densityRuns: 3,
  batchSize: 16,
  batches: 12,
  interpFrom: { kind: 'init' },
  interpTo: { kind: 'trained' },
  ggn: false,
  densityGgn: false,
};

const IDLE_TRAINING: TrainingState = { id: null, status: 'idle', points: [], step: 0, loss: NaN, edgeOfStability: null, summary: null, notes: [] };

export const createNetworkSlice: StateCreator<AppState, [], [], NetworkSlice> = (set) => ({
  mode: 'explorer',
  network: DEFAULT_NETWORK_SETTINGS,
  networkKey: null,
  netSurface: null,
  netSurfaceProgress: null,
  training: IDLE_TRAINING,
  interpolation: null,
  density: null,
  miniBatch: null,
  hessian: null,
  curvatureMatrix: null,
  netBusy: {},
  netErrors: {},
  setMode: (mode) => set({ mode }),
  setNetwork: (patch) => set((s) => ({ network: { ...s.network, ...patch } })),
  resetNetworkResults: (networkKey) =>
    set({ networkKey, netSurface: null, netSurfaceProgress: null, training: IDLE_TRAINING, interpolation: null, density: null, miniBatch: null, hessian: null, curvatureMatrix: null, netBusy: {}, netErrors: {} }),
  setNetBusy: (view, busy, error) =>
    set((s) => {
      const netErrors = { ...s.netErrors };
      if (error) netErrors[view] = error;
      else if (busy) delete netErrors[view];
      return { netBusy: { ...s.netBusy, [view]: busy }, netErrors };
    }),
  setNetSurface: (netSurface) => set({ netSurface }),
  setNetSurfaceProgress: (netSurfaceProgress) => set({ netSurfaceProgress }),
  startTraining: (id) => set({ training: { ...IDLE_TRAINING, id, status: 'running' } }),
  appendTraining: ({ points, step, loss, edgeOfStability, note }) =>
    set((s) => ({
      training: {
        ...s.training,
        points: points.length ? s.training.points.concat(points) : s.training.points,
        step,
        loss,
        edgeOfStability,
        notes: note ? s.training.notes.concat(note) : s.training.notes,
      },
    })),
  finishTraining: (summary, cancelled) => set((s) => ({ training: { ...s.training, status: cancelled ? 'cancelled' : 'done', summary } })),
  setInterpolation: (interpolation) => set({ interpolation }),
  setDensity: (density) => set({ density }),
  setMiniBatch: (miniBatch) => set({ miniBatch }),
  setHessian: (hessian) => set({ hessian }),
  setCurvatureMatrix: (curvatureMatrix) => set({ curvatureMatrix }),
});
