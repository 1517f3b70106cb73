import { describe, expect, it } from 'vitest';
import { countedObjective } from '../objective';
import { symmetricEigen } from '../linalg/symmetric-eigen';
import { createRng, randomNormalVector } from '../random';
import { type BatchObjectiveFactory, miniBatchSharpness, sampleRows } from './minibatch';

const D = 6;
const ROWS = 40;
const rng = createRng(3);
const DATA = Array.from({ length: ROWS }, () => randomNormalVector(D, rng));

/** Least squares over rows: H_B = (1/|B|) sum_i a_i a_i^T, whatever w is. */
function batchHessian(rows: number[]): Float64Array {
  const h = new Float64Array(D * D);
  for (const r of rows) for (let i = 0; i < D; i++) for (let j = 0; j < D; j++) h[i * D + j] += (DATA[r][i] * DATA[r][j]) / rows.length;
  return h;
}

function lambdaMax(rows: number[]): number {
  const { values } = symmetricEigen(batchHessian(rows), D);
  return values[D - 1];
}

describe('miniBatchSharpness', () => {
  it('each batch value is the top eigenvalue of that batch Hessian; the full batch of all rows', async () => {
    let disposed = 0;
    const factory: BatchObjectiveFactory = (rows) => {
      const h = batchHessian(rows);
      const hv = (v: Float64Array): Float64Array => {
        const out = new Float64Array(D);
        for (let i = 0; i < D; i++) for (let j = 0; j < D; j++) out[i] += h[i * D + j] * v[j];
        return out;
      };
      return Object.assign(
        countedObjective({ dim: D, value: async () => 0, valueAndGrad: async () => ({ value: 0, grad: new Float64Array(D) }), hvp: async (_w, v) => hv(v) }),
        { dispose: () => disposed++ },
      );
    };
    const res = await miniBatchSharpness(factory, ROWS, new Float64Array(D), { batchSize: 8, batches: 12, seed: 1, tol: 1e-10 });
    expect(res.label).toBe('mini-batch');
    expect(disposed).toBe(13);
    expect(res.fullBatch).toBeCloseTo(lambdaMax(Array.from({ length: ROWS }, (_, i) => i)), 10);
    expect(res.values).toHaveLength(12);
    res.batchRows.forEach((rows, b) => {
      expect(new Set(rows).size).toBe(8);
      expect(res.values[b]).toBeCloseTo(lambdaMax(rows), 10);
    });
    const mean = res.values.reduce((s, v) => s + v, 0) / 12;
    expect(res.mean).toBeCloseTo(mean, 12);
    expect(res.std).toBeCloseTo(Math.sqrt(res.values.reduce((s, v) => s + (v - mean) ** 2, 0) / 11), 12);
    expect(res.min).toBe(Math.min(...res.values));
    expect(res.max).toBe(Math.max(...res.values));
    // Small batches overestimate sharpness on average (their Hessians are noisier).
    expect(res.mean).toBeGreaterThan(res.fullBatch);
  });

  it('sampleRows draws distinct rows uniformly: every row about equally often', () => {
    const r = createRng(0);
    const counts = new Array(10).fill(0);
    for (let t = 0; t < 5000; t++) for (const i of sampleRows(10, 3, r)) counts[i]++;
    // Each row is in a batch with probability 3/10: 1500 +- 4 sd (sd ~ 32).
    for (const c of counts) expect(Math.abs(c - 1500)).toBeLessThan(130);
    expect(() => sampleRows(10, 11, r)).toThrow(/1\.\.10/);
  });
});
