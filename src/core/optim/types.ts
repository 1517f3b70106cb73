import type { Objective } from '../objective';

/** One schema per optimizer feeds the UI controls, the URL and the CLI's --set. */
export interface ParamSpec {
  key: string;
  label: string;
  type: 'number' | 'integer' | 'choice' | 'boolean';
  default: number | string | boolean;
  min?: number;
  max?: number;
  choices?: string[];
  /** Shown on a log slider. */
  log?: boolean;
  help: string;
}

export type HyperParams = Record<string, number | string | boolean>;

export interface StepRecord {
  iteration: number;
  /** The iterate, or its projection onto the view plane for networks. */
  point: number[];
  loss: number;
  gradNorm: number;
  stepSize: number;
  /** Cumulative objective calls (scipy's nfev / njev / nhev). */
  nfev: number;
  ngev: number;
  nhvp: number;
  /** Cumulative wall time in ms. */
  timeMs: number;
}

export type StopReason =
  | 'gtol met'
  | 'max iterations'
  | 'line search failed'
  | 'non-finite value'
  | 'diverged'
  | 'cancelled';

export interface StepResult<S> {
  state: S;
  x: Float64Array;
  loss: number;
  grad: Float64Array;
  stepSize: number;
  /** Set when the optimizer itself must stop (e.g. line search failed). */
  stop?: StopReason;
}

export interface Optimizer<S = unknown> {
  /** CLI / URL / test-id name, e.g. `lbfgs`. */
  name: string;
  label: string;
  /** One line: the source the algorithm follows. */
  citation: string;
  params: ParamSpec[];
  /** Whether it spends Hessian-vector products. */
  secondOrder: boolean;
  init(x0: Float64Array, objective: Objective, hp: HyperParams): Promise<StepResult<S>>;
  step(prev: StepResult<S>, objective: Objective, hp: HyperParams): Promise<StepResult<S>>;
}

export interface RunOptions {
  maxIter: number;
  gtol: number;
  hp?: HyperParams;
  /** Maps an iterate to the record's `point` (projection for networks); default: the full point. */
  project?: (x: Float64Array) => number[];
  onRecord?: (r: StepRecord) => void;
  shouldStop?: () => boolean;
}

export interface RunResult {
  optimizer: string;
  hyperParams: HyperParams;
  success: boolean;
  reason: StopReason;
  nit: number;
  nfev: number;
  ngev: number;
  nhvp: number;
  x: number[];
  f: number;
  gradNorm: number;
  records: StepRecord[];
}
