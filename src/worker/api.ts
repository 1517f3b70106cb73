/** The compute worker's interface: everything the page asks of it, in plain structured-clone data. */
import type { DirectionInfo } from '../core/landscape/directions';
import type { HyperParams, RunResult, StepRecord } from '../core/optim/types';
import type { BackendRequest, NetworkArchitecture, ProblemSpec } from '../state/problem-spec';
import type { SurfaceGrid } from '../ui/views/types';
import type { NetworkApi } from './network-api';

export interface BackendInfo {
  backend: string;
  requested: BackendRequest;
  /** Why this backend: auto's reasoning, or why a request fell back. */
  reason: string;
  /** Set when the requested backend could not be used (or its device was lost). */
  fallback?: string;
  /** auto's measurements, one row per candidate. */
  probes?: ProbeRow[];
}

/** One backend's probe: median and samples of the timed gradients, or why it was not timed. */
export interface ProbeRow {
  backend: string;
  median: number | null;
  samples: number[];
  note?: string;
}

/** Uploaded data travels as text; the worker parses it so parsing never blocks the page. */
export interface CustomProblemData {
  source: 'csv' | 'problem-file';
  name: string;
  text: string;
  /** Architecture for CSV data (a problem file carries its own). */
  architecture?: NetworkArchitecture;
}

export interface ProblemInfo {
  key: string;
  label: string;
  /** Parameters of the objective (2 for test functions). */
  dim: number;
  network: boolean;
  /** Plane coordinates of the default start. */
  start: [number, number];
  /** Window the surface is drawn over, in plane coordinates. */
  domain: { x: [number, number]; y: [number, number] };
  /** Suggested log scale for the surface. */
  logScale: boolean;
  /** Data points for the small preview plot of network problems. */
  data?: { X: number[][]; y: number[] };
  /** Known minima / critical points for 2-D functions. */
  minima?: [number, number][];
  formula?: string;
  /** Networks: how the drawing plane was chosen (method, citation, seed). */
  plane?: DirectionInfo;
}

export type ProblemLoad = { ok: true; info: ProblemInfo } | { ok: false; error: string };

export interface RunRequest {
  optimizers: { name: string; hyperParams: HyperParams }[];
  /** Start in plane coordinates (2-D functions: the point itself). */
  start: [number, number];
  steps: number;
  gtol: number;
  /** Start paused with one turn per optimizer granted: a single step from a standing start. */
  paused?: boolean;
}

/** A step record as streamed: for networks, with the iterate's distance from the drawing plane. */
export type StreamedRecord = StepRecord & { planeDistance?: number };

export interface RecordBatch {
  /** Index into the request's optimizers. */
  index: number;
  records: StreamedRecord[];
}

/** Page-side callbacks; over comlink each call returns a promise the worker may await. */
export interface RunEvents {
  onBatch(batches: RecordBatch[]): void | Promise<void>;
  onDone(index: number, result: RunResult): void | Promise<void>;
  onError(index: number, message: string): void | Promise<void>;
}

export interface CurvatureRequest {
  runIndex: number;
  iteration: number;
}

export interface Curvature {
  top: number;
  bottom: number;
  /** |lambda_max| / |lambda_min| over the computed extremes; Infinity where one is 0. */
  condition: number;
  /** Eigenvalues below -tol among those computed (exact for 2-D). */
  negativeCount: number;
  /** True when only the extremes were computed, so `negativeCount` is a lower bound. */
  negativeAtLeast?: boolean;
  kind: 'minimum' | 'saddle' | 'maximum' | 'flat';
  method: string;
  products: number;
  /** For 2-D points: both eigenpairs, for the contour arrows. */
  pairs?: { value: number; vector: [number, number] }[];
}

/** Loss along the lowest-curvature direction: the escape a negative eigenvalue offers. */
export interface EscapeLine {
  lambda: number;
  steps: number[];
  losses: number[];
}

export interface ComputeApi extends NetworkApi {
  /** Starts a backend; `onLost` hears of a later WebGPU device loss and the backend now in use. */
  init(request: BackendRequest, onLost?: (info: BackendInfo) => void): Promise<BackendInfo>;
  setProblem(spec: ProblemSpec, custom?: CustomProblemData): Promise<ProblemLoad>;
  /** The loss on a grid over `domain` (plane coordinates; the problem's own window when absent). */
  surface(resolution: number, onProgress: (fraction: number) => void, domain?: ProblemInfo['domain']): Promise<SurfaceGrid>;
  run(request: RunRequest, events: RunEvents): Promise<void>;
  pause(): void;
  resume(): void;
  stepOnce(): void;
  cancel(): void;
  curvature(request: CurvatureRequest): Promise<Curvature>;
  /** Curvature at plane coordinates (a 2-D function's point itself): exact for 2-D, Lanczos for networks. */
  curvatureAt(point: [number, number]): Promise<Curvature>;
  /** Exact curvature at any point of a 2-D function (the contour view's hover); null for networks. */
  pointCurvature(point: [number, number]): Promise<Curvature | null>;
  escapeLine(request: CurvatureRequest, maxStep: number, count: number): Promise<EscapeLine>;
}
