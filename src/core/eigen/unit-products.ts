/**
 * H e_j for every unit vector e_j, as the exact trace and the dense matrix need them: one product at
 * a time, or `chunk` at a time through a batched operator (one backend pass and one readback per
 * chunk instead of per column).
 */
import type { BatchMatVec, MatVec } from './types';

/**
 * Unit vectors per batched call unless told otherwise: on the P = 5,094 network of
 * bench/trace-batched.ts (process CPU time per HVP, one per pass / 8 / 16 / 32 per pass) wasm took
 * 8.5 / 4.7 / 3.4 / 3.1 ms and cpu 90 / 54 / 47 / 48 ms; 16 is near the best on both with half the
 * memory of 32.
 */
export const DEFAULT_UNIT_CHUNK = 16;

export interface UnitProductOptions {
  batch?: BatchMatVec;
  /** Products per batched call; default DEFAULT_UNIT_CHUNK. */
  chunk?: number;
}

/** Calls visit(j, H e_j) for j = 0 .. n-1 in order; `column` is only valid during the call. */
export async function forEachUnitProduct(op: MatVec, n: number, visit: (j: number, column: Float64Array) => void, opts: UnitProductOptions = {}): Promise<void> {
  const { batch } = opts;
  if (!batch) {
    const e = new Float64Array(n);
    for (let j = 0; j < n; j++) {
      e[j] = 1;
      visit(j, await op(e));
      e[j] = 0;
    }
    return;
  }
  const chunk = Math.max(1, Math.floor(opts.chunk ?? DEFAULT_UNIT_CHUNK));
  for (let start = 0; start < n; start += chunk) {
    const k = Math.min(chunk, n - start);
    const E = new Float64Array(k * n);
    for (let i = 0; i < k; i++) E[i * n + start + i] = 1;
    const out = await batch(E, k);
    if (out.length !== k * n) throw new Error(`batched operator returned ${out.length} entries, expected ${k} x ${n}`);
    for (let i = 0; i < k; i++) visit(start + i, out.subarray(i * n, (i + 1) * n));
  }
}
