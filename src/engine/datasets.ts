/**
 * Seeded toy datasets as plain generator functions (after TensorFlow Playground's dataset.ts, rescaled
 * to inputs in about [-1, 1]), network problems built from them, and CSV import.
 */
import { parseCsv, type CsvTask } from '../core/data/csv';
import { createRng, type Rng } from '../core/random';
import { parseProblem, problemToJson } from '../core/problem/parse';
import { numParams, type Activation, type LossName, type Problem } from '../core/problem/problem';

export interface Dataset {
  X: number[][];
  /** Class labels, or rows of regression targets. */
  y: number[] | number[][];
}

export const DATASET_NAMES = ['spiral', 'circles', 'xor', 'gaussians', 'sine'] as const;
export type DatasetName = (typeof DATASET_NAMES)[number];

/** k interleaved spiral arms, n points in all. */
export function spiral(n: number, k: number, noise: number, seed: number): Dataset {
  const rng = createRng(seed);
  const X: number[][] = [];
  const y: number[] = [];
  for (let i = 0; i < n; i++) {
    const c = i % k;
    // the radius grows along the arm, and the angle with it
    const r = Math.floor(i / k) / Math.max(1, Math.ceil(n / k));
    const t = 1.75 * r * 2 * Math.PI + (2 * Math.PI * c) / k;
    X.push([r * Math.sin(t) + uniform(rng, noise) * 0.2, r * Math.cos(t) + uniform(rng, noise) * 0.2]);
    y.push(c);
  }
  return { X, y };
}

/** A disc (label 0) inside a ring (label 1). */
export function circles(n: number, noise: number, seed: number): Dataset {
  const rng = createRng(seed);
  const X: number[][] = [];
  const y: number[] = [];
  for (let i = 0; i < n; i++) {
    const label = i % 2;
    const r = label === 0 ? rng.next() * 0.5 : 0.7 + rng.next() * 0.3;
    const t = rng.next() * 2 * Math.PI;
    X.push([r * Math.sin(t) + uniform(rng, noise) * 0.1, r * Math.cos(t) + uniform(rng, noise) * 0.1]);
    y.push(label);
  }
  return { X, y };
}

/** Label 1 where the two coordinates (before noise) have the same sign. */
export function xor(n: number, noise: number, seed: number): Dataset {
  const rng = createRng(seed);
  const X: number[][] = [];
  const y: number[] = [];
  const padding = 0.05;
  for (let i = 0; i < n; i++) {
    const a = (rng.next() * 2 - 1) * (1 - padding);
    const b = (rng.next() * 2 - 1) * (1 - padding);
    const px = a + (a > 0 ? padding : -padding);
    const py = b + (b > 0 ? padding : -padding);
    X.push([px + uniform(rng, noise) * 0.1, py + uniform(rng, noise) * 0.1]);
    y.push(px * py > 0 ? 1 : 0);
  }
  return { X, y };
}

/** k isotropic blobs with centres evenly spaced on a circle of radius 0.6. */
export function gaussians(n: number, k: number, noise: number, seed: number): Dataset {
  const rng = createRng(seed);
  const X: number[][] = [];
  const y: number[] = [];
  const sd = 0.1 + 0.2 * noise;
  for (let i = 0; i < n; i++) {
    const c = i % k;
    const t = (2 * Math.PI * c) / k;
    X.push([0.6 * Math.cos(t) + sd * rng.normal(), 0.6 * Math.sin(t) + sd * rng.normal()]);
    y.push(c);
  }
  return { X, y };
}

/** y = sin(pi x) plus Gaussian noise of standard deviation 0.1 * noise, x uniform in [-1, 1]. */
export function sine(n: number, noise: number, seed: number): Dataset {
  const rng = createRng(seed);
  const X: number[][] = [];
  const y: number[][] = [];
  for (let i = 0; i < n; i++) {
    const x = rng.next() * 2 - 1;
    X.push([x]);
    y.push([Math.sin(Math.PI * x) + 0.1 * noise * rng.normal()]);
  }
  return { X, y };
}

function uniform(rng: Rng, scale: number): number {
  return (rng.next() * 2 - 1) * scale;
}

export interface BuildProblemOptions {
  dataset: DatasetName;
  n: number;
  /** 0 for clean data; about 1 for hard. */
  noise: number;
  seed: number;
  /** Widths, input first: 2 inputs (1 for sine); the output width sets the class count of spiral and gaussians. */
  layers: number[];
  activation: Activation;
  loss: LossName;
  weightDecay?: number;
  initSeed: number;
  name?: string;
}

