/** The compute worker's interface: every request the page may send, each validated on arrival against its schema. */
import type { MiniBatchSharpness } from '../core/analysis/minibatch';
import type { BackendInfo, BackendInitRequest } from './backend';
import type { Curvature, CurvatureRequest, EscapeLine, EscapeRequest, PointCurvatureRequest } from './curvature';
import type {
  DensityRequest,
  HessianReport,
  HessianRequest,
  InterpolationLine,
  InterpolationRequest,
  MiniBatchRequest,
  NetworkDensity,
  NetworkSurface,
  NetworkSurfaceRequest,
  TrainCurvatureRequest,
  TrainCurvatureSummary,
  TrainProgress,
} from './network';
import type { ProblemLoad, ProblemRequest, UploadCheck, UploadCheckRequest } from './problem';
import type { RunEvents, RunRequest } from './run';
import type { SurfaceGrid, SurfaceRequest } from './surface';
import type { CurvatureMatrixApi } from './curvature-matrix';
import type { DecisionApi } from './decision';

export interface ComputeApi extends DecisionApi, CurvatureMatrixApi, NetworkApi {
  /** Starts a backend; `onLost` hears of a later WebGPU device loss and the backend now in use. */
  init(request: BackendInitRequest, onLost?: (info: BackendInfo) => void): Promise<BackendInfo>;
  setProblem(request: ProblemRequest): Promise<ProblemLoad>;
  /** Parses uploaded data without loading it (no tensor backend needed): a bad file's message, at once. */
  checkUpload(request: UploadCheckRequest): Promise<UploadCheck>;
  surface(request: SurfaceRequest, onProgress: (fraction: number) => void): Promise<SurfaceGrid>;
  run(request: RunRequest, events: RunEvents): Promise<void>;
  pause(): void;
  resume(): void;
  stepOnce(): void;
  cancel(): void;
  /** Stops and forgets the explorer's runs (the page's reset); nothing can read their iterates afterwards. */
  dropRuns(): void;
  curvature(request: CurvatureRequest): Promise<Curvature>;
  /** Curvature at plane coordinates (a 2-D function's point itself): exact for 2-D, Lanczos for networks. */
  curvatureAt(request: PointCurvatureRequest): Promise<Curvature>;
  /** Exact curvature at any point of a 2-D function (the contour view's hover); null for networks. */
  pointCurvature(request: PointCurvatureRequest): Promise<Curvature | null>;
  escapeLine(request: EscapeRequest): Promise<EscapeLine>;
}

/** Network mode's requests, served by the worker's network-analysis module. */
export interface NetworkApi {
  networkSurface(req: NetworkSurfaceRequest, onProgress: (fraction: number) => void): Promise<NetworkSurface>;
  networkInterpolate(req: InterpolationRequest): Promise<InterpolationLine>;
  trainCurvature(req: TrainCurvatureRequest, onProgress: (p: TrainProgress) => void): Promise<TrainCurvatureSummary>;
  spectralDensity(req: DensityRequest): Promise<NetworkDensity>;
  miniBatchSharpness(req: MiniBatchRequest): Promise<MiniBatchSharpness>;
  hessianBlocks(req: HessianRequest): Promise<HessianReport>;
  /** Stops the Network mode's surface or training run at its next slice. */
  networkCancel(): void;
}
