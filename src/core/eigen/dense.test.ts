import { describe, expect, it } from 'vitest';
import { dense, denseMatrix } from './dense';
import { operatorWithSpectrum } from './test-operators';

describe('dense eigen-solver', () => {
  it('is exact on an indefinite known spectrum and spends n products', async () => {
    const spectrum = [-5, -2.5, -1e-3, 0, 0.3, 1, 2, 7, 7.5, 11];
    const op = operatorWithSpectrum(spectrum, 8);
    const res = await dense.solve(op.op, 10, { k: 3, which: 'both' });
    expect(res.products).toBe(10);
    expect(op.calls()).toBe(10);
    expect(res.top.map((p) => p.value)).toEqual([11, 7.5, 7].map((v) => expect.closeTo(v, 12)));
    expect(res.bottom.map((p) => p.value)).toEqual([-5, -2.5, -1e-3].map((v) => expect.closeTo(v, 12)));
    for (const p of [...res.top, ...res.bottom]) expect(p.residual).toBeLessThan(1e-14);
  });

  it('symmetrises an operator that is not exactly symmetric', async () => {
    const a = [2, 1.2, 0.8, 3];
    const h = await denseMatrix(async (v) => new Float64Array([a[0] * v[0] + a[1] * v[1], a[2] * v[0] + a[3] * v[1]]), 2);
    expect(Array.from(h)).toEqual([2, 1, 1, 3]);
  });
});
