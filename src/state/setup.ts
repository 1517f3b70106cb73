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
  /**
   * Ticked optimizer entries, in the order they are shown: an optimizer's registry name for its
   * first entry, `name~k` for a variant (state/optimizer-entries.ts).
   */
  optimizers: string[];
  /** Per entry, only the values that differ from its optimizer's schema defaults. */
  hyperParams: Record<string, HyperParams>;
  /** Per entry, a label suffix the person gave (absent: derived from the differing hyper-parameters). */
  labels: Record<string, string>;
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
    labels: {},
    start: null,
    steps: 500,
    backend: 'auto',
    logScale: true,
    xAxis: 'iteration',
    demo: null,
  };
}
