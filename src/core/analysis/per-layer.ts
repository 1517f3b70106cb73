/**
 * Per-layer curvature: the Hessian's diagonal block for one layer's parameters (W and b together)
 * as an operator of its own, H_ll u = P_l H P_l^T u (a product with u placed in the block, zero
 * elsewhere, keeping only the block of the result), as in layer-wise Hessian studies
 * (Sankar et al. 2021, "A Deeper Look at the Hessian Eigenspectrum of Deep Neural Networks").
 */
import { symmetrise } from '../linalg/symmetrise';
import type { Objective } from '../objective';
import { type Problem, layerShapes } from '../problem/problem';
import { type ModelLayout, modelLayout } from '../problem/model';
import { lanczos } from '../eigen/lanczos';
import { denseMatrix } from '../eigen/dense';
import type { MatVec } from '../eigen/types';
import { type CurvatureMatrixName, getCurvatureMatrix } from '../curvature/registry';
import { type TraceEstimate, estimateTrace } from './trace-estimate';

/** One layer's parameters in the flat vector: W ([in, out] row-major) then b. */
export interface LayerBlock {
  /** 1 for the first weight layer. */
  layer: number;
  label: string;
  offset: number;
  size: number;
  weights: number;
  biases: number;
}

/** The blocks of a dense network with biases, in the problem-file layout. */
export function layerBlocks(layers: readonly number[]): LayerBlock[] {
  return layerShapes(layers).map(({ nIn, nOut, offset }, i) => {
    const weights = nIn * nOut;
    return { layer: i + 1, label: `layer ${i + 1} (${nIn}x${nOut} + ${nOut})`, offset, size: weights + nOut, weights, biases: nOut };
  });
}

/** The blocks of a layer list: one per parametrised layer (a residual's body layers each their own). */
export function modelLayerBlocks(layout: ModelLayout): LayerBlock[] {
  return layout.blocks.map((b, i) => {
    const weights = b.tensors.filter((t) => t.role === 'weight').reduce((s, t) => s + t.size, 0);
    return { layer: i + 1, label: b.label, offset: b.offset, size: b.size, weights, biases: b.size - weights };
  });
}

/** How a network's flat parameters are laid out: dense widths, or a layer list's layout. */
export type ParamLayout = readonly number[] | ModelLayout;

/** A problem's parameter layout: its layer list's when it has one (`model`), its dense widths otherwise. */
export function problemLayout(problem: Pick<Problem, 'layers' | 'model' | 'inputShape'>): ParamLayout {
  if (!problem.model) return problem.layers;
  if (!problem.inputShape) throw new Error('a layer-list problem needs its input_shape');
  return modelLayout(problem.model, problem.inputShape);
}

/** Dense widths or a layer list's layout, as blocks. */
export function layoutBlocks(layers: ParamLayout): LayerBlock[] {
  return 'blocks' in layers ? modelLayerBlocks(layers) : layerBlocks(layers);
}

function checkBlocks(dim: number, blocks: readonly LayerBlock[]): void {
  const total = blocks.reduce((s, b) => s + b.size, 0);
  if (total !== dim) throw new Error(`layer sizes give ${total} parameters, the objective has ${dim}`);
}

/** The diagonal block H_ll as an operator on the block's own coordinates. */
export function blockOperator(op: MatVec, dim: number, block: LayerBlock): MatVec {
  return async (u) => {
    const v = new Float64Array(dim);
    v.set(u, block.offset);
    const hv = await op(v);
    return hv.slice(block.offset, block.offset + block.size);
  };
}

export interface PerLayerOptions {
  /** Relative residual of the top Ritz pair; default 1e-6. */
  tol?: number;
  seed: number;
  /** Hutchinson probes for blocks larger than exactTraceUpTo. */
  traceProbes: number;
  /** Exact block trace (one product per parameter) up to this block size; default 200. */
  exactTraceUpTo?: number;
  maxProducts?: number;
  /** Whose diagonal blocks: the Hessian's (default), the Gauss-Newton matrix's or the empirical Fisher's. */
  matrix?: CurvatureMatrixName;
}

export interface LayerCurvature {
  block: LayerBlock;
  lambdaMax: number;
  residual: number;
  converged: boolean;
  trace: TraceEstimate;
  hvps: number;
}

/** lambda_max and trace of each layer's diagonal Hessian block at `w`, for any parameter count. */
export async function perLayerCurvature(
  objective: Objective,
  w: Float64Array,
  layers: ParamLayout,
  opts: PerLayerOptions,
): Promise<LayerCurvature[]> {
  const blocks = layoutBlocks(layers);
  checkBlocks(objective.dim, blocks);
  const matrix = getCurvatureMatrix(opts.matrix ?? 'hessian');
  const op = matrix.operator(objective, w);
  const out: LayerCurvature[] = [];
  for (const block of blocks) {
    const before = matrix.products(objective.counts);
    const bop = blockOperator(op, objective.dim, block);
    const eig = await lanczos.solve(bop, block.size, { k: 1, which: 'top', tol: opts.tol ?? 1e-6, seed: opts.seed + block.layer, maxProducts: opts.maxProducts });
    const trace = await estimateTrace(bop, block.size, { probes: opts.traceProbes, seed: opts.seed + block.layer, exactUpTo: opts.exactTraceUpTo ?? 200 });
    out.push({ block, lambdaMax: eig.top[0].value, residual: eig.top[0].residual, converged: eig.converged, trace, hvps: matrix.products(objective.counts) - before });
  }
  return out;
}

/** Largest parameter count for the dense heatmap: P products and a P x P matrix. */
export const DENSE_HEATMAP_MAX_PARAMS = 500;

export interface DenseHessianBlocks {
  /** Row-major dim x dim, symmetrised. */
  matrix: Float64Array;
  dim: number;
  blocks: LayerBlock[];
  /** Offsets where each layer's block starts, plus dim at the end: the heatmap's grid lines. */
  boundaries: number[];
  hvps: number;
}

/** The whole dense curvature matrix (the Hessian by default) with its layer blocks marked, for P up to DENSE_HEATMAP_MAX_PARAMS. */
export async function denseHessianBlocks(
  objective: Objective,
  w: Float64Array,
  layers: ParamLayout,
  matrixName: CurvatureMatrixName = 'hessian',
): Promise<DenseHessianBlocks> {
  const dim = objective.dim;
  if (dim > DENSE_HEATMAP_MAX_PARAMS) throw new Error(`dense Hessian heatmap needs at most ${DENSE_HEATMAP_MAX_PARAMS} parameters, this problem has ${dim}`);
  const blocks = layoutBlocks(layers);
  checkBlocks(dim, blocks);
  const curvature = getCurvatureMatrix(matrixName);
  const before = curvature.products(objective.counts);
  const matrix =
    matrixName === 'hessian' && objective.hessian
      ? symmetrise(await objective.hessian(w), dim)
      : symmetrise(await denseMatrix(curvature.operator(objective, w), dim), dim);
  return { matrix, dim, blocks, boundaries: [...blocks.map((b) => b.offset), dim], hvps: curvature.products(objective.counts) - before };
}