function classCount(loss: LossName, nOut: number): number {
  return loss === 'binary_cross_entropy' ? 2 : nOut;
}

function generate(o: BuildProblemOptions): Dataset {
  const nOut = o.layers[o.layers.length - 1];
  const k = classCount(o.loss, nOut);
  const binary = o.dataset === 'circles' || o.dataset === 'xor';
  if (o.dataset === 'sine') {
    if (o.loss !== 'mse') throw new Error(`sine is a regression dataset: use loss mse, not ${o.loss}`);
  } else {
    if (o.loss === 'mse') throw new Error(`${o.dataset} is a classification dataset: use a cross-entropy loss`);
    if (binary && k !== 2) throw new Error(`${o.dataset} has 2 classes: softmax_cross_entropy needs 2 outputs, got ${nOut}`);
  }
  switch (o.dataset) {
    case 'spiral':
      return spiral(o.n, k, o.noise, o.seed);
    case 'gaussians':
      return gaussians(o.n, k, o.noise, o.seed);
    case 'circles':
      return circles(o.n, o.noise, o.seed);
    case 'xor':
      return xor(o.n, o.noise, o.seed);
    case 'sine':
      return sine(o.n, o.noise, o.seed);
  }
}

/**
 * Seeded initial parameters, biases zero: Glorot uniform for saturating activations (Glorot & Bengio
 * 2010), He normal for rectifier-like ones (He et al. 2015).
 */
export function initParams(layers: readonly number[], activation: Activation, seed: number): Float64Array {
  const rng = createRng(seed);
  const w = new Float64Array(numParams(layers));
  const he = activation === 'relu' || activation === 'softplus' || activation === 'gelu';
  let off = 0;
  for (let l = 1; l < layers.length; l++) {
    const nIn = layers[l - 1];
    const nOut = layers[l];
    const limit = Math.sqrt(6 / (nIn + nOut));
    const sd = Math.sqrt(2 / nIn);
    for (let i = 0; i < nIn * nOut; i++) w[off + i] = he ? sd * rng.normal() : limit * (2 * rng.next() - 1);
    off += nIn * nOut + nOut;
  }
  return w;
}

/** A network problem on a generated dataset at a seeded initial point; validated like a loaded file. */
export function buildProblem(o: BuildProblemOptions): Problem {
  const data = generate(o);
  const raw = problemToJson({
    name: o.name ?? `${o.dataset}-${o.activation}-${o.loss}`,
    layers: o.layers,
    activation: o.activation,
    loss: o.loss,
    weightDecay: o.weightDecay ?? 0,
    X: data.X,
    y: data.y,
    params: initParams(o.layers, o.activation, o.initSeed),
  });
  return parseProblem(raw);
}

export { CsvError } from '../core/data/csv';

/**
 * Rows `x1,...,xd,label` (classification) or `x1,...,xd,target` (regression), read as `task` says;
 * see core/data/csv.ts for delimiters, headers and index columns.
 */
export function parseCsvDataset(text: string, task: CsvTask): Dataset {
  const { X, y } = parseCsv(text, task);
  return { X, y };
}

/** Hidden layers, activation, loss, weight decay and init seed for a network on uploaded data. */
export interface CsvArchitecture {
  hidden: number[];
  activation: Activation;
  loss: LossName;
  weightDecay: number;
  initSeed: number;
}

/**
 * The loss a CSV's task takes: regression is mse; classification keeps a cross-entropy the person
 * chose if it fits (binary cross-entropy needs 2 classes) and otherwise picks by class count.
 */
export function csvLoss(task: CsvTask, classes: number, chosen: LossName): LossName {
  if (task === 'regression') return 'mse';
  if (chosen === 'softmax_cross_entropy' || (chosen === 'binary_cross_entropy' && classes <= 2)) return chosen;
  return classes <= 2 ? 'binary_cross_entropy' : 'softmax_cross_entropy';
}

/**
 * A network problem on uploaded CSV text: the last column decides classification or regression
 * (core/data/csv.ts), the loss follows the task (csvLoss), the rest of the architecture is kept.
 */
export function csvProblem(name: string, text: string, arch: CsvArchitecture): Problem {
  const data = parseCsv(text);
  const loss = csvLoss(data.task, data.classes, arch.loss);
  const outputs = loss === 'softmax_cross_entropy' ? Math.max(2, data.classes) : 1;
  const layers = [data.X[0].length, ...arch.hidden, outputs];
  return {
    name,
    layers,
    activation: arch.activation,
    loss,
    weightDecay: arch.weightDecay,
    X: data.X,
    y: data.y,
    params: initParams(layers, arch.activation, arch.initSeed),
  };
}
