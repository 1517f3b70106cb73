/**
 * What to do when a WebGPU device reports `lost`. The promise outlives its backend: a device from
 * an earlier start, or one lost after the person already switched away, is no reason to move.
 * A live loss moves to the CPU-side backends only; the GPU that just failed would also carry webgl.
 */
export const AFTER_LOSS_ORDER: readonly ('wasm' | 'cpu')[] = ['wasm', 'cpu'];

export interface LossContext {
  /** Start number the lost device belongs to, and the start number now current. */
  deviceStart: number;
  currentStart: number;
  /** Backend TF.js is running now. */
  active: string;
}

/** Backends to try in order, or null when the loss does not concern the backend in use. */
export function fallbackOnLoss(ctx: LossContext): ('wasm' | 'cpu')[] | null {
  if (ctx.deviceStart !== ctx.currentStart || ctx.active !== 'webgpu') return null;
  return [...AFTER_LOSS_ORDER];
}

/** What the person reads: what happened, why if the device said, and where the app went on. */
export function lossMessage(backend: string, reason: string, detail: string): string {
  const why = [reason, detail].filter((s) => s && s !== 'undefined').join(': ');
  return `WebGPU device was lost${why ? ` (${why})` : ''}; continued on ${backend}`;
}

/** Errors a lost GPU device leaves in computations that were using it (buffers destroyed, mapAsync aborted). */
export function isDeviceFailure(e: unknown): boolean {
  const text = e instanceof Error ? `${e.name} ${e.message}` : String(e);
  return /destroyed|device (is )?lost|mapAsync|GPUDevice|OperationError/i.test(text);
}

/** Continuations after device losses one computation (an explorer run's optimizer, a training) may take before its error stands. */
export const MAX_LOSS_RESTARTS = 2;

/** What a computation needs to know of device losses: how many so far, and whether a failure was one (BackendQueue). */
export interface LossWatch {
  losses: number;
  lostSince(lossesBefore: number, e: unknown): Promise<string | null>;
}

/** Before any tensor backend started there is no device to lose. */
export const NO_LOSSES: LossWatch = { losses: 0, lostSince: async () => null };

/**
 * Runs `attempt` and, when it fails because the WebGPU device was lost (the backend queue has
 * then moved TF.js to wasm or cpu), asks `resume` whether to go on and runs `attempt` again on the
 * backend that now runs, up to MAX_LOSS_RESTARTS times; any other failure stands. `attempt` gets
 * how many losses came before it, so it can continue from what the earlier attempts held.
 */
export async function continueAfterLoss<T>(
  watch: () => LossWatch,
  attempt: (restarts: number) => Promise<T>,
  resume: (words: string) => boolean | Promise<boolean>,
): Promise<T> {
  for (let restarts = 0; ; restarts++) {
    const lossesBefore = watch().losses;
    try {
      return await attempt(restarts);
    } catch (e) {
      const lost = await watch().lostSince(lossesBefore, e);
      if (!lost || restarts >= MAX_LOSS_RESTARTS || !(await resume(lost))) throw e;
    }
  }
}

/** The training notice: where the device was lost, where training went on, and what became of the optimizer's state. */
export function trainingResumedMessage(step: number, backend: string, optimizer: string): string {
  return `WebGPU device lost at step ${step}; continued on ${backend} from the parameters at step ${step} (${optimizer}'s optimizer state re-created there, not carried)`;
}

/** The notice of a computation that has no steps to continue from: it ran again from its start. */
export function recomputedMessage(what: string, backend: string): string {
  return `WebGPU device lost during the ${what}; computed again on ${backend}`;
}

/** A continued run's stop reason, whose step numbers count from where it continued, renumbered from the run's start. */
export function shiftStepNumbers(reason: string, offset: number): string {
  return offset === 0 ? reason : reason.replace(/\b(step|iteration) (\d+)/g, (_, word: string, k: string) => `${word} ${Number(k) + offset}`);
}
