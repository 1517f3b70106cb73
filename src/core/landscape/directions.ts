/**
 * Two directions that span a plane through parameter space, by three methods: random
 * filter-normalised directions and PCA of a trajectory (Li et al. 2018, "Visualizing the Loss
 * Landscape of Neural Nets", §4 and §7), and the Hessian's top-two eigenvectors at a point.
 */
import { lanczos } from '../eigen/lanczos';
import type { MatVec } from '../eigen/types';
import { symmetricEigen } from '../linalg/symmetric-eigen';
import { dot, norm, scaleInPlace } from '../linalg/vector';
import { type Rng, createRng, randomNormalVector } from '../random';
import { type Problem, layerShapes, numParams } from '../problem/problem';
import { type ModelLayout, modelLayout } from '../problem/model';

/**
 * What a random direction does on the biases: 'zero' leaves them fixed (loss-landscape's
 * `--xignore biasbn`, the paper's figures), 'normalize' rescales each bias entry to that bias's
 * magnitude (the filter rule on a one-element filter), 'copy' sets it to the bias itself (what
 * loss-landscape does to one-dimensional parameters when they are not ignored).
 */
export const BIAS_MODES = ['zero', 'normalize', 'copy'] as const;
export type BiasMode = (typeof BIAS_MODES)[number];

export type DirectionMethodName = 'random' | 'pca' | 'eigen';

/** JSON-ready account of how a plane was chosen. */
export interface DirectionInfo {
  method: DirectionMethodName;
  label: string;
  citation: string;
  seed?: number;
  biasMode?: BiasMode;
  /** PCA: fraction of the iterates' squared distance from the final point along each direction. */
  explainedVariance?: [number, number];
  /** PCA: how many iterates went into the Gram matrix. */
  iterates?: number;
  /** Eigen: the two largest Hessian eigenvalues, with their relative residuals. */
  eigenvalues?: [number, number];
  residuals?: [number, number];
  hvps?: number;
  note?: string;
}

export interface PlaneDirections {
  /** The point the plane passes through: the params (random, eigen) or the final iterate (pca). */
  origin: Float64Array;
  d1: Float64Array;
  d2: Float64Array;
  info: DirectionInfo;
}

/**
 * One parameter tensor as filter normalisation sees it: a weight [rows, cols] row-major whose
 * columns are its filters (a dense layer's output units; a conv kernel [k, k, C, F]'s output
 * channels, as [k k C, F]), or a one-dimensional bias or gain, which follows the bias mode.
 */
export interface FilterGroup {
  offset: number;
  rows: number;
  cols: number;
  oneDimensional: boolean;
}

/** The groups of a dense network: per layer W [in, out], then b. */
export function denseFilterGroups(layers: readonly number[]): FilterGroup[] {
  return layerShapes(layers).flatMap(({ nIn, nOut, offset }) => [
    { offset, rows: nIn, cols: nOut, oneDimensional: false },
    { offset: offset + nIn * nOut, rows: 1, cols: nOut, oneDimensional: true },
  ]);
}

/** The groups of a layer list: each weight with its last axis as filters, biases and gains one-dimensional. */
export function modelFilterGroups(layout: ModelLayout): FilterGroup[] {
  return layout.blocks.flatMap((b) =>
    b.tensors.map((t) => {
      const cols = t.shape[t.shape.length - 1];
      return { offset: t.offset, rows: t.size / cols, cols, oneDimensional: t.role !== 'weight' };
    }),
  );
}

/** A problem's filter groups: its layer list's when it has one (`model`), its dense layers' otherwise. */
export function problemFilterGroups(problem: Pick<Problem, 'layers' | 'model' | 'inputShape'>): FilterGroup[] {
  if (!problem.model) return denseFilterGroups(problem.layers);
  if (!problem.inputShape) throw new Error('a layer-list problem needs its input_shape');
  return modelFilterGroups(modelLayout(problem.model, problem.inputShape));
}

/**
 * A Gaussian direction with each filter's weights (column j of a weight) rescaled to the norm of
 * the same filter in `params`; `layers` (dense widths) or the groups of a layer list.
 */
