/**
 * Curvature over training: every k steps of an optimizer's run, both ends of the Hessian spectrum
 * by Lanczos warm started from the last Ritz vectors, Hutchinson's trace with its standard error,
 * and the gradient norm, against the edge-of-stability line (Cohen et al. 2021).
 */
import { countedObjective, type Objective } from '../objective';
import { lanczos } from '../eigen/lanczos';
import type { EigenResult, MatVec } from '../eigen/types';
import { allFinite, axpy, norm, scale } from '../linalg/vector';
import { objectiveKind, resolveParams } from '../optim/hyper-params';
import { runOptimizer } from '../optim/run';
import type { HyperParams, Optimizer, RunResult, StepRecord } from '../optim/types';
import { edgeOfStability } from './edge-of-stability';
import { hessianOperator } from './spectrum';
import { traceWithReference } from './trace-estimate';

/** One measurement; the curvature fields are NaN where a Hessian-vector product overflowed. */
export interface CurvaturePoint {
  step: number;
  loss: number;
  gradNorm: number;
  lambdaMax: number;
  lambdaMin: number;
  /** Relative residuals of the two Ritz pairs (see EigenPair.residual). */
  residualMax: number;
  residualMin: number;
  converged: boolean;
  /** Hutchinson's estimate, its standard error and the probes it used. */
  trace: number;
  traceStdError: number;
  traceProbes: number;
  /** The exact trace at this point where the options asked for it, else null. */
  traceExact: number | null;
  /** Products Lanczos spent here; it started from the previous point's Ritz vectors when warmStarted. */
  lanczosHvps: number;
  warmStarted: boolean;
  /** Products a cold (random-start) Lanczos spent to the same tolerance, when compareColdStart is on. */
  coldLanczosHvps: number | null;
  /** Every product spent at this point (Lanczos, trace, and the cold comparison if any). */
  hvps: number;
  /** lambda_max of the Gauss-Newton matrix here, with the options' ggn on (beside the Hessian's, which can exceed it). */
  ggnLambdaMax?: number;
  /** Gauss-Newton products that measurement spent. */
  ggnvps?: number;
}

export interface CurvatureTrackingOptions {
  /** Most optimizer steps. */
  steps: number;
  /** Measure at step 0, every `every` steps, and at the last step. */
  every: number;
  /** Relative residual both Ritz pairs must reach. */
  lanczosTol: number;
  traceProbes: number;
  seed: number;
  /** Stop the run once the gradient norm is at most this; default 0 (run all steps). */
  gtol?: number;
  /** Most products per Lanczos solve; default min(dim, 200). */
  lanczosMaxProducts?: number;
  /** Start each Lanczos from the previous Ritz vectors; default true. */
  warmStart?: boolean;
  /** Also run a cold Lanczos at each point to measure what warm starting saves; default false. */
  compareColdStart?: boolean;
  /** Compute the exact trace beside the estimate when dim is at most this; default 0. */
  exactTraceUpTo?: number;
  /** Also measure lambda_max of the Gauss-Newton matrix (where the objective has ggnvp); default false. */
  ggn?: boolean;
  /**
   * Steps already taken before x0, for a run continued from its last iterate (after a lost WebGPU
   * device): records, measurements and Lanczos seeds count steps from it, so points fall on the
   * steps an uninterrupted run measures. Default 0.
   */
  startStep?: number;
  /** The point at startStep is already held, so it is not measured again. */
  startMeasured?: boolean;
  /** Passed to the runner: what each step record keeps of the iterate. */
  project?: (x: Float64Array) => number[];
  onRecord?: (r: StepRecord) => void;
  onPoint?: (p: CurvaturePoint) => void;
  shouldStop?: () => boolean;
}

export interface WarmStartSummary {
  /** Lanczos products over the points that were warm started. */
  warmHvps: number;
  /** Cold Lanczos products at the same points (null unless compareColdStart). */
  coldHvps: number | null;
  points: number;
}

export interface CurvatureTrackingResult {
  run: RunResult;
  curvature: CurvaturePoint[];
  /** The sharpness at which the optimizer's fixed step stops being stable, or null (see edgeOfStability). */
  edgeOfStability: number | null;
  warmStart: WarmStartSummary;
  /** Products spent on curvature, separate from the run's own nhvp. */
  curvatureHvps: number;
}

