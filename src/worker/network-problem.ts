/** Network problems in the worker: built-in datasets, CSV uploads and problem files, each checked before it is accepted. */
import { LIMITS } from '../core/limits';
import { getDirectionMethod, problemFilterGroups } from '../core/landscape/directions';
import { planePoint, projectOntoPlane } from '../core/landscape/plane';
import { parseProblemText } from '../core/problem/parse';
import type { Problem } from '../core/problem/problem';
import { buildProblem, csvProblem } from '../engine/datasets';
import { createProblemObjective } from '../engine/model-objective';
import type { IdxUpload } from '../protocol/model-problem';
import type { CustomProblemData } from '../protocol/problem';
import { PLANE_SEED, problemKey, type DatasetProblemSpec, type NetworkArchitecture, type ProblemSpec } from '../state/problem-spec';
import type { LoadedProblem } from './problem-objective';

/**
 * The explorer draws a network on the Network mode's random filter-normalised plane through its
 * initial parameters (a layer list's filters are its weights' last axis: a conv kernel's output channels).
 */
export async function networkProblem(problem: Problem, key: string, label: string): Promise<LoadedProblem> {
  const plane = await getDirectionMethod('random').compute({ point: problem.params, groups: problemFilterGroups(problem), seed: PLANE_SEED });
  const { origin, d1, d2 } = plane;
  // images and other wide inputs have no scatter preview; sending their rows would only cost a clone and a check
  const shown = (problem.X[0]?.length ?? 0) <= 2 ? problem.X.slice(0, 600) : null;
  const data = shown ? { X: shown, y: shown.map((_, i) => { const y = problem.y[i]; return Array.isArray(y) ? y[0] : y; }) } : undefined;
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
      rows: problem.X.length,
      plane: plane.info,
    },
    objective: () => createProblemObjective(problem),
    toFull: (at) => planePoint(origin, d1, d2, at[0], at[1]),
    place: (x) => {
      const [{ alpha, beta, distance }] = projectOntoPlane(origin, d1, d2, [x]);
      return { at: [alpha, beta], planeDistance: distance };
    },
    network: { problem, plane },
  };
}

/** Output width: one logit for binary cross-entropy and regression, one per class otherwise. */
function outputWidth(spec: DatasetProblemSpec): number {
  if (spec.loss !== 'softmax_cross_entropy') return 1;
  return spec.dataset === 'spiral' || spec.dataset === 'gaussians' ? 3 : 2;
}


/** Distinct class labels of a classification problem's targets. */
function classCount(problem: Problem): number {
  const seen = new Set<number>();
  for (const y of problem.y) seen.add(Array.isArray(y) ? y[0] : y);
  return seen.size;
}

/**
 * A problem is accepted only if it can be trained: data rows, at most the budget's parameters,
 * two or more classes for classification, and a finite loss at the initial parameters. Each
 * refusal is one message naming the field.
 */
export async function checkAccepted(problem: Problem): Promise<void> {
  if (problem.X.length === 0) throw new Error('X: no data rows');
  if (problem.X.length > LIMITS.rows) throw new Error(`X: ${problem.X.length} rows; at most ${LIMITS.rows} (LIMITS.rows)`);
  if (problem.params.length > LIMITS.params) throw new Error(`params: ${problem.params.length} parameters; at most ${LIMITS.params} (LIMITS.params)`);
  if (problem.loss !== 'mse') {
    const classes = classCount(problem);
    if (classes < 2) throw new Error(`y: ${classes} class found; classification needs at least 2`);
    if (classes > LIMITS.classes) throw new Error(`y: ${classes} classes; at most ${LIMITS.classes} (LIMITS.classes)`);
  }
  const f = createProblemObjective(problem);
  try {
    const loss = await f.value(Float64Array.from(problem.params));
    if (!Number.isFinite(loss)) throw new Error(`X, y: the loss at the initial parameters is ${loss}; the data hold values too large to train on`);
  } finally {
    f.dispose?.();
  }
}

/** The data seed of a built-in dataset's held-out draw: another stream of the same generator. */
export function heldOutSeed(seed: number): number {
  return (seed + 0x9e3779b9) >>> 0;
}

/** Builds a network problem; throws with a message that names the bad line or field. */
export async function loadNetworkProblem(spec: Exclude<ProblemSpec, { kind: 'function' }>, custom?: CustomProblemData, idx?: IdxUpload): Promise<LoadedProblem> {
  if (spec.kind === 'model') return (await import('./model-problem')).loadModelProblem(spec, idx);
  if (spec.kind === 'dataset') {
    const draw = (seed: number): Problem =>
      buildProblem({
        dataset: spec.dataset,
        n: spec.n,
        noise: spec.noise,
        seed,
        layers: [spec.dataset === 'sine' ? 1 : 2, ...spec.hidden, outputWidth(spec)],
        activation: spec.activation,
        loss: spec.loss,
        weightDecay: spec.weightDecay,
        initSeed: spec.initSeed,
      });
    const problem = draw(spec.seed);
    await checkAccepted(problem);
    const loaded = await networkProblem(problem, problemKey(spec), `${spec.dataset} network (${problem.params.length} params)`);
    // held out: as many points again, drawn from the same distribution with another data seed
    return { ...loaded, network: { ...loaded.network!, test: { ...draw(heldOutSeed(spec.seed)), name: `${spec.dataset}-test` } } };
  }
  if (!custom) throw new Error(`${spec.name}: the uploaded data is no longer loaded; load the file again`);
  const architecture = custom.architecture ?? defaultArchitecture();
  const problem = custom.source === 'problem-file' ? parseProblemText(custom.text) : csvProblem(custom.name, custom.text, architecture);
  // a CSV rebuilt with another architecture is another network: its key changes, so its views reset
  const key = custom.source === 'csv' ? `${problemKey(spec)}:${JSON.stringify(architecture)}` : problemKey(spec);
  await checkAccepted(problem);
  return networkProblem(problem, key, `${custom.name} (${problem.params.length} params)`);
}

function defaultArchitecture(): NetworkArchitecture {
  return { hidden: [8], activation: 'tanh', loss: 'softmax_cross_entropy', weightDecay: 1e-4, initSeed: 7 };
}
