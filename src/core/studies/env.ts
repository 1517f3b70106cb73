/**
 * What a study runner needs from the compute engine, injected so the runners stay pure: the digits,
 * network objectives over chosen rows, and seeded initial parameters. src/engine/studies/env.ts
 * builds one on TF.js; core never imports it.
 */
import type { Digits } from '../data/digits';
import type { Objective } from '../objective';
import type { Activation, LossName } from '../problem/problem';
import type { LayerSpec } from '../problem/model';

/** A dense network: widths (input first), hidden activation, loss on the linear output. */
export interface NetworkSpec {
  layers: number[];
  activation: Activation;
  loss: LossName;
  weightDecay: number;
}

/** Rows of inputs with integer class labels (turned into one-hot targets for a squared-error loss). */
export interface LabelledData {
  X: number[][];
  y: number[];
}

export interface DisposableObjective extends Objective {
  dispose(): void;
}

export interface StudyEnv {
  /** The backend the objectives run on, as reported beside every measurement. */
  backend: string;
  digits(): Promise<Digits>;
  /** The mean loss over `rows` of `data` (all rows when omitted). */
  network(spec: NetworkSpec, data: LabelledData, rows?: number[]): DisposableObjective;
  /** Seeded initial parameters in the problem-file layout. */
  initParams(spec: NetworkSpec, seed: number): Float64Array;
  /** The mean loss of a layer-list model (src/core/problem/model.ts) over `rows` of `data`. */
  model(spec: ModelSpec, data: LabelledData, rows?: number[]): DisposableObjective;
}

/** A layer-list network: validated layers, the input's shape and the loss on its flat output. */
export interface ModelSpec {
  layers: LayerSpec[];
  inputShape: number[];
  loss: LossName;
}
