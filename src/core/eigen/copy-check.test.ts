import { describe, expect, it } from 'vitest';
import { lanczos } from './lanczos';
import type { MatVec } from './types';

/**
 * copyCheck switches Lanczos' missed-copy check. diag(7, 7, 7, 7, 6.5, ramp) from the all-ones start:
 * the four coordinates of the eigenvalue 7 start equal and are scaled alike, so every Krylov vector
 * is equal on them, exactly in floating point, and the first run's Krylov space holds one copy of 7
 * (Golub & Van Loan, Matrix Computations, 4th ed., §10.1). Its top 5 without the check (ARPACK's
 * habit) is 7, 6.5 and the ramp's top three; with the check (the default) it is 7 four times, 6.5.
 */
const RAMP = Array.from({ length: 75 }, (_, i) => -3 + (9 * i) / 75);
const diag = [7, 7, 7, 7, 6.5, ...RAMP];
const n = diag.length;
const start = new Float64Array(n).fill(1);

function countedDiagonal(): { op: MatVec; calls: () => number } {
  let count = 0;
  const op: MatVec = async (v) => {
    count++;
    return v.map((x, i) => diag[i] * x);
  };
  return { op, calls: () => count };
}

describe('lanczos copyCheck option', () => {
  it.each([1e-6, 1e-10])('off: the first run only, no missedCopyCheck, one copy of the fourfold 7 (tol %s)', async (tol) => {
    const on = countedDiagonal();
    const withCheck = await lanczos.solve(on.op, n, { k: 5, which: 'top', tol, start });
    const off = countedDiagonal();
    const noCheck = await lanczos.solve(off.op, n, { k: 5, which: 'top', tol, start, copyCheck: false });

    expect(noCheck.missedCopyCheck).toBeUndefined();
    expect(noCheck.products).toBe(off.calls());
    expect(withCheck.products).toBe(on.calls());
    // The same first run: the default's products less its check's.
    expect(withCheck.missedCopyCheck!.products).toBeGreaterThan(0);
    expect(noCheck.products).toBe(withCheck.products - withCheck.missedCopyCheck!.products);
    expect(noCheck.converged).toBe(true);
    expect(noCheck.top.filter((p) => Math.abs(p.value - 7) < 1e-9).length).toBe(1);
    expect(noCheck.top.map((p) => p.value)).toEqual([7, 6.5, RAMP[74], RAMP[73], RAMP[72]].map((v) => expect.closeTo(v, 8)));
  });

  it('on (the default, and copyCheck true): all four copies of 7, then 6.5', async () => {
    for (const copyCheck of [undefined, true]) {
      const res = await lanczos.solve(countedDiagonal().op, n, { k: 5, which: 'top', tol: 1e-10, start, copyCheck });
      expect(res.converged).toBe(true);
      expect(res.missedCopyCheck).toMatchObject({ added: 3, passed: true });
      expect(res.top.map((p) => p.value)).toEqual([7, 7, 7, 7, 6.5].map((v) => expect.closeTo(v, 9)));
    }
  });
});
