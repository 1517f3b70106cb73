import type { Objective } from '../objective';
import { allFinite } from '../linalg/vector';
import { objectiveKind, resolveParams } from './hyper-params';
import type { Optimizer, RunOptions, RunResult, StepRecord, StepResult, StopReason } from './types';

/**
 * Divergence is judged against the start: a loss above f0 + DIVERGENCE_FACTOR (|f0| + 1) for
 * DIVERGENCE_WINDOW consecutive steps. The "+ 1" is the scale floor of a loss near zero (a
 * cross-entropy's natural unit is one nat; a start at a minimum has f0 = 0); the window lets
 * an optimizer that overshoots once and recovers (momentum on a narrow valley) carry on.
 */
export const DIVERGENCE_FACTOR = 10;
export const DIVERGENCE_WINDOW = 5;
/**
 * A loss below f0 - UNBOUNDED_FACTOR (|f0| + 1) counts as a function unbounded below: no loss a
 * problem file can describe falls that far, and a 2-D function that does (x^2 - y^2) would
 * otherwise run on to -1e308 and overflow.
 */
export const UNBOUNDED_FACTOR = 1e6;

/** The start point's loss or gradient is not finite: there is nothing to run from. */
export class NonFiniteStartError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NonFiniteStartError';
  }
}

/** The Euclidean norm, scaled so finite components never overflow it (Infinity only for a non-finite component). */
export function gradientNorm(g: Float64Array): number {
  let big = 0;
  for (let i = 0; i < g.length; i++) {
    const a = Math.abs(g[i]);
    if (!(a <= big)) big = a;
  }
  if (big === 0 || !Number.isFinite(big)) return big;
  let s = 0;
  for (let i = 0; i < g.length; i++) s += (g[i] / big) ** 2;
  return big * Math.sqrt(s);
}

/** Gauss-Newton products and K-FAC factor passes spent so far, only where the objective offers them. */
function curvatureCounts(objective: Objective): { nggnvp?: number; nkfac?: number } {
  return {
    ...(objective.ggnvp ? { nggnvp: objective.counts.ggnvps } : {}),
    ...(objective.kfacFactors ? { nkfac: objective.counts.kfacFactors } : {}),
  };
}

/** The loss levels a run is judged against, from its start. */
export interface DivergenceLevels {
  /** Above this for DIVERGENCE_WINDOW steps in a row: diverged. */
  above: number;
  /** Below this once: unbounded below. */
  below: number;
}

export function divergenceLevels(f0: number): DivergenceLevels {
  const scale = Math.abs(f0) + 1;
  return { above: f0 + DIVERGENCE_FACTOR * scale, below: f0 - UNBOUNDED_FACTOR * scale };
}

/** Why a step's result cannot be kept, or undefined when every number in it is finite. */
function nonFiniteReason(r: StepResult<unknown>, iteration: number): StopReason | undefined {
  if (r.loss === -Infinity) return `unbounded below at iteration ${iteration}`;
  if (!Number.isFinite(r.loss)) return `diverged at step ${iteration}`;
  if (!allFinite(r.grad)) return `gradient overflow at iteration ${iteration}`;
  if (!Number.isFinite(r.stepSize) || !allFinite(r.x)) return `diverged at step ${iteration}`;
  return undefined;
}

/**
 * Drives init/step until a stop condition, recording every iterate with the objective's
 * cumulative counts (scipy's nit/nfev/njev/nhev) and wall time. Never records a non-finite
 * number: a step that overflows stops the run at the last finite iterate, and the reason says
 * what happened and at which iteration (diverged, unbounded below, gradient overflow).
 */
export async function runOptimizer(
  opt: Optimizer,
  objective: Objective,
  x0: Float64Array,
  options: RunOptions,
): Promise<RunResult> {
  const hp = resolveParams(opt.name, opt.params, options.hp ?? {}, opt.constraints, objectiveKind(objective));
  const project = options.project ?? ((x: Float64Array) => Array.from(x));
  const t0 = performance.now();
  const records: StepRecord[] = [];

  const record = (r: StepResult<unknown>, iteration: number): void => {
    const rec: StepRecord = {
      iteration,
      point: project(r.x),
      loss: r.loss,
      gradNorm: gradientNorm(r.grad),
      stepSize: r.stepSize,
      nfev: objective.counts.values,
      ngev: objective.counts.gradients,
      nhvp: objective.counts.hvps,
      ...curvatureCounts(objective),
      timeMs: performance.now() - t0,
    };
    records.push(rec);
    options.onRecord?.(rec);
  };

  let current = await opt.init(new Float64Array(x0), objective, hp);
  if (nonFiniteReason(current, 0) !== undefined) {
    const where = x0.length <= 4 ? `(${Array.from(x0).join(', ')})` : 'the starting point';
    throw new NonFiniteStartError(`${opt.name}: the objective is not finite at ${where}: loss ${current.loss}, gradient norm ${gradientNorm(current.grad)}`);
  }
  record(current, 0);
  const levels = divergenceLevels(current.loss);

  let nit = 0;
  /** The first step of the current run of losses above the divergence level, or 0. */
  let aboveSince = 0;
  let reason: StopReason;
  for (;;) {
    if (gradientNorm(current.grad) <= options.gtol) {
      reason = 'gtol met';
      break;
    }
    if (options.shouldStop?.()) {
      reason = 'cancelled';
      break;
    }
    if (nit >= options.maxIter) {
      reason = 'max iterations';
      break;
    }
    const next = await opt.step(current, objective, hp);
    if (next.stop) {
      reason = next.stop;
      break;
    }
    const bad = nonFiniteReason(next, nit + 1);
    if (bad) {
      reason = bad;
      break;
    }
    if (gradientNorm(next.grad) === Infinity) {
      reason = `gradient overflow at iteration ${nit + 1}`;
      break;
    }
    nit++;
    current = next;
    record(current, nit);
    if (current.loss < levels.below) {
      reason = `unbounded below at iteration ${nit}`;
      break;
    }
    aboveSince = current.loss > levels.above ? aboveSince || nit : 0;
    if (aboveSince && nit - aboveSince + 1 >= DIVERGENCE_WINDOW) {
      reason = `diverged at step ${aboveSince}`;
      break;
    }
  }

  return {
    optimizer: opt.name,
    hyperParams: hp,
    success: reason === 'gtol met',
    reason,
    nit,
    nfev: objective.counts.values,
    ngev: objective.counts.gradients,
    nhvp: objective.counts.hvps,
    ...curvatureCounts(objective),
    x: Array.from(current.x),
    f: current.loss,
    gradNorm: gradientNorm(current.grad),
    records,
  };
}