/** A product overflowed (a diverging run): the point is recorded without curvature rather than stalling Lanczos on NaN. */
class NonFiniteProduct extends Error {}

function finiteHessianOperator(objective: Objective, w: Float64Array): MatVec {
  const op = hessianOperator(objective, w);
  return async (v) => {
    const hv = await op(v);
    if (!allFinite(hv)) throw new NonFiniteProduct('non-finite Hessian-vector product');
    return hv;
  };
}

/** Both ends' Ritz vectors combined: the Krylov space of their sum holds both from its first vector. */
function warmStartVector(eig: EigenResult): Float64Array | undefined {
  const top = eig.top[0]?.vector;
  const bottom = eig.bottom[0]?.vector;
  if (!top || !bottom) return undefined;
  const nt = norm(top);
  const nb = norm(bottom);
  if (!(nt > 0) || !(nb > 0)) return undefined;
  return axpy(1 / nb, bottom, scale(1 / nt, top));
}

/**
 * Runs `optimizer` through runOptimizer and measures the Hessian at the chosen steps. The runner's
 * record hook is synchronous, so a measurement is queued there and the optimizer's next objective
 * call waits for it: training pauses while curvature is measured, then resumes from the same state.
 * The optimizer sees its own counted view of `objective`, so the run's nfev/nhvp stay its own.
 */
