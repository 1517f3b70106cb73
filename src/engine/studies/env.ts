/** The studies' engine: network objectives on the active TF.js backend over chosen rows of a data set. */
import type { Digits } from '../../core/data/digits';
import type { DisposableObjective, LabelledData, ModelSpec, NetworkSpec, StudyEnv } from '../../core/studies/env';
import { createModelObjective } from '../model-objective';
import { modelLayout } from '../../core/problem/model';
import type { Problem } from '../../core/problem/problem';
import { initParams } from '../datasets';
import { createNetworkObjective } from '../mlp-objective';
import { activeBackend } from '../runtime';

/** One-hot rows for a squared-error loss (Cohen et al.'s targets), else the labels. */
function targets(spec: NetworkSpec, data: LabelledData): number[] | number[][] {
  if (spec.loss !== 'mse') return data.y;
  const k = spec.layers[spec.layers.length - 1];
  return data.y.map((c) => Array.from({ length: k }, (_, j) => (j === c ? 1 : 0)));
}

/** The objective's problem: built once per data set and spec, since its rows are shared by every batch. */
function problemFor(cache: WeakMap<LabelledData, Map<string, Problem>>, spec: NetworkSpec, data: LabelledData): Problem {
  let bySpec = cache.get(data);
  if (!bySpec) cache.set(data, (bySpec = new Map()));
  const key = JSON.stringify(spec);
  let p = bySpec.get(key);
  if (!p) {
    p = { name: 'study', layers: spec.layers, activation: spec.activation, loss: spec.loss, weightDecay: spec.weightDecay, X: data.X, y: targets(spec, data), params: new Float64Array(0) };
    bySpec.set(key, p);
  }
  return p;
}

export function createStudyEnv(loadDigits: () => Promise<Digits>): StudyEnv {
  const cache = new WeakMap<LabelledData, Map<string, Problem>>();
  return {
    get backend() {
      return activeBackend();
    },
    digits: loadDigits,
    network: (spec, data, rows): DisposableObjective => createNetworkObjective(problemFor(cache, spec, data), rows ? { batch: rows } : {}),
    initParams: (spec, seed) => initParams(spec.layers, spec.activation, seed),
    model: (spec: ModelSpec, data, rows): DisposableObjective => {
      const nOut = modelLayout(spec.layers, spec.inputShape).outputShape[0];
      const problem: Problem = { name: 'study-model', layers: [spec.inputShape.reduce((a, b) => a * b, 1), nOut], activation: 'relu', loss: spec.loss, weightDecay: 0, X: data.X, y: data.y, params: new Float64Array(0), inputShape: spec.inputShape, model: spec.layers };
      return createModelObjective(problem, rows ? { batch: rows } : {});
    },
  };
}
