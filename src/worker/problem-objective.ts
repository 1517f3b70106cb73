/**
 * Turns a chosen problem into objectives and a drawing plane, inside the worker. A 2-D function
 * needs only core math; networks (and with them TF.js) are loaded on first use, so the 2-D
 * Explorer starts without a tensor backend.
 */
import { functionObjective } from '../core/functions/objective';
import { getTestFunction } from '../core/functions/registry';
import type { TestFunction2D } from '../core/functions/types';
import type { Objective } from '../core/objective';
import type { PlaneDirections } from '../core/landscape/directions';
import type { Problem } from '../core/problem/problem';
import type { ProblemSpec } from '../state/problem-spec';
import type { IdxUpload } from '../protocol/model-problem';
import type { CustomProblemData, ProblemInfo } from '../protocol/problem';

export type DisposableObjective = Objective & { dispose?: () => void };

export interface LoadedProblem {
  info: ProblemInfo;
  /** A fresh objective with its own counters; dispose it when done (network objectives hold tensors). */
  objective(): DisposableObjective;
  /** Full parameter vector at plane coordinates. */
  toFull(at: [number, number]): Float64Array;
  /** Plane coordinates of an iterate and, for networks, its distance from the plane (which the coordinates hide). */
  place(x: Float64Array): Placement;
  fn?: TestFunction2D;
  /** `test`: a model problem's held-out rows, for test loss and accuracy beside training. */
  network?: { problem: Problem; plane: PlaneDirections; test?: Problem };
}

export interface Placement {
  at: number[];
  planeDistance?: number;
}

function functionProblem(fn: TestFunction2D): LoadedProblem {
  return {
    info: {
      key: `fn:${fn.name}`,
      label: fn.label,
      dim: 2,
      network: false,
      start: fn.defaultStart,
      domain: fn.domain,
      logScale: fn.logScale,
      minima: fn.minima,
      formula: fn.formula,
    },
    objective: () => functionObjective(fn),
    toFull: (at) => Float64Array.from(at),
    place: (x) => ({ at: [x[0], x[1]] }),
    fn,
  };
}


/** Builds the problem; throws with a message that names the bad line or field. */
export async function loadProblem(spec: ProblemSpec, custom?: CustomProblemData, idx?: IdxUpload): Promise<LoadedProblem> {
  if (spec.kind === 'function') return functionProblem(getTestFunction(spec.name));
  const { loadNetworkProblem } = await import('./network-problem');
  return loadNetworkProblem(spec, custom, idx);
}
