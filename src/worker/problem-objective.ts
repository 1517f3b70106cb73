/** Turns a chosen problem into objectives and a drawing plane, inside the worker. */
import { functionObjective } from '../core/functions/objective';
import { getTestFunction } from '../core/functions/registry';
import type { TestFunction2D } from '../core/functions/types';
import type { Objective } from '../core/objective';
import { parseProblemText } from '../core/problem/parse';
import type { Problem } from '../core/problem/problem';
import { buildProblem, initParams, parseCsvDataset } from '../engine/datasets';
import { createNetworkObjective } from '../engine/mlp-objective';
import { PLANE_SEED, problemKey, type DatasetProblemSpec, type NetworkArchitecture, type ProblemSpec } from '../state/problem-spec';
import type { CustomProblemData, ProblemInfo } from './api';
import { distanceFromPlane, planePoint, projectOntoPlane, randomPlane, type Plane } from './plane';

export type DisposableObjective = Objective & { dispose?: () => void };

export interface LoadedProblem {
  info: ProblemInfo;
  /** A fresh objective with its own counters; dispose it when done (network objectives hold tensors). */
  objective(): DisposableObjective;
  /** Full parameter vector at plane coordinates. */
  toFull(at: [number, number]): Float64Array;
  project(x: Float64Array): number[];
  /** Networks: the iterate's distance from the drawing plane (its projection hides it). */
  offPlane?(x: Float64Array): number;
  fn?: TestFunction2D;
  network?: { problem: Problem; plane: Plane };
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
    project: (x) => [x[0], x[1]],
    fn,
  };
}

function networkProblem(problem: Problem, key: string, label: string): LoadedProblem {
  const plane = randomPlane(problem.params, problem.layers, PLANE_SEED);
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
    },
    objective: () => createNetworkObjective(problem),
    toFull: (at) => planePoint(plane, at[0], at[1]),
    project: (x) => projectOntoPlane(plane, x),
    offPlane: (x) => distanceFromPlane(plane, x),
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
export function loadProblem(spec: ProblemSpec, custom?: CustomProblemData): LoadedProblem {
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
