import { describe, expect, it } from 'vitest';
import { spectralDensity } from './slq';
import { operatorWithSpectrum } from './test-operators';
import { trapezoid } from '../../../test/quadrature';


function meanAndStdError(xs: number[]): { mean: number; se: number } {
  const mean = xs.reduce((s, v) => s + v, 0) / xs.length;
  const v = xs.reduce((s, x) => s + (x - mean) ** 2, 0) / (xs.length - 1);
  return { mean, se: Math.sqrt(v / xs.length) };
}

describe('spectralDensity (stochastic Lanczos quadrature)', () => {
  const n = 120;
  const spectrum = Array.from({ length: n }, (_, i) => (i < 10 ? -0.5 + 0.04 * i : i < 110 ? 0.01 * (i - 10) : 3 + (i - 110)));
  const trace = spectrum.reduce((s, v) => s + v, 0);
  const sumSq = spectrum.reduce((s, v) => s + v * v, 0);
  const dense = operatorWithSpectrum(spectrum, 21);

  it('integrates to one and its quadrature moments match tr(H)/n and tr(H^2)/n', async () => {
    const probes = 60;
    const before = dense.calls();
    const res = await spectralDensity(dense.op, n, { probes, steps: 25, seed: 4, gridSize: 400 });
    expect(res.products).toBe(probes * 25);
    expect(dense.calls() - before).toBe(res.products);
    expect(res.runs).toHaveLength(probes);
    expect(Math.abs(trapezoid(res.grid, res.density) - 1)).toBeLessThan(1e-4);
    for (const r of res.runs) expect(Math.abs(r.weights.reduce((s, w) => s + w, 0) - 1)).toBeLessThan(1e-12);
    const m1 = meanAndStdError(res.runs.map((r) => r.nodes.reduce((s, t, i) => s + r.weights[i] * t, 0)));
    const m2 = meanAndStdError(res.runs.map((r) => r.nodes.reduce((s, t, i) => s + r.weights[i] * t * t, 0)));
    expect(Math.abs(m1.mean - trace / n)).toBeLessThan(4 * m1.se);
    expect(Math.abs(m2.mean - sumSq / n)).toBeLessThan(4 * m2.se);
    // The extreme nodes converge to the spectrum's ends.
    const top = Math.max(...res.runs.flatMap((r) => r.nodes));
    expect(Math.abs(top - 12)).toBeLessThan(1e-6);
  });

  it('is exact for a diagonal operator: every Rademacher probe has the same moments', async () => {
    const diag = [-2, -1, 0.5, 0.5, 3, 7];
    const res = await spectralDensity(async (v) => v.map((x, i) => diag[i] * x), 6, { probes: 3, steps: 6, seed: 0 });
    for (const r of res.runs) {
      // Krylov space of dimension 5 (distinct values): nodes are the distinct eigenvalues.
      expect(r.nodes).toEqual([-2, -1, 0.5, 3, 7].map((v) => expect.closeTo(v, 12)));
      expect(r.weights).toEqual([1, 1, 2, 1, 1].map((w) => expect.closeTo(w / 6, 12)));
    }
    expect(res.products).toBe(15);
  });
});
