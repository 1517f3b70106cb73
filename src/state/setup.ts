/** The whole setup a person chose: what the URL carries and what a run is built from. */
import type { HyperParams } from '../core/optim/types';
import type { BackendRequest, ProblemSpec } from './problem-spec';

/** What the charts' x axis counts: iterations, gradient evaluations + HVPs, or wall time. */
export type ChartXAxis = 'iteration' | 'cost' | 'time';

export interface DemoPosition {
  id: string;
  step: number;
}

export interface Setup {
  problem: ProblemSpec;
  /** Ticked optimizers, by registry name, in the order they are shown. */
  optimizers: string[];
  /** Per optimizer, only the values that differ from its schema defaults. */
  hyperParams: Record<string, HyperParams>;
  /** Start point of a 2-D function; null means the function's default start. */
  start: [number, number] | null;
  steps: number;
  backend: BackendRequest;
  logScale: boolean;
  xAxis: ChartXAxis;
  demo: DemoPosition | null;
}

export const DEFAULT_OPTIMIZERS: readonly string[] = ['sgd', 'newton', 'lbfgs', 'hessian-free'];

export function defaultSetup(): Setup {
  return {
    problem: { kind: 'function', name: 'rosenbrock' },
    optimizers: [...DEFAULT_OPTIMIZERS],
    hyperParams: {},
    start: null,
    steps: 500,
    backend: 'auto',
    logScale: true,
    xAxis: 'iteration',
    demo: null,
  };
}