export async function trainWithCurvature(
  optimizer: Optimizer,
  hp: HyperParams,
  objective: Objective,
  x0: Float64Array,
  opts: CurvatureTrackingOptions,
): Promise<CurvatureTrackingResult> {
  if (!(opts.every >= 1) || !Number.isInteger(opts.every)) throw new Error(`every must be a positive integer, got ${opts.every}`);
  if (!(opts.steps >= 0) || !Number.isInteger(opts.steps)) throw new Error(`steps must be a non-negative integer, got ${opts.steps}`);
  const n = objective.dim;
  const resolved = resolveParams(optimizer.name, optimizer.params, hp, optimizer.constraints, objectiveKind(objective));
  const curvature: CurvaturePoint[] = [];
  const warm: WarmStartSummary = { warmHvps: 0, coldHvps: opts.compareColdStart ? 0 : null, points: 0 };
  const hvpsBefore = objective.counts.hvps;
  let previous: EigenResult | null = null;
  let pending: Promise<void> = Promise.resolve();
  let lastX = new Float64Array(x0);
  const startStep = opts.startStep ?? 0;
  let lastMeasured = opts.startMeasured ? startStep : -1;

  const lanczosAt = (w: Float64Array, start: Float64Array | undefined, seed: number): Promise<EigenResult> =>
    lanczos.solve(finiteHessianOperator(objective, w), n, {
      k: 1,
      which: 'both',
      tol: opts.lanczosTol,
      seed,
      maxProducts: opts.lanczosMaxProducts,
      start,
    });

  const measure = async (step: number, w: Float64Array, loss: number, gradNorm: number): Promise<void> => {
    lastMeasured = step;
    const seed = opts.seed + step;
    const start = opts.warmStart === false || !previous ? undefined : warmStartVector(previous);
    const before = objective.counts.hvps;
    let point: CurvaturePoint;
    try {
      const eig = await lanczosAt(w, start, seed);
      const lanczosHvps = objective.counts.hvps - before;
      let coldLanczosHvps: number | null = null;
      if (opts.compareColdStart) {
        const c = objective.counts.hvps;
        await lanczosAt(w, undefined, seed);
        coldLanczosHvps = objective.counts.hvps - c;
      }
      if (start) {
        warm.points++;
        warm.warmHvps += lanczosHvps;
        if (warm.coldHvps !== null && coldLanczosHvps !== null) warm.coldHvps += coldLanczosHvps;
      }
      const tr = await traceWithReference(finiteHessianOperator(objective, w), n, {
        probes: opts.traceProbes,
        seed,
        exactUpTo: opts.exactTraceUpTo ?? 0,
      });
      previous = eig;
      point = {
        step,
        loss,
        gradNorm,
        lambdaMax: eig.top[0].value,
        lambdaMin: eig.bottom[0].value,
        residualMax: eig.top[0].residual,
        residualMin: eig.bottom[0].residual,
        converged: eig.converged,
        trace: tr.value,
        traceStdError: tr.stdError,
        traceProbes: tr.probes,
        traceExact: tr.exact,
        lanczosHvps,
        warmStarted: start !== undefined,
        coldLanczosHvps,
        hvps: objective.counts.hvps - before,
      };
    } catch (e) {
      if (!(e instanceof NonFiniteProduct)) throw e;
      previous = null;
      point = {
        step,
        loss,
        gradNorm,
        lambdaMax: NaN,
        lambdaMin: NaN,
        residualMax: NaN,
        residualMin: NaN,
        converged: false,
        trace: NaN,
        traceStdError: NaN,
        traceProbes: 0,
        traceExact: null,
        lanczosHvps: objective.counts.hvps - before,
        warmStarted: start !== undefined,
        coldLanczosHvps: null,
        hvps: objective.counts.hvps - before,
      };
    }
    if (opts.ggn && objective.ggnvp && Number.isFinite(point.lambdaMax)) {
      const ggnvp = objective.ggnvp.bind(objective);
      const g0 = objective.counts.ggnvps;
      const top = await lanczos.solve((v) => ggnvp(w, v), n, { k: 1, which: 'top', tol: opts.lanczosTol, seed, maxProducts: opts.lanczosMaxProducts });
      point.ggnLambdaMax = top.top[0].value;
      point.ggnvps = objective.counts.ggnvps - g0;
    }
    curvature.push(point);
    opts.onPoint?.(point);
  };

  const gated = <A extends unknown[], R>(f: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      await pending;
      return f(...args);
    };
  const view = countedObjective({
    dim: n,
    value: gated((w: Float64Array) => objective.value(w)),
    valueAndGrad: gated((w: Float64Array) => objective.valueAndGrad(w)),
    hvp: gated((w: Float64Array, v: Float64Array) => objective.hvp(w, v)),
    hessian: objective.hessian ? gated((w: Float64Array) => objective.hessian!(w)) : undefined,
    // The curvature optimizers (Gauss-Newton, natural gradient, K-FAC, Shampoo) need these too.
    ggnvp: objective.ggnvp ? gated((w: Float64Array, v: Float64Array) => objective.ggnvp!(w, v)) : undefined,
    empiricalFisherVp: objective.empiricalFisherVp ? gated((w: Float64Array, v: Float64Array) => objective.empiricalFisherVp!(w, v)) : undefined,
    kfacFactors: objective.kfacFactors ? gated((w: Float64Array) => objective.kfacFactors!(w)) : undefined,
    sampledTargetGradient: objective.sampledTargetGradient ? gated((w: Float64Array, seed: number) => objective.sampledTargetGradient!(w, seed)) : undefined,
    paramMatrices: objective.paramMatrices,
  });

  const userProject = opts.project ?? ((x: Float64Array) => Array.from(x));
  let lastRecord: StepRecord | null = null;
  const run = await runOptimizer(optimizer, view, x0, {
    maxIter: opts.steps,
    gtol: opts.gtol ?? 0,
    hp: resolved,
    project: (x) => {
      lastX = new Float64Array(x);
      return userProject(x);
    },
    onRecord: (runnerRecord) => {
      const r = startStep ? { ...runnerRecord, iteration: runnerRecord.iteration + startStep } : runnerRecord;
      lastRecord = r;
      opts.onRecord?.(r);
      if (r.iteration % opts.every === 0 && r.iteration !== lastMeasured) {
        const w = lastX;
        // The runner asks shouldStop before the queued measurement has run, so ask again here.
        pending = pending.then(() => (opts.shouldStop?.() ? undefined : measure(r.iteration, w, r.loss, r.gradNorm)));
      }
    },
    shouldStop: opts.shouldStop,
  });
  await pending;
  const final = lastRecord as StepRecord | null;
  if (final && final.iteration !== lastMeasured && !opts.shouldStop?.()) {
    await measure(final.iteration, lastX, final.loss, final.gradNorm);
  }
  return {
    run,
    curvature,
    edgeOfStability: edgeOfStability(optimizer.name, resolved),
    warmStart: warm,
    curvatureHvps: objective.counts.hvps - hvpsBefore,
  };
}
