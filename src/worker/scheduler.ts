/**
 * Turn-taking for optimizers that run side by side: each gets one iteration per turn, so a pause,
 * a single step or a cancel lands between iterations, and the time an optimizer spends waiting
 * for its turn is kept out of its wall time.
 */
import type { Objective } from '../core/objective';

/** Longest stretch of compute before the worker lets its message queue run (pause/cancel arrive there). */
const YIELD_EVERY_MS = 12;

function macrotask(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

export class TurnScheduler {
  private readonly active: boolean[];
  private readonly waiters = new Set<() => void>();
  private turn = 0;
  private paused: boolean;
  /** Turns still granted while paused (a single step grants one per active optimizer). */
  private budget = 0;
  private lastYield = performance.now();
  cancelled = false;
  /** Milliseconds each optimizer spent waiting, cumulative. */
  readonly waitedMs: number[];

  /** `paused` starts with one turn per optimizer granted, so the run shows its first iterates and waits. */
  constructor(count: number, paused: boolean) {
    this.active = new Array<boolean>(count).fill(true);
    this.waitedMs = new Array<number>(count).fill(0);
    this.paused = paused;
    this.budget = paused ? count : 0;
  }

  private canGo(i: number): boolean {
    return this.cancelled || (this.turn === i && (!this.paused || this.budget > 0));
  }

  private wake(): void {
    const all = [...this.waiters];
    this.waiters.clear();
    for (const w of all) w();
  }

  /** Resolves when optimizer `i` may spend compute. */
  async gate(i: number): Promise<void> {
    const t0 = performance.now();
    if (t0 - this.lastYield > YIELD_EVERY_MS) {
      await macrotask();
      this.lastYield = performance.now();
    }
    while (!this.canGo(i)) await new Promise<void>((resolve) => this.waiters.add(resolve));
    this.waitedMs[i] += performance.now() - t0;
  }

  private passTurn(from: number): void {
    const n = this.active.length;
    for (let k = 1; k <= n; k++) {
      const j = (from + k) % n;
      if (this.active[j]) {
        this.turn = j;
        break;
      }
    }
    this.wake();
  }

  /** Optimizer `i` finished an iteration. */
  endTurn(i: number): void {
    if (this.turn !== i) return;
    if (this.paused && this.budget > 0) this.budget--;
    this.passTurn(i);
  }

  /** Optimizer `i` stopped for good. */
  finish(i: number): void {
    this.active[i] = false;
    if (this.turn === i) this.passTurn(i);
  }

  pause(): void {
    this.paused = true;
    this.budget = 0;
  }

  resume(): void {
    this.paused = false;
    this.wake();
  }

  stepOnce(): void {
    this.paused = true;
    this.budget = this.active.filter(Boolean).length;
    this.wake();
  }

  cancel(): void {
    this.cancelled = true;
    this.wake();
  }
}

/** The same objective (same counters), with every call waiting for optimizer `i`'s turn. */
export function gatedObjective(objective: Objective, scheduler: TurnScheduler, i: number): Objective {
  const hessian = objective.hessian?.bind(objective);
  // The curvature products past the Hessian wait their turn too, so K-FAC, Levenberg-Marquardt,
  // natural gradient, Shampoo and Sophia run here with what their objective offers.
  const gated = <A extends unknown[], R>(f: ((...a: A) => Promise<R>) | undefined): ((...a: A) => Promise<R>) | undefined =>
    f
      ? async (...a: A) => {
          await scheduler.gate(i);
          return f.apply(objective, a);
        }
      : undefined;
  return {
    hvpBatch: gated(objective.hvpBatch),
    ggnvp: gated(objective.ggnvp),
    empiricalFisherVp: gated(objective.empiricalFisherVp),
    kfacFactors: gated(objective.kfacFactors),
    sampledTargetGradient: gated(objective.sampledTargetGradient),
    paramMatrices: objective.paramMatrices,
    dim: objective.dim,
    counts: objective.counts,
    async value(w) {
      await scheduler.gate(i);
      return objective.value(w);
    },
    async valueAndGrad(w) {
      await scheduler.gate(i);
      return objective.valueAndGrad(w);
    },
    async hvp(w, v) {
      await scheduler.gate(i);
      return objective.hvp(w, v);
    },
    hessian: hessian
      ? async (w) => {
          await scheduler.gate(i);
          return hessian(w);
        }
      : undefined,
  };
}
