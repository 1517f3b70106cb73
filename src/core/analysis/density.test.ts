import { describe, expect, it } from 'vitest';
import { operatorWithSpectrum } from '../eigen/test-operators';
import { averagedSpectralDensity } from './density';
import { trapezoid } from '../../../test/quadrature';


describe('averagedSpectralDensity', () => {
  const n = 80;
  const spectrum = Array.from({ length: n }, (_, i) => (i < 8 ? -0.4 + 0.05 * i : i < 74 ? 0.02 * (i - 8) : 2 + (i - 74)));
  const trace = spectrum.reduce((s, v) => s + v, 0);
  const sumSq = spectrum.reduce((s, v) => s + v * v, 0);

  it('averages runs on one grid; integral 1, moments within standard errors of tr(H)/n and tr(H^2)/n', async () => {
    const dense = operatorWithSpectrum(spectrum, 5);
    const res = await averagedSpectralDensity(dense.op, n, { runs: 4, probes: 8, steps: 20, seed: 9, gridSize: 300 });
    expect(res.products).toBe(4 * 8 * 20);
    expect(dense.calls()).toBe(res.products);
    expect(res.perRun).toHaveLength(4);
    expect(Math.abs(trapezoid(res.grid, res.density) - 1)).toBeLessThan(1e-4);
    for (const d of res.perRun) expect(Math.abs(trapezoid(res.grid, d) - 1)).toBeLessThan(1e-4);
    // The grid's own moments agree with the quadrature's (Gaussian smoothing adds width^2 to the second).
    const m1 = trapezoid(res.grid, res.grid.map((t, i) => t * res.density[i]));
    const m2 = trapezoid(res.grid, res.grid.map((t, i) => t * t * res.density[i]));
    expect(m1).toBeCloseTo(res.moments.mean, 6);
    expect(m2 - res.width ** 2).toBeCloseTo(res.moments.second, 5);
    expect(Math.abs(res.moments.mean - trace / n)).toBeLessThan(4 * res.moments.meanStdError);
    expect(Math.abs(res.moments.second - sumSq / n)).toBeLessThan(4 * res.moments.secondStdError);
    // The mean lies inside the per-run envelope, and runs really differ.
    res.density.forEach((d, g) => {
      expect(d).toBeGreaterThanOrEqual(res.spread.min[g] - 1e-15);
      expect(d).toBeLessThanOrEqual(res.spread.max[g] + 1e-15);
    });
    expect(Math.max(...res.spread.std)).toBeGreaterThan(0);
    expect(res.logDensity[0]).toBeCloseTo(Math.log10(res.density[0] + res.logFloor), 12);
    expect(res.logFloor).toBeCloseTo(1e-6 * Math.max(...res.density), 15);
  });

  it('with as many steps as dimensions the nodes are the eigenvalues: the top peak sits at lambda_max', async () => {
    const dense = operatorWithSpectrum([1, 1, 1, 1, 5], 2);
    const res = await averagedSpectralDensity(dense.op, 5, { runs: 3, probes: 4, steps: 10, seed: 0, gridSize: 500 });
    expect(res.steps).toBe(5);
    const upper = res.grid.map((t, i) => (t > 3 ? res.density[i] : 0));
    const peak = res.grid[upper.indexOf(Math.max(...upper))];
    expect(Math.abs(peak - 5)).toBeLessThan(2 * (res.grid[1] - res.grid[0]));
    // Weight of the single eigenvalue 5 is its share of the trace of projections: 1/5 on average.
    const mass = trapezoid(res.grid, upper);
    expect(Math.abs(mass - 0.2)).toBeLessThan(0.15);
  });
});
