/**
 * Seeded toy datasets as plain generator functions (after TensorFlow Playground's dataset.ts, rescaled
 * to inputs in about [-1, 1]), network problems built from them, and CSV import.
 */
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

export class CsvError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CsvError';
  }
}

/**
 * Rows `x1,...,xd,label` (classification, integer labels from 0) or `x1,...,xd,target` (regression).
 * Blank lines and `#` comments are skipped; a first line that is not numeric is a header.
 */
export function parseCsvDataset(text: string, task: 'classification' | 'regression'): Dataset {
  const X: number[][] = [];
  const labels: number[] = [];
  const targets: number[][] = [];
  let width = -1;
  const lines = text.split(/\r?\n/);
  lines.forEach((line, i) => {
    const lineNo = i + 1;
    const trimmed = line.trim();
    if (trimmed === '' || trimmed.startsWith('#')) return;
    const cells = trimmed.split(',').map((c) => c.trim());
    if (width < 0 && X.length === 0 && cells.some((c) => c === '' || !Number.isFinite(Number(c)))) {
      if (cells.every((c) => c !== '' && !Number.isFinite(Number(c)))) return; // header
    }
    if (width < 0) {
      if (cells.length < 2) throw new CsvError(`line ${lineNo}: expected at least 2 values (inputs then ${task === 'classification' ? 'label' : 'target'}), got ${cells.length}`);
      width = cells.length;
    }
    if (cells.length !== width) {
      const names = [...Array.from({ length: width - 1 }, (_, j) => `x${j + 1}`), task === 'classification' ? 'label' : 'target'];
      throw new CsvError(`line ${lineNo}: expected ${width} values ${names.join(',')}, got ${cells.length}`);
    }
    const values = cells.map((c, j) => {
      const v = c === '' ? NaN : Number(c);
      if (!Number.isFinite(v)) throw new CsvError(`line ${lineNo}, column ${j + 1}: "${c}" is not a number`);
      return v;
    });
    X.push(values.slice(0, -1));
    const last = values[values.length - 1];
    if (task === 'regression') targets.push([last]);
    else if (!Number.isInteger(last) || last < 0) {
      throw new CsvError(`line ${lineNo}: label ${cells[cells.length - 1]} is not a non-negative integer`);
    } else labels.push(last);
  });
  if (X.length === 0) throw new CsvError('no data rows');
  return { X, y: task === 'regression' ? targets : labels };
}