export function filterNormalizedDirection(params: Float64Array, layers: readonly number[] | readonly FilterGroup[], rng: Rng, biasMode: BiasMode = 'zero'): Float64Array {
  const d = randomNormalVector(params.length, rng);
  const groups = isWidths(layers) ? denseFilterGroups(layers) : layers;
  const expected = isWidths(layers) ? numParams(layers) : groups.reduce((s, g) => s + g.rows * g.cols, 0);
  if (expected !== params.length) {
    throw new Error(`${isWidths(layers) ? `layers ${layers.join('-')}` : 'the model'} have ${expected} parameters, params has ${params.length}`);
  }
  for (const { rows: nIn, cols: nOut, offset, oneDimensional } of groups) {
    if (oneDimensional) {
      for (let j = 0; j < nOut; j++) {
        const k = offset + j;
        if (biasMode === 'zero') d[k] = 0;
        else if (biasMode === 'copy') d[k] = params[k];
        else d[k] = (d[k] < 0 ? -1 : 1) * Math.abs(params[k]);
      }
      continue;
    }
    for (let j = 0; j < nOut; j++) {
      let dn = 0;
      let wn = 0;
      for (let i = 0; i < nIn; i++) {
        const k = offset + i * nOut + j;
        dn += d[k] * d[k];
        wn += params[k] * params[k];
      }
      // loss-landscape's normalize_direction: d * ||w|| / (||d|| + 1e-10).
      const s = Math.sqrt(wn) / (Math.sqrt(dn) + 1e-10);
      for (let i = 0; i < nIn; i++) d[offset + i * nOut + j] *= s;
    }
  }
  return d;
}

function isWidths(layers: readonly number[] | readonly FilterGroup[]): layers is readonly number[] {
  return layers.length === 0 || typeof layers[0] === 'number';
}

export interface RandomDirectionOptions {
  seed?: number;
  biasMode?: BiasMode;
}

/** Two independent filter-normalised directions through `params`, from one seeded stream. */
export function randomDirections(params: Float64Array, layers: readonly number[] | readonly FilterGroup[], opts: RandomDirectionOptions = {}): PlaneDirections {
  const seed = opts.seed ?? 0;
  const biasMode = opts.biasMode ?? 'zero';
  const rng = createRng(seed);
  const d1 = filterNormalizedDirection(params, layers, rng, biasMode);
  const d2 = filterNormalizedDirection(params, layers, rng, biasMode);
  return { origin: Float64Array.from(params), d1, d2, info: { ...methodInfo('random'), seed, biasMode } };
}

export interface PcaOptions {
  /** At most this many iterates (evenly spaced, the final one always kept) enter the Gram matrix. */
  maxIterates?: number;
}

/** Evenly spaced indices into n items, first and last included. */
function evenIndices(n: number, m: number): number[] {
  if (n <= m) return Array.from({ length: n }, (_, i) => i);
  return Array.from({ length: m }, (_, i) => Math.round((i * (n - 1)) / (m - 1)));
}

/**
 * PCA of a trajectory (Li et al. 2018, §7): rows M_i = w_i - w_final, the top two principal
 * directions from the small Gram matrix M M^T (v = M^T u / sqrt(lambda)), centred at the final
 * point as the paper is (its code's sklearn PCA also subtracts the rows' mean; this does not).
 */
export function pcaDirections(iterates: readonly ArrayLike<number>[], opts: PcaOptions = {}): PlaneDirections {
  if (iterates.length < 2) throw new Error(`PCA directions need at least 2 iterates, got ${iterates.length}`);
  const final = Float64Array.from(iterates[iterates.length - 1]);
  const n = final.length;
  const picked = evenIndices(iterates.length, Math.max(3, opts.maxIterates ?? 300)).slice(0, -1);
  const rows = picked.map((i) => {
    const w = iterates[i];
    if (w.length !== n) throw new Error(`iterate ${i} has ${w.length} entries, the final one ${n}`);
    const r = new Float64Array(n);
    for (let k = 0; k < n; k++) r[k] = w[k] - final[k];
    return r;
  });
  const T = rows.length;
  const gram = new Float64Array(T * T);
  for (let i = 0; i < T; i++) for (let j = 0; j <= i; j++) gram[i * T + j] = gram[j * T + i] = dot(rows[i], rows[j]);
  const { values, vectors } = symmetricEigen(gram, T);
  // Eigenvalues at rounding level (a rank-deficient Gram matrix) add nothing to the variance.
  const total = values.reduce((s, v) => s + (v > 1e-12 * values[T - 1] ? v : 0), 0);
  if (!(total > 0)) throw new Error('PCA directions: every iterate equals the final point');
  const component = (c: number): Float64Array => {
    const v = new Float64Array(n);
    for (let i = 0; i < T; i++) {
      const u = vectors[i * T + c];
      for (let k = 0; k < n; k++) v[k] += u * rows[i][k];
    }
    return scaleInPlace(1 / norm(v), v);
  };
  const d1 = component(T - 1);
  let lambda2 = T > 1 ? Math.max(values[T - 2], 0) : 0;
  let d2: Float64Array;
  let note: string | undefined;
  if (lambda2 > 1e-12 * values[T - 1]) {
    d2 = component(T - 2);
  } else {
    lambda2 = 0;
    // A straight path has one principal direction; any unit vector orthogonal to it completes the plane.
    d2 = orthogonalUnit(d1, createRng(0));
    note = 'the iterates lie on a line; the second direction is an arbitrary unit vector orthogonal to the first';
  }
  // Sign convention: the first kept iterate has non-negative coordinates, so paths come in from the positive side.
  for (const d of [d1, d2]) if (dot(rows[0], d) < 0) scaleInPlace(-1, d);
  return {
    origin: final,
    d1,
    d2,
    info: {
      ...methodInfo('pca'),
      explainedVariance: [Math.max(values[T - 1], 0) / total, lambda2 / total],
      iterates: T + 1,
      ...(note ? { note } : {}),
    },
  };
}

