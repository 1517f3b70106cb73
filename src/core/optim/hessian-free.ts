import type { Objective } from '../objective';
import { addScaled, allFinite, axpy, dot, norm, scale } from '../linalg/vector';
import { readParams } from './hyper-params';
import { armijo } from './line-search/armijo';
import type { Optimizer, ParamSpec, StepResult } from './types';
import { evaluateAt } from './evaluate';

const PARAMS: ParamSpec[] = [
  { key: 'lambda0', label: 'initial damping', type: 'number', default: 1, min: 1e-10, max: 1e6, log: true, help: 'Starting Levenberg-Marquardt lambda in (H + lambda I) d = -g.' },
  { key: 'cgMaxIter', label: 'CG iterations', type: 'integer', default: 250, min: 1, max: 100000, help: 'Most Hessian-vector products per CG solve (Martens caps at 250).' },
  { key: 'cgEps', label: 'CG progress tolerance', type: 'number', default: 5e-4, min: 1e-12, max: 0.1, log: true, help: 'CG stops once the quadratic model improved by less than k * eps relative to its value over the last k = max(10, i / 10) iterations.' },
  {
    key: 'curvature',
    label: 'curvature',
    type: 'choice',
    default: 'gauss-newton',
    choices: ['gauss-newton', 'hessian'],
    help: "gauss-newton (the default): CG on the Gauss-Newton matrix G, positive semi-definite and Martens' choice, wherever the objective has one (network losses and the 2-D sums of squares); elsewhere it uses the Hessian. hessian: CG on the exact, indefinite Hessian (the Hessian-free chapter sets it to count Hessian-vector products).",
  },
  { key: 'decay', label: 'warm-start decay', type: 'number', default: 0.95, min: 0, max: 1, help: 'CG starts from this multiple of the previous solution.' },
];

/** Martens 2010 stores CG iterates at i = ceil(1.3^j) to backtrack over. */
const BACKTRACK_GAMMA = 1.3;

export interface ModelIterate {
  /** CG iteration at which this iterate was reached (0 = the starting point). */
  iteration: number;
  p: Float64Array;
  /** phi(p) = 0.5 p^T A p - b^T p, the damped model's change from p = 0. */
  phi: number;
}

export interface MartensCgResult {
  /** Stored iterates in CG order; the last is where CG stopped. */
  iterates: ModelIterate[];
  products: number;
  /** Set when p^T A p <= 0 met a direction: its Rayleigh quotient p^T A p / p^T p. */
  negativeCurvature: number | null;
}

export interface MartensCgOptions {
  x0?: Float64Array;
  maxIter: number;
  eps: number;
}

/**
 * CG on A p = b stopped by Martens' relative-progress rule on phi (Martens 2010, Sec. 4.4), keeping
 * the iterates at ceil(1.3^j) for backtracking (Sec. 4.6). phi is tracked as -0.5 p^T (b + r) with
 * r = b - A p, so the model value costs no product. A residual criterion is a poor fit here: the
 * step only needs to lower the model, and the residual of an ill-conditioned A keeps CG busy long
 * after phi has stopped moving.
 */
export async function martensCg(
  op: (v: Float64Array) => Promise<Float64Array>,
  b: Float64Array,
  { x0, maxIter, eps }: MartensCgOptions,
): Promise<MartensCgResult> {
  const n = b.length;
  let p = new Float64Array(n);
  const r = new Float64Array(b);
  let products = 0;
  if (x0 && x0.some((v) => v !== 0)) {
    const r0 = new Float64Array(b);
    axpy(-1, await op(x0), r0);
    products++;
    // A warm start that the model rates worse than p = 0 would first have to be undone by CG.
    if (-0.5 * (dot(x0, b) + dot(x0, r0)) < 0) {
      p = new Float64Array(x0);
      r.set(r0);
    }
  }
  const phiOf = (): number => -0.5 * (dot(p, b) + dot(p, r));
  const phis: number[] = [phiOf()];
  const iterates: ModelIterate[] = [{ iteration: 0, p: new Float64Array(p), phi: phis[0] }];
  const dir = new Float64Array(r);
  let rr = dot(r, r);
  let nextStore = 1;
  let storeExponent = 0;
  let negativeCurvature: number | null = null;
  // After n steps the Krylov space is the whole space: in exact arithmetic CG has solved A p = b,
  // and further steps on a small problem only chase rounding while the progress rule waits for k.
  const limit = Math.min(maxIter, n);
  let i = 0;
  while (i < limit && rr > 0) {
    const ad = await op(dir);
    products++;
    const dAd = dot(dir, ad);
    if (!(dAd > 0)) {
      negativeCurvature = Number.isFinite(dAd) ? dAd / dot(dir, dir) : -Infinity;
      break;
    }
    const alpha = rr / dAd;
    axpy(alpha, dir, p);
    axpy(-alpha, ad, r);
    const rrNext = dot(r, r);
    const beta = rrNext / rr;
    rr = rrNext;
    for (let j = 0; j < n; j++) dir[j] = r[j] + beta * dir[j];
    i++;
    const phi = phiOf();
    phis.push(phi);
    if (i === nextStore) {
      iterates.push({ iteration: i, p: new Float64Array(p), phi });
      while (nextStore <= i) nextStore = Math.ceil(BACKTRACK_GAMMA ** ++storeExponent);
    }
    const k = Math.max(10, Math.floor(0.1 * i));
    if (i > k && phi < 0 && (phi - phis[i - k]) / phi < k * eps) break;
  }
  if (iterates[iterates.length - 1].iteration !== i) iterates.push({ iteration: i, p: new Float64Array(p), phi: phis[i] });
  return { iterates, products, negativeCurvature };
}

