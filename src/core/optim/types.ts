import type { Objective } from '../objective';
import type { Capability } from './capabilities';

/** One schema per optimizer feeds the UI controls, the URL and the CLI's --set. */
export interface ParamSpec {
  key: string;
  label: string;
  type: 'number' | 'integer' | 'choice' | 'boolean';
  default: number | string | boolean;
  /**
   * The default on networks where it differs from the 2-D functions' (issue 9): a step size that
   * Rosenbrock's start forces (lambda_max ~ 1506) barely moves a network whose lambda_max is ~1.
   */
  networkDefault?: number | string | boolean;
  min?: number;
  max?: number;
  choices?: string[];
  /** Shown on a log slider. */
  log?: boolean;
  help: string;
}

export type HyperParams = Record<string, number | string | boolean>;

/** A rule between hyper-parameters (e.g. Wolfe's c1 < c2): the message when broken, else undefined. */
export interface ParamConstraint {
  keys: string[];
  check(hp: HyperParams): string | undefined;
}

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
  /** Cumulative Gauss-Newton products and K-FAC factor passes, where the objective offers them. */
  nggnvp?: number;
  nkfac?: number;
  /** Cumulative wall time in ms. */
  timeMs: number;
}

/**
 * Why a run stopped. The abnormal ends carry the iteration they happened at, in words, so the
 * table, the export and the CLI print the same sentence.
 */
export type StopReason =
  | 'gtol met'
  | 'max iterations'
  | 'line search failed'
  | 'cancelled'
  | `diverged at step ${number}`
  | `unbounded below at iteration ${number}`
  | `gradient overflow at iteration ${number}`;

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
  /** Rules between hyper-parameters, checked after each is in its own range. */
  constraints?: ParamConstraint[];
  /** Whether it spends Hessian-vector products. */
  secondOrder: boolean;
  /** What the objective must offer (K-FAC: kfacFactors); the registry leaves it out where that is missing. */
  needs?: readonly Capability[];
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
  nggnvp?: number;
  nkfac?: number;
  x: number[];
  f: number;
  gradNorm: number;
  records: StepRecord[];
}
