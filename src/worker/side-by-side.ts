/**
 * The explorer's run: every requested optimizer from the same start, taking turns one iteration
 * each (TurnScheduler), records streamed to the page at a bounded rate, iterates kept under the
 * run's id. An optimizer whose WebGPU device is lost mid-run restarts from its last iterate on the
 * backend the worker fell back to, and the page is told so in words.
 */
import { objectiveKind } from '../core/optim/hyper-params';
import { getOptimizer, resolveHyperParams } from '../core/optim/registry';
import { runOptimizer } from '../core/optim/run';
import type { RunResult } from '../core/optim/types';
import * as Comlink from 'comlink';
import { columnBuffers, packRecords, type RecordColumns } from '../protocol/record-columns';
import type { RunEvents, RunRequest, StreamedRecord } from '../protocol/run';
import type { LoadedProblem } from './problem-objective';
import { continueAfterLoss, type LossWatch } from './device-loss';
import type { IterateList } from './iterate-list';
import { gatedObjective, TurnScheduler } from './scheduler';

/** Records reach the page at most this often (10 Hz): charts follow, the page's thread stays free. */
export const FLUSH_MS = 100;

export interface RunControl {
  done: Promise<void>;
  pause(): void;
  resume(): void;
  stepOnce(): void;
  cancel(): void;
}

interface Offsets {
  iteration: number;
  nfev: number;
  ngev: number;
  nhvp: number;
  nggnvp: number;
  nkfac: number;
  timeMs: number;
}

const ZERO: Offsets = { iteration: 0, nfev: 0, ngev: 0, nhvp: 0, nggnvp: 0, nkfac: 0, timeMs: 0 };

interface ProductCounts {
  nfev: number;
  ngev: number;
  nhvp: number;
  nggnvp?: number;
  nkfac?: number;
}

/**
 * Product counts continued across a restart; Gauss-Newton products and K-FAC factor passes only
 * where the objective counts them.
 */
function shiftedCounts(r: ProductCounts, offsets: Offsets): ProductCounts {
  return {
    nfev: r.nfev + offsets.nfev,
    ngev: r.ngev + offsets.ngev,
    nhvp: r.nhvp + offsets.nhvp,
    ...(r.nggnvp !== undefined ? { nggnvp: r.nggnvp + offsets.nggnvp } : {}),
    ...(r.nkfac !== undefined ? { nkfac: r.nkfac + offsets.nkfac } : {}),
  };
}

export function runSideBySide(p: LoadedProblem, request: RunRequest, iterates: IterateList[], events: RunEvents, backends: LossWatch): RunControl {
  const sched = new TurnScheduler(request.optimizers.length, request.paused ?? false);
  const x0 = p.toFull(request.start);
  /** Each run's latest off-plane distance (networks), set when its iterate is projected. */
  const planeDistances: (number | undefined)[] = request.optimizers.map(() => undefined);
  const pending: StreamedRecord[][] = request.optimizers.map(() => []);
  /** Each run's newest record, where a restart continues its numbering and counters. */
  const latest: (StreamedRecord | null)[] = request.optimizers.map(() => null);
  // Callbacks travel on their own channel, so the last batches are awaited before anything that must follow them.
  // Records go as columns whose buffers are transferred: the page neither deserialises nor parses them one by one.
  const flush = async (): Promise<void> => {
    const batches: RecordColumns[] = [];
    pending.forEach((records, index) => {
      if (records.length > 0) batches.push(packRecords(index, records.splice(0)));
    });
    if (batches.length > 0) await events.onBatch(Comlink.transfer(batches, columnBuffers(batches)));
  };

  const attempt = async (i: number, from: Float64Array, offsets: Offsets, restarted: boolean): Promise<RunResult> => {
    const o = request.optimizers[i];
    const optimizer = getOptimizer(o.name);
    const inner = p.objective();
    const hp = resolveHyperParams(optimizer, o.hyperParams, objectiveKind(inner));
    let first = true;
    try {
      const objective = gatedObjective(inner, sched, i);
      const result = await runOptimizer(optimizer, objective, Float64Array.from(from), {
        maxIter: request.steps - offsets.iteration,
        gtol: request.gtol,
        hp,
        project: (x) => {
          // A restart's first iterate is the one it restarted from, already held.
          if (!(restarted && first)) iterates[i].push(x);
          first = false;
          const placed = p.place(x);
          planeDistances[i] = placed.planeDistance;
          return placed.at;
        },
        onRecord: (r) => {
          // A restart's first record is the iterate it restarted from, already streamed.
          if (!(restarted && r.iteration === 0)) {
            const streamed: StreamedRecord = {
              ...r,
              iteration: r.iteration + offsets.iteration,
              ...shiftedCounts(r, offsets),
              timeMs: Math.max(0, r.timeMs - sched.waitedMs[i]) + offsets.timeMs,
            };
            if (planeDistances[i] !== undefined) streamed.planeDistance = planeDistances[i];
            pending[i].push(streamed);
            latest[i] = streamed;
          }
          sched.endTurn(i);
        },
        shouldStop: () => sched.cancelled,
      });
      return result;
    } finally {
      inner.dispose?.();
    }
  };

  const one = async (i: number): Promise<void> => {
    let from = x0;
    let offsets = ZERO;
    try {
      // after a lost device the optimizer restarts from its last iterate, its counters continued
      const result = await continueAfterLoss(
        () => backends,
        (restarts) => attempt(i, from, offsets, restarts > 0),
        async (lost) => {
          const held = iterates[i];
          if (held.length === 0 || sched.cancelled) return false;
          from = held.last();
          const r = latest[i];
          offsets = r ? { iteration: r.iteration, nfev: r.nfev, ngev: r.ngev, nhvp: r.nhvp, nggnvp: r.nggnvp ?? 0, nkfac: r.nkfac ?? 0, timeMs: r.timeMs } : offsets;
          await events.onNote(i, `${lost}; ${request.optimizers[i].name} restarted from its last iterate (iteration ${offsets.iteration})`);
          return true;
        },
      );
      sched.finish(i);
      await flush();
      const shifted: RunResult = {
        ...result,
        nit: result.nit + offsets.iteration,
        ...shiftedCounts(result, offsets),
        // The records already streamed (with waiting time taken out); the summary need not repeat them.
        records: [],
      };
      await events.onDone(i, shifted);
    } catch (e) {
      sched.finish(i);
      await flush();
      await events.onError(i, (e as Error).message);
    }
  };

  const timer = setInterval(() => void flush(), FLUSH_MS);
  const done = (async () => {
    try {
      await Promise.all(request.optimizers.map((_, i) => one(i)));
    } finally {
      clearInterval(timer);
      await flush();
    }
  })();

  return {
    done,
    pause: () => sched.pause(),
    resume: () => sched.resume(),
    stepOnce: () => sched.stepOnce(),
    cancel: () => sched.cancel(),
  };
}
