/** Turns a chosen problem into objectives and a drawing plane, inside the worker. */
import { functionObjective } from '../core/functions/objective';
import { getTestFunction } from '../core/functions/registry';
import type { TestFunction2D } from '../core/functions/types';
import type { Objective } from '../core/objective';
import { parseProblemText } from '../core/problem/parse';
import type { Problem } from '../core/problem/problem';
import { buildProblem, initParams, parseCsvDataset } from '../engine/datasets';
import { getDirectionMethod, type PlaneDirections } from '../core/landscape/directions';
import { planePoint, projectOntoPlane } from '../core/landscape/plane';
import { createNetworkObjective } from '../engine/mlp-objective';
import { PLANE_SEED, problemKey, type DatasetProblemSpec, type NetworkArchitecture, type ProblemSpec } from '../state/problem-spec';
import type { CustomProblemData, ProblemInfo } from './api';

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
  network?: { problem: Problem; plane: PlaneDirections };
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

/** The explorer draws a network on the Network mode's random filter-normalised plane through its initial parameters. */
async function networkProblem(problem: Problem, key: string, label: string): Promise<LoadedProblem> {
  const plane = await getDirectionMethod('random').compute({ point: problem.params, layers: problem.layers, seed: PLANE_SEED });
  const { origin, d1, d2 } = plane;
  const shown = problem.X.slice(0, 600);
  const data = { X: shown, y: shown.map((_, i) => { const y = problem.y[i]; return Array.isArray(y) ? y[0] : y; }) };
  return {
    info: {
      key,
      label,
      dim: problem.params.length,
      network: true,
      start: [0, 0],
      domain: { x: [-1, 1], y: [-1, 1] },
      logScale: true,
      data,
      plane: plane.info,
    },
    objective: () => createNetworkObjective(problem),
    toFull: (at) => planePoint(origin, d1, d2, at[0], at[1]),
    place: (x) => {
      const [{ alpha, beta, distance }] = projectOntoPlane(origin, d1, d2, [x]);
      return { at: [alpha, beta], planeDistance: distance };
    },
    network: { problem, plane },
  };
}

function csvProblem(name: string, text: string, arch: NetworkArchitecture): Problem {
  const task = arch.loss === 'mse' ? 'regression' : 'classification';
  const data = parseCsvDataset(text, task);
  const outputs =
    arch.loss === 'mse' ? 1 : arch.loss === 'binary_cross_entropy' ? 1 : Math.max(...(data.y as number[])) + 1;
  const layers = [data.X[0].length, ...arch.hidden, outputs];
  return {
    name,
    layers,
    activation: arch.activation,
    loss: arch.loss,
    weightDecay: arch.weightDecay,
    X: data.X,
    y: data.y,
    params: initParams(layers, arch.activation, arch.initSeed),
  };
}

/** Output width: one logit for binary cross-entropy and regression, one per class otherwise. */
function outputWidth(spec: DatasetProblemSpec): number {
  if (spec.loss !== 'softmax_cross_entropy') return 1;
  return spec.dataset === 'spiral' || spec.dataset === 'gaussians' ? 3 : 2;
}

/** Builds the problem; throws with a message that names the bad line or field. */
export async function loadProblem(spec: ProblemSpec, custom?: CustomProblemData): Promise<LoadedProblem> {
  if (spec.kind === 'function') return functionProblem(getTestFunction(spec.name));
  if (spec.kind === 'dataset') {
    const problem = buildProblem({
      dataset: spec.dataset,
      n: spec.n,
      noise: spec.noise,
      seed: spec.seed,
      layers: [spec.dataset === 'sine' ? 1 : 2, ...spec.hidden, outputWidth(spec)],
      activation: spec.activation,
      loss: spec.loss,
      weightDecay: spec.weightDecay,
      initSeed: spec.initSeed,
    });
    return networkProblem(problem, problemKey(spec), `${spec.dataset} network (${problem.params.length} params)`);
  }
  if (!custom) throw new Error(`${spec.name}: the uploaded data is no longer loaded; load the file again`);
  const problem =
    custom.source === 'problem-file'
      ? parseProblemText(custom.text)
      : csvProblem(custom.name, custom.text, custom.architecture ?? defaultArchitecture());
  return networkProblem(problem, problemKey(spec), `${custom.name} (${problem.params.length} params)`);
}

function defaultArchitecture(): NetworkArchitecture {
  return { hidden: [8], activation: 'tanh', loss: 'softmax_cross_entropy', weightDecay: 1e-4, initSeed: 7 };
}
