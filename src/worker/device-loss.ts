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