interface HfState {
  lambda: number;
  /** The last CG solution (before backtracking), which Martens warm-starts the next solve from. */
  previous: Float64Array | null;
}

/**
 * Hessian-free optimisation: Martens 2010, Deep learning via Hessian-free optimization (ICML),
 * Alg. 1, CG on the damped Gauss-Newton matrix G + lambda I as Martens does (G >= 0, so CG never
 * meets negative curvature) or, by choice or where the objective has no G, on the exact Hessian.
 */
export const hessianFree: Optimizer<HfState> = {
  name: 'hessian-free',
  label: 'Hessian-free',
  citation: 'Martens 2010, Deep learning via Hessian-free optimization (ICML), Sec. 4 and Alg. 1',
  params: PARAMS,
  secondOrder: true,
  init: (x0, objective, hp) => evaluateAt(objective, x0, { lambda: readParams(PARAMS, hp).num('lambda0'), previous: null }),
  step: async (prev, objective, hp): Promise<StepResult<HfState>> => {
    const p = readParams(PARAMS, hp);
    const { x, grad, loss } = prev;
    const { lambda, previous } = prev.state;
    const useG = p.str('curvature') === 'gauss-newton' && objective.ggnvp !== undefined;
    const product = useG ? objective.ggnvp!.bind(objective) : objective.hvp.bind(objective);
    const cg = await martensCg(async (v) => axpy(lambda, v, await product(x, v)), scale(-1, grad), {
      x0: previous ? scale(p.num('decay'), previous) : undefined,
      maxIter: p.num('cgMaxIter'),
      eps: p.num('cgEps'),
    });
    const last = cg.iterates[cg.iterates.length - 1];
    const best = await backtrack(objective, x, cg.iterates);
    // d^T (H + lambda I) d <= 0 proves H curves down by lambda - q along d (q the quotient found):
    // twice that makes the next solve convex along d at once instead of after several x 3/2 steps
    // (the exact Hessian, unlike Martens' Gauss-Newton, is indefinite). On sine-tanh-mse a factor
    // of 1 left ||g|| at 2e-3 after 300 steps; 2 reaches 1e-5 in 250.
    const floor = cg.negativeCurvature === null ? 0 : 2 * (lambda - cg.negativeCurvature);
    if (best && best.value < loss) {
      // rho divides by the damped model that CG minimised (phi, free from its recurrence). With the
      // undamped model, circles-relu-bce (whose loss heads to 0) stalled at f = 2e-3, g = 2e-3.
      const rho = (best.value - loss) / best.iterate.phi;
      const next = rho > 0.75 ? (2 / 3) * lambda : rho < 0.25 ? 1.5 * lambda : lambda;
      const state: HfState = { lambda: Math.max(next, floor, 1e-12), previous: last.p };
      return { state, x: best.x, loss: best.value, grad: best.grad, stepSize: norm(best.iterate.p) };
    }
    // No stored iterate lowers f: the model is untrustworthy at this size, so damp harder and
    // fall back on a line search along the best-model direction (steepest descent if none descends).
    const state: HfState = { lambda: Math.max(1.5 * lambda, floor), previous: null };
    const d = allFinite(last.p) && dot(last.p, grad) < 0 ? last.p : scale(-1 / state.lambda, grad);
    const ls = await armijo(objective, x, loss, grad, d, { alpha0: 0.5 });
    if (!ls) return { ...prev, state, stop: 'line search failed' };
    return { state, x: ls.x, loss: ls.value, grad: ls.grad, stepSize: ls.alpha * norm(d) };
  },
};

interface Candidate {
  iterate: ModelIterate;
  x: Float64Array;
  value: number;
  grad: Float64Array;
}

/**
 * Martens 2010 Sec. 4.6: walk back from the last CG iterate while f keeps falling, because later
 * iterates fit the local model ever better but the model, not f, is what CG minimises.
 */
async function backtrack(objective: Objective, x: Float64Array, iterates: ModelIterate[]): Promise<Candidate | null> {
  let best: Candidate | null = null;
  for (let j = iterates.length - 1; j >= 0; j--) {
    const iterate = iterates[j];
    if (!(iterate.phi < 0)) continue;
    const xt = addScaled(x, 1, iterate.p);
    const { value, grad } = await objective.valueAndGrad(xt);
    const finite = Number.isFinite(value) && allFinite(grad);
    if (best && !(finite && value < best.value)) break;
    if (!finite) continue;
    best = { iterate, x: xt, value, grad };
  }
  return best;
}
