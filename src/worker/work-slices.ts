/**
 * Long work in slices: compute runs until a slice's time is spent, then gives the worker's event
 * loop one task, so a cancel or a newer request (each a message) is handled within about a slice.
 */
import type { DisposableObjective } from './problem-objective';

/** A slice of compute between two looks at the message queue; well under the 100 ms a cancel may wait. */
export const SLICE_MS = 25;

export class CancelledError extends Error {
  constructor() {
    super('cancelled');
    this.name = 'CancelledError';
  }
}

/**
 * One macrotask. A MessageChannel message is queued behind messages already waiting (the page's
 * cancel among them) and, unlike nested setTimeout(0), is not clamped to 4 ms.
 */
export function nextTask(): Promise<void> {
  if (typeof MessageChannel === 'undefined') return new Promise((resolve) => setTimeout(resolve, 0));
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}

export class Slicer {
  private last = performance.now();
  /** Slices handed back to the event loop so far. */
  yields = 0;

  constructor(
    private readonly isCancelled: () => boolean,
    private readonly sliceMs: number = SLICE_MS,
  ) {}

  /** Yields when the slice is spent; throws CancelledError once the work is no longer wanted. */
  async tick(): Promise<void> {
    if (performance.now() - this.last >= this.sliceMs) {
      await nextTask();
      this.yields++;
      this.last = performance.now();
    }
    if (this.isCancelled()) throw new CancelledError();
  }
}

/** The same objective (same counters, same dispose), ticking the slicer before every call. */
export function slicedObjective(objective: DisposableObjective, slicer: Slicer): DisposableObjective {
  const hessian = objective.hessian?.bind(objective);
  // The curvature products past the Hessian pass through too, each one a slice boundary, so the
  // Gauss-Newton tools and the optimizers that need them (K-FAC, natural gradient) work here.
  const sliced = <A extends unknown[], R>(f: ((...a: A) => Promise<R>) | undefined): ((...a: A) => Promise<R>) | undefined =>
    f
      ? async (...a: A) => {
          await slicer.tick();
          return f.apply(objective, a);
        }
      : undefined;
  return {
    hvpBatch: sliced(objective.hvpBatch),
    ggnvp: sliced(objective.ggnvp),
    empiricalFisherVp: sliced(objective.empiricalFisherVp),
    kfacFactors: sliced(objective.kfacFactors),
    sampledTargetGradient: sliced(objective.sampledTargetGradient),
    paramMatrices: objective.paramMatrices,
    dim: objective.dim,
    counts: objective.counts,
    async value(w) {
      await slicer.tick();
      return objective.value(w);
    },
    async valueAndGrad(w) {
      await slicer.tick();
      return objective.valueAndGrad(w);
    },
    async hvp(w, v) {
      await slicer.tick();
      return objective.hvp(w, v);
    },
    hessian: hessian
      ? async (w) => {
          await slicer.tick();
          return hessian(w);
        }
      : undefined,
    dispose: objective.dispose ? () => objective.dispose?.() : undefined,
  };
}

/** A batch boundary of work that checks a flag instead of throwing: yield if the slice is spent, and say whether the work is no longer wanted. */
export async function sliceCancelled(slicer: Slicer): Promise<boolean> {
  try {
    await slicer.tick();
    return false;
  } catch (e) {
    if (e instanceof CancelledError) return true;
    throw e;
  }
}
