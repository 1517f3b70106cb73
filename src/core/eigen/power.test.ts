import { describe, expect, it } from 'vitest';
import { power } from './power';
import { directResidual, operatorWithSpectrum } from './test-operators';
import { createRng } from '../random';

function spectrumWith(ends: number[], bulk: number, lo: number, hi: number, seed: number): number[] {
  const rng = createRng(seed);
  return [...ends, ...Array.from({ length: bulk }, () => lo + (hi - lo) * rng.next())].sort((a, b) => a - b);
}

describe('power iteration (PyHessian defaults)', () => {
  it('finds the top 5 of a well-separated spectrum within its 1e-3 tolerance', async () => {
    const spectrum = spectrumWith([16, 8, 4, 2, 1], 95, -0.25, 0.25, 1);
    const dense = operatorWithSpectrum(spectrum, 3);
    const res = await power.solve(dense.op, dense.n, { k: 5, which: 'top', seed: 0 });
    console.log(`power top-5: ${res.products} products; errors ${res.top.map((p, i) => (Math.abs(p.value - [16, 8, 4, 2, 1][i]) / [16, 8, 4, 2, 1][i]).toExponential(1)).join(' ')}`);
    expect(res.converged).toBe(true);
    expect(res.products).toBe(dense.calls());
    expect(res.bottom).toEqual([]);
    // The solver scales residuals by its own largest |value|, not by the unknown exact one.
    const scale = Math.max(...res.top.map((p) => Math.abs(p.value)));
    [16, 8, 4, 2, 1].forEach((lam, i) => {
      expect(Math.abs(res.top[i].value - lam) / lam).toBeLessThan(1e-3);
      expect(Math.abs(res.top[i].residual - directResidual(dense.matrix, dense.n, res.top[i].vector, res.top[i].value, scale))).toBeLessThan(1e-12);
    });
  });

  it('finds the bottom of an indefinite spectrum through a shift and counts the shift estimate', async () => {
    const spectrum = spectrumWith([-6, -3, 5], 57, 0, 1, 2);
    const dense = operatorWithSpectrum(spectrum, 4);
    const res = await power.solve(dense.op, dense.n, { k: 2, which: 'bottom', seed: 1 });
    console.log(`power bottom-2 (shifted): ${res.products} products; values ${res.bottom.map((p) => p.value.toFixed(5)).join(' ')}`);
    expect(res.products).toBe(dense.calls());
    expect(res.converged).toBe(true);
    // The iteration runs on H - 6 I (shifted values -12, -9, then [-6, -5] and -1). Its rule bounds the
    // relative change, not the error: with ratio r to the next shifted value the error is about
    // tol |theta| r^2 / (1 - r^2). Allow twice that.
    const rho = 6;
    const expected = [
      { lambda: -6, next: -3 },
      { lambda: -3, next: 0 },
    ];
    expected.forEach(({ lambda, next }, i) => {
      const r = (next - rho) / (lambda - rho);
      const bound = 2 * 1e-3 * Math.abs(lambda - rho) * (r * r) / (1 - r * r);
      expect(Math.abs(res.bottom[i].value - lambda)).toBeLessThan(bound);
    });
  });

  it('returns the dominant-magnitude eigenvalues as "top", as PyHessian does, and says so', async () => {
    const spectrum = spectrumWith([-10, 2], 30, -1, 1, 3);
    const dense = operatorWithSpectrum(spectrum, 5);
    const res = await power.solve(dense.op, dense.n, { k: 2, which: 'top', seed: 2 });
    expect(res.topOrder).toBe('largest-magnitude');
    expect(Math.abs(res.top[0].value + 10) / 10).toBeLessThan(1e-3);
    expect(Math.abs(res.top[1].value - 2) / 10).toBeLessThan(1e-3);
  });

  it('stops at maxIter per eigenvalue and reports non-convergence on a tight cluster', async () => {
    const spectrum = [1, 1 - 1e-9, ...Array.from({ length: 20 }, (_, i) => 0.99 - i * 0.01)];
    const dense = operatorWithSpectrum(spectrum, 6);
    const res = await power.solve(dense.op, dense.n, { k: 1, which: 'top', tol: 1e-14, seed: 0 });
    expect(res.products).toBe(100);
    expect(res.converged).toBe(false);
  });

  /**
   * Issue 13's saddles: a few positive eigenvalues up to lambda_max, a bulk within 1e-3 of zero and
   * one negative eigenvalue. The shifted iteration's quotient moves by ~1e-3 relative per step from
   * the start, which PyHessian's change rule alone took for convergence: +9.3e-5 here, "converged".
   */
  function saddle(lambdaMin: number, lambdaMax: number): number[] {
    const rng = createRng(3);
    return [lambdaMax, 0.6 * lambdaMax, 0.2 * lambdaMax, lambdaMin, ...Array.from({ length: 196 }, () => 2e-3 * (rng.next() - 0.5))];
  }

  it('finds the negative curvature of a saddle through the shift H - lambda_max I', async () => {
    const dense = operatorWithSpectrum(saddle(-0.012, 0.5), 7);
    const res = await power.solve(dense.op, dense.n, { k: 1, which: 'bottom', seed: 0 });
    expect(res.converged).toBe(true);
    expect(Math.abs(res.bottom[0].value + 0.012) / 0.012).toBeLessThan(2e-3);
    expect(res.bottom[0].residual).toBeLessThanOrEqual(Math.sqrt(1e-3));
    // Scaled by the solver's own estimate of lambda_max, which the dominant run gives to its tolerance 1e-3.
    const direct = directResidual(dense.matrix, dense.n, res.bottom[0].vector, res.bottom[0].value, 0.5);
    expect(Math.abs(res.bottom[0].residual - direct) / direct).toBeLessThan(1e-3);
  });

  it('does not call a quotient still drifting through the bulk converged', async () => {
    // lambda_max 5: the shifted ratio (5 + 1e-3) / (5 + 0.012) needs thousands of iterations.
    const dense = operatorWithSpectrum(saddle(-0.012, 5), 7);
    const res = await power.solve(dense.op, dense.n, { k: 1, which: 'bottom', seed: 0 });
    expect(res.converged).toBe(false);
    expect(res.products).toBe(dense.calls());
    expect(res.bottom[0].value).toBeGreaterThan(-0.012);
  });
});
