import { describe, expect, it } from 'vitest';
import { countedObjective } from '../objective';
import { operatorWithSpectrum } from '../eigen/test-operators';
import { matVec } from '../linalg/vector';
import { computeSpectrum } from './spectrum';
import { estimateTrace, traceWithReference } from './trace-estimate';

const SPECTRUM = Array.from({ length: 30 }, (_, i) => Math.sin(i) * 3 + 0.5);
const TRACE = SPECTRUM.reduce((s, v) => s + v, 0);

describe('trace with uncertainty', () => {
  it('Hutchinson carries its running standard error and probe count, with the exact trace beside it', async () => {
    const { op, calls } = operatorWithSpectrum(SPECTRUM, 1);
    const t = await traceWithReference(op, 30, { probes: 50, seed: 4, exactUpTo: 30 });
    expect(t.method).toBe('hutchinson');
    expect(t.probes).toBe(50);
    expect(t.history).toHaveLength(50);
    expect(t.history[0].stdError).toBe(Number.POSITIVE_INFINITY);
    expect(t.history[49]).toEqual({ probes: 50, mean: t.value, stdError: t.stdError });
    expect(t.exact).toBeCloseTo(TRACE, 10);
    expect(Math.abs(t.value - TRACE)).toBeLessThan(4 * t.stdError);
    expect(t.products).toBe(80);
    expect(calls()).toBe(80);
    const big = await traceWithReference(op, 30, { probes: 5, seed: 4, exactUpTo: 29 });
    expect(big.exact).toBeNull();
  });

  it('estimateTrace is exact, with no probes, up to the size asked', async () => {
    const { op } = operatorWithSpectrum(SPECTRUM, 2);
    const t = await estimateTrace(op, 30, { probes: 5, seed: 0, exactUpTo: 30 });
    expect(t).toMatchObject({ method: 'exact', stdError: 0, probes: 0, products: 30 });
    expect(t.value).toBeCloseTo(TRACE, 10);
  });

  it('computeSpectrum reports the history and the exact value beside a Hutchinson trace', async () => {
    const { matrix } = operatorWithSpectrum(SPECTRUM, 3);
    const f = countedObjective({ dim: 30, value: async () => 0, valueAndGrad: async () => ({ value: 0, grad: new Float64Array(30) }), hvp: async (_w, v) => matVec(matrix, 30, v) });
    const r = await computeSpectrum(f, new Float64Array(30), { method: 'lanczos', k: 1, which: 'top', trace: 'hutchinson', tol: 1e-8, seed: 0, probes: 20, exactTraceUpTo: 100 });
    expect(r.trace!.exact).toBeCloseTo(TRACE, 10);
    expect(r.trace!.history).toHaveLength(20);
    expect(r.hvps).toBe(r.eigenHvps + 20 + 30);
  });
});
