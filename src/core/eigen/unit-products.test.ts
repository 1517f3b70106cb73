import { describe, expect, it } from 'vitest';
import { denseMatrix } from './dense';
import { exactTrace } from './trace';
import { operatorWithSpectrum } from './test-operators';
import type { BatchMatVec } from './types';
import { matVec } from '../linalg/vector';

const spectrum = Array.from({ length: 37 }, (_, i) => Math.cos(i) * 4 - 0.5);
const dense = operatorWithSpectrum(spectrum, 11);
const n = spectrum.length;

/** Row by row through the dense matrix, counting calls and products. */
function batched(): { batch: BatchMatVec; calls: () => number; products: () => number } {
  let calls = 0;
  let products = 0;
  const batch: BatchMatVec = async (V, k) => {
    calls++;
    products += k;
    const out = new Float64Array(k * n);
    for (let i = 0; i < k; i++) out.set(matVec(dense.matrix, n, V.subarray(i * n, (i + 1) * n)), i * n);
    return out;
  };
  return { batch, calls: () => calls, products: () => products };
}

describe('unit products in batches', () => {
  it('the exact trace in chunks of 8 (a remainder of 5) equals the spectrum\'s sum', async () => {
    const b = batched();
    const before = dense.calls();
    const t = await exactTrace(dense.op, n, { batch: b.batch, chunk: 8 });
    expect(t.trace).toBeCloseTo(spectrum.reduce((s, x) => s + x, 0), 10);
    expect(t.products).toBe(n);
    expect(b.calls()).toBe(5);
    expect(b.products()).toBe(n);
    expect(dense.calls()).toBe(before);
  });

  it('the dense matrix from batches equals the operator\'s matrix', async () => {
    const b = batched();
    const h = await denseMatrix(dense.op, n, { batch: b.batch, chunk: 10 });
    let worst = 0;
    for (let i = 0; i < n * n; i++) worst = Math.max(worst, Math.abs(h[i] - dense.matrix[i]));
    expect(worst).toBeLessThan(1e-12);
    expect(b.calls()).toBe(4);
  });

  it('rejects a batched operator that returns the wrong size', async () => {
    await expect(exactTrace(dense.op, n, { batch: async () => new Float64Array(3), chunk: 4 })).rejects.toThrow(/expected 4 x 37/);
  });
});
