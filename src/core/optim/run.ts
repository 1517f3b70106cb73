import type { Objective } from '../objective';
import { allFinite, norm } from '../linalg/vector';
import { resolveParams } from './hyper-params';
import type { Optimizer, RunOptions, RunResult, StepRecord, StepResult, StopReason } from './types';

/** A loss this many times the starting scale (at least 1) counts as divergence. */
const DIVERGENCE_FACTOR = 1e10;

function isFinite(r: StepResult<unknown>): boolean {
  return Number.isFinite(r.loss) && Number.isFinite(r.stepSize) && allFinite(r.x) && allFinite(r.grad);
}

/**
 * Drives init/step until a stop condition, recording every iterate with the objective's
 * cumulative counts (scipy's nit/nfev/njev/nhev) and wall time. Never records a non-finite
 * number: on one it stops at the last finite iterate with reason 'non-finite value'.
 */
export async function runOptimizer(
  opt: Optimizer,
  objective: Objective,
  x0: Float64Array,
  options: RunOptions,
): Promise<RunResult> {
  const hp = resolveParams(opt.name, opt.params, options.hp ?? {});
  const project = options.project ?? ((x: Float64Array) => Array.from(x));
  const t0 = performance.now();
  const records: StepRecord[] = [];

  const record = (r: StepResult<unknown>, iteration: number): void => {
    const rec: StepRecord = {
      iteration,
      point: project(r.x),
      loss: r.loss,
      gradNorm: norm(r.grad),
      stepSize: r.stepSize,
      nfev: objective.counts.values,
      ngev: objective.counts.gradients,
      nhvp: objective.counts.hvps,
      timeMs: performance.now() - t0,
    };
    records.push(rec);
    options.onRecord?.(rec);
  };

  let current = await opt.init(new Float64Array(x0), objective, hp);
  if (!isFinite(current)) {
    throw new Error(`${opt.name}: the objective is not finite at the starting point`);
  }
  record(current, 0);
  const divergenceLevel = DIVERGENCE_FACTOR * Math.max(1, Math.abs(current.loss));

  let nit = 0;
  let reason: StopReason;
  for (;;) {
    if (norm(current.grad) <= options.gtol) {
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
    if (!isFinite(next)) {
      reason = 'non-finite value';
      break;
    }
    nit++;
    current = next;
    record(current, nit);
    if (current.loss > divergenceLevel) {
      reason = 'diverged';
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
    x: Array.from(current.x),
    f: current.loss,
    gradNorm: norm(current.grad),
    records,
  };
}