function orthogonalUnit(d: Float64Array, rng: Rng): Float64Array {
  const v = randomNormalVector(d.length, rng);
  const c = dot(v, d);
  for (let k = 0; k < v.length; k++) v[k] -= c * d[k];
  return scaleInPlace(1 / norm(v), v);
}

export interface EigenDirectionOptions {
  seed?: number;
  tol?: number;
  maxProducts?: number;
}

/** The unit eigenvectors of the two largest Hessian eigenvalues at `point`, by Lanczos over Hessian-vector products. */
export async function hessianEigenDirections(point: Float64Array, hvp: MatVec, opts: EigenDirectionOptions = {}): Promise<PlaneDirections> {
  const n = point.length;
  if (n < 2) throw new Error('eigen directions need at least 2 parameters');
  const res = await lanczos.solve(hvp, n, { k: 2, which: 'top', tol: opts.tol ?? 1e-6, seed: opts.seed ?? 0, maxProducts: opts.maxProducts });
  const [p1, p2] = res.top;
  return {
    origin: Float64Array.from(point),
    d1: scaleInPlace(1 / norm(p1.vector), Float64Array.from(p1.vector)),
    d2: scaleInPlace(1 / norm(p2.vector), Float64Array.from(p2.vector)),
    info: {
      ...methodInfo('eigen'),
      seed: opts.seed ?? 0,
      eigenvalues: [p1.value, p2.value],
      residuals: [p1.residual, p2.residual],
      hvps: res.products,
      ...(res.converged ? {} : { note: `Lanczos stopped after ${res.products} products before reaching its tolerance` }),
    },
  };
}

/** What any method may be given; each uses only the fields it names in `needs`. */
export interface DirectionInput {
  /** Where the plane is drawn for random and eigen: the network's parameters. */
  point: Float64Array;
  /** Layer widths, for filter normalisation. */
  layers?: readonly number[];
  /** A layer list's filter groups (modelFilterGroups), used instead of `layers` when given. */
  groups?: readonly FilterGroup[];
  seed?: number;
  biasMode?: BiasMode;
  /** Iterates of a run, in order, full parameter vectors. */
  trajectory?: readonly ArrayLike<number>[];
  /** Hessian-vector products at `point`. */
  hvp?: MatVec;
}

export interface DirectionMethod {
  name: DirectionMethodName;
  label: string;
  citation: string;
  /** The inputs beyond `point` it needs, for the UI and the CLI to ask for them. */
  needs: ('layers' | 'trajectory' | 'hvp')[];
  compute(input: DirectionInput): Promise<PlaneDirections>;
}

function required<T>(value: T | undefined, method: string, field: string): T {
  if (value === undefined) throw new Error(`${method} directions need ${field}`);
  return value;
}

/** The direction methods, in the order the UI lists them. */
export const DIRECTION_METHODS: readonly DirectionMethod[] = [
  {
    name: 'random',
    label: 'Random, filter-normalised',
    citation: 'Li et al. 2018, Visualizing the Loss Landscape of Neural Nets, §4',
    needs: ['layers'],
    compute: async (input) => randomDirections(input.point, input.groups ?? required(input.layers, 'random', 'layer widths'), { seed: input.seed, biasMode: input.biasMode }),
  },
  {
    name: 'pca',
    label: 'PCA of the trajectory',
    citation: 'Li et al. 2018, Visualizing the Loss Landscape of Neural Nets, §7',
    needs: ['trajectory'],
    compute: async (input) => pcaDirections(required(input.trajectory, 'pca', 'a trajectory')),
  },
  {
    name: 'eigen',
    label: 'Top-two Hessian eigenvectors',
    citation: 'Lanczos 1950 on Hessian-vector products (Pearlmutter 1994)',
    needs: ['hvp'],
    compute: async (input) => hessianEigenDirections(input.point, required(input.hvp, 'eigen', 'Hessian-vector products'), { seed: input.seed }),
  },
];

export function getDirectionMethod(name: string): DirectionMethod {
  const m = DIRECTION_METHODS.find((d) => d.name === name);
  if (!m) throw new Error(`unknown direction method "${name}"; expected one of ${DIRECTION_METHODS.map((d) => d.name).join(', ')}`);
  return m;
}

function methodInfo(name: DirectionMethodName): Pick<DirectionInfo, 'method' | 'label' | 'citation'> {
  const m = getDirectionMethod(name);
  return { method: m.name, label: m.label, citation: m.citation };
}
