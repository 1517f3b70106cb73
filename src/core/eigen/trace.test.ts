import { describe, expect, it } from 'vitest';
import { exactTrace, hutchinsonTrace } from './trace';
import { operatorWithSpectrum } from './test-operators';

describe('trace', () => {
  const spectrum = Array.from({ length: 80 }, (_, i) => Math.cos(i) * 2 + 0.3);
  const trueTrace = spectrum.reduce((s, v) => s + v, 0);
  const dense = operatorWithSpectrum(spectrum, 12);

  it('exactTrace sums the diagonal with n products', async () => {
    const before = dense.calls();
    const res = await exactTrace(dense.op, 80);
    expect(res.products).toBe(80);
    expect(dense.calls() - before).toBe(80);
    expect(Math.abs(res.trace - trueTrace)).toBeLessThan(1e-12);
    for (let i = 0; i < 80; i++) expect(res.diagonal[i]).toBe(dense.matrix[i * 80 + i]);
  });

  it('Hutchinson lands within 4 standard errors and its standard error matches the Rademacher variance', async () => {
    const probes = 400;
    const res = await hutchinsonTrace(dense.op, 80, { probes, seed: 3 });
    expect(res.probes).toBe(probes);
    expect(res.products).toBe(probes);
    expect(res.history).toHaveLength(probes);
    expect(res.history[0].stdError).toBe(Number.POSITIVE_INFINITY);
    expect(Math.abs(res.trace - trueTrace)).toBeLessThan(4 * res.stdError);
    // Var(z^T A z) = 2 sum_{i != j} A_ij^2 for Rademacher z.
    let off = 0;
    for (let i = 0; i < 80; i++) for (let j = 0; j < 80; j++) if (i !== j) off += dense.matrix[i * 80 + j] ** 2;
    const predicted = Math.sqrt((2 * off) / probes);
    expect(res.stdError / predicted).toBeGreaterThan(0.85);
    expect(res.stdError / predicted).toBeLessThan(1.15);
  });

  it('stops early once the relative standard error reaches tol', async () => {
    const res = await hutchinsonTrace(dense.op, 80, { probes: 10000, seed: 1, tol: 0.05 });
    expect(res.probes).toBeLessThan(10000);
    expect(res.stdError).toBeLessThanOrEqual(0.05 * Math.abs(res.trace));
    expect(res.history[res.history.length - 2].stdError).toBeGreaterThan(0.05 * Math.abs(res.history[res.history.length - 2].mean));
  });

  it('is exact for a diagonal operator (z_i^2 = 1)', async () => {
    const diag = [3, -1, 4, 1, -5];
    const res = await hutchinsonTrace(async (v) => v.map((x, i) => diag[i] * x), 5, { probes: 3, seed: 0 });
    expect(res.trace).toBe(2);
    expect(res.stdError).toBe(0);
  });
});
