import type { KfacLayerFactors } from '../objective';
import { addScaled, dot, norm } from '../linalg/vector';
import { hasCapability, requireCapabilities } from './capabilities';
import { evaluateAt } from './evaluate';
import { readParams } from './hyper-params';
import { symmetricPower, trace, twoSided } from './matrix-power';
import type { Optimizer, ParamSpec, StepResult } from './types';

const PARAMS: ParamSpec[] = [
  { key: 'lr', label: 'learning rate', type: 'number', default: 1, min: 1e-8, max: 10, log: true, help: 'Multiplies the step (after the quadratic-model rescaling when that is on).' },
  { key: 'damping', label: 'damping', type: 'number', default: 1e-3, min: 1e-10, max: 1e6, log: true, help: 'lambda of the factored Tikhonov damping: (A + pi sqrt(lambda) I) and (S + sqrt(lambda) / pi I).' },
  { key: 'factorDecay', label: 'factor decay', type: 'number', default: 0.95, min: 0, max: 0.9999, help: 'EMA of the Kronecker factors over their updates (0: the latest factors only).' },
  { key: 'updateInterval', label: 'factor update interval', type: 'integer', default: 5, min: 1, max: 1000, help: 'Steps between factor recomputations and re-inversions (T_3 in the paper).' },
  { key: 'rescale', label: 'quadratic-model step length', type: 'boolean', default: true, help: "Scale the step by alpha = -g^T d / (d^T (G + lambda I) d), one Gauss-Newton product (Sec. 6.4); only where the objective has G." },
];

interface LayerInverse {
  offset: number;
  rows: number;
  cols: number;
  aInv: Float64Array;
  sInv: Float64Array;
}

export interface KfacState {
  t: number;
  /** Running averages of the factors. */
  factors: KfacLayerFactors[] | null;
  inverses: LayerInverse[];
}

/**
 * One layer's K-FAC step direction -(A + gA I)^-1 Grad (S + gS I)^-1 with Martens & Grosse's
 * factored damping: pi = sqrt((tr A / dim A) / (tr S / dim S)), gA = pi sqrt(lambda), gS = sqrt(lambda) / pi
 * (Sec. 6.3). Grad is the layer's [nIn + 1, nOut] block of the gradient (W rows, then the b row).
 */
export function kfacInverse(f: KfacLayerFactors, lambda: number): LayerInverse {
  const rows = f.nIn + 1;
  const cols = f.nOut;
  const meanA = trace(f.A, rows) / rows;
  const meanS = trace(f.S, cols) / cols;
  const pi = meanA > 0 && meanS > 0 ? Math.sqrt(meanA / meanS) : 1;
  const root = Math.sqrt(lambda);
  return { offset: f.offset, rows, cols, aInv: symmetricPower(f.A, rows, -1, pi * root), sInv: symmetricPower(f.S, cols, -1, root / pi) };
}

/** The preconditioned gradient, layer by layer: (A^-1 (x) S^-1) g in the parameter layout. */
export function kfacPrecondition(inverses: readonly LayerInverse[], g: Float64Array): Float64Array {
  const out = new Float64Array(g.length);
  for (const l of inverses) {
    const block = g.subarray(l.offset, l.offset + l.rows * l.cols);
    out.set(twoSided(l.aInv, block, l.sInv, l.rows, l.cols), l.offset);
  }
  return out;
}

function averaged(prev: KfacLayerFactors[] | null, next: KfacLayerFactors[], decay: number): KfacLayerFactors[] {
  if (!prev) return next;
  return next.map((f, l) => ({
    ...f,
    A: f.A.map((v, i) => decay * prev[l].A[i] + (1 - decay) * v),
    S: f.S.map((v, i) => decay * prev[l].S[i] + (1 - decay) * v),
  }));
}

/**
 * K-FAC (Martens & Grosse 2015, Optimizing Neural Networks with Kronecker-factored Approximate
 * Curvature): each dense layer's Fisher block is approximated by A (x) S, A the second moment of
 * the layer's inputs (with a 1 for the bias) and S that of the back-propagated output gradients,
 * so its inverse is two small inverses. Factors come from the objective every `updateInterval`
 * steps (averaged over updates), with factored Tikhonov damping and, where the objective offers
 * Gauss-Newton products, the step rescaled by the exact quadratic model (Sec. 6.4). Conv layers
 * come factored the same way from their im2col patches (Grosse & Martens 2016, A Kronecker-factored
 * approximate Fisher matrix for convolution layers); a layer-list model's layernorm gain and bias
 * arrive as blocks with A = [1], so their S is their exact Gauss-Newton block (src/engine/kfac-model.ts).
 * On a 2-D function there are no layers to factor.
 */
export const kfac: Optimizer<KfacState> = {
  name: 'kfac',
  label: 'K-FAC',
  citation: 'Martens & Grosse 2015, Optimizing Neural Networks with Kronecker-factored Approximate Curvature (ICML), Secs. 3, 6.3, 6.4; Grosse & Martens 2016, A Kronecker-factored approximate Fisher matrix for convolution layers (ICML)',
  params: PARAMS,
  secondOrder: true,
  needs: ['kfacFactors'],
  init: async (x0, objective) => {
    requireCapabilities('K-FAC', objective, ['kfacFactors']);
    return evaluateAt(objective, x0, { t: 0, factors: null, inverses: [] });
  },
  step: async (prev, objective, hp): Promise<StepResult<KfacState>> => {
    const p = readParams(PARAMS, hp);
    const lambda = p.num('damping');
    let { factors, inverses } = prev.state;
    if (prev.state.t % p.num('updateInterval') === 0) {
      factors = averaged(factors, await objective.kfacFactors!(prev.x), p.num('factorDecay'));
      inverses = factors.map((f) => kfacInverse(f, lambda));
    }
    const d = kfacPrecondition(inverses, prev.grad);
    for (let i = 0; i < d.length; i++) d[i] = -d[i];
    let alpha = 1;
    if (p.bool('rescale') && hasCapability(objective, 'ggnvp')) {
      const gd = await objective.ggnvp!(prev.x, d);
      const curvature = dot(d, gd) + lambda * dot(d, d);
      if (curvature > 0) alpha = -dot(prev.grad, d) / curvature;
    }
    const step = p.num('lr') * alpha;
    const state: KfacState = { t: prev.state.t + 1, factors, inverses };
    const next = await evaluateAt(objective, addScaled(prev.x, step, d), state);
    return { ...next, stepSize: Math.abs(step) * norm(d) };
  },
};
