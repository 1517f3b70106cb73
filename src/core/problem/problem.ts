/** A small network problem: architecture, data and a parameter point (the problem-file format). */
import type { LayerSpec } from './model';

export const ACTIVATIONS = ['tanh', 'relu', 'sigmoid', 'softplus', 'gelu'] as const;
export type Activation = (typeof ACTIVATIONS)[number];

export const LOSSES = ['softmax_cross_entropy', 'binary_cross_entropy', 'mse'] as const;
export type LossName = (typeof LOSSES)[number];

/** Float64 reference values a problem file may carry (computed in PyTorch for the fixtures). */
export interface ProblemReference {
  numParams?: number;
  loss?: number;
  grad?: Float64Array;
  gradNorm?: number;
  eigenvaluesAscending?: Float64Array;
  trace?: number;
  hvpProbe?: { v: Float64Array; Hv: Float64Array };
  note?: string;
  /** The generalised Gauss-Newton matrix's references (fixtures README, "Gauss-Newton references"). */
  ggn?: { eigenvaluesAscending: Float64Array; trace: number; probe: { v: Float64Array; Gv: Float64Array } };
}

export interface Problem {
  name: string;
  /** Widths, input first. */
  layers: number[];
  /** Hidden-layer activation; the output layer is linear. */
  activation: Activation;
  loss: LossName;
  /** The objective adds 0.5 * weightDecay * ||w||^2. */
  weightDecay: number;
  /** N rows of layers[0] inputs. */
  X: number[][];
  /** Class labels (cross-entropy losses) or rows of targets (mse). */
  y: number[] | number[][];
  /** Flat parameters, layer by layer: W ([in, out] row-major) then b. */
  params: Float64Array;
  reference?: ProblemReference;
  /**
   * A layer-list network (fixtures README, "Models: layer lists"): the input's shape ([H, W, C] or
   * [D]) and the layers. For these, `layers` holds only the input and output widths and
   * `activation` is unused; src/core/problem/model.ts gives the layout.
   */
  inputShape?: number[];
  model?: LayerSpec[];
}

/** Where one layer's W ([nIn, nOut], row-major) starts in the flat vector; its b follows W. */
export interface LayerShape {
  nIn: number;
  nOut: number;
  offset: number;
}

/** The problem-file layout: layer by layer, W then b. */
export function layerShapes(layers: readonly number[]): LayerShape[] {
  const shapes: LayerShape[] = [];
  let offset = 0;
  for (let l = 1; l < layers.length; l++) {
    shapes.push({ nIn: layers[l - 1], nOut: layers[l], offset });
    offset += layers[l - 1] * layers[l] + layers[l];
  }
  return shapes;
}

/** Parameter count of a dense network with biases. */
export function numParams(layers: readonly number[]): number {
  return layerShapes(layers).reduce((p, s) => p + s.nIn * s.nOut + s.nOut, 0);
}

/** Integer labels of a classification problem, or throws when the loss is a regression. */
export function classLabels(problem: Problem): number[] {
  if (problem.loss === 'mse') throw new Error(`${problem.name}: mse problems have target rows, not labels`);
  return problem.y as number[];
}

/** Target rows of a regression problem. */
export function regressionTargets(problem: Problem): number[][] {
  if (problem.loss !== 'mse') throw new Error(`${problem.name}: ${problem.loss} problems have labels, not target rows`);
  return problem.y as number[][];
}
