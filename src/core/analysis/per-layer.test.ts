import { describe, expect, it } from 'vitest';
import { countedObjective, type Objective } from '../objective';
import { symmetricEigen } from '../linalg/symmetric-eigen';
import { symmetricWithSpectrum } from '../linalg/orthogonal';
import { matVec } from '../linalg/vector';
import { createRng } from '../random';
import { denseHessianBlocks, layerBlocks, perLayerCurvature } from './per-layer';

const LAYERS = [2, 5, 4, 1];
const P = 2 * 5 + 5 + 5 * 4 + 4 + 4 + 1;
const SPECTRUM = Array.from({ length: P }, (_, i) => -1 + 0.2 * i);
const H = symmetricWithSpectrum(SPECTRUM, createRng(17));

function fixedHessian(): Objective {
  return countedObjective({ dim: P, value: async () => 0, valueAndGrad: async () => ({ value: 0, grad: new Float64Array(P) }), hvp: async (_w, v) => matVec(H, P, v) });
}

function block(offset: number, size: number): Float64Array {
  const b = new Float64Array(size * size);
  for (let i = 0; i < size; i++) for (let j = 0; j < size; j++) b[i * size + j] = H[(offset + i) * P + offset + j];
  return b;
}

describe('per-layer curvature', () => {
  it('blocks follow the problem-file layout', () => {
    expect(layerBlocks(LAYERS).map((b) => [b.offset, b.size, b.weights, b.biases])).toEqual([[0, 15, 10, 5], [15, 24, 20, 4], [39, 5, 4, 1]]);
  });

  it('each block lambda_max is the dense block top eigenvalue; exact block traces sum to the diagonal', async () => {
    const f = fixedHessian();
    const res = await perLayerCurvature(f, new Float64Array(P), LAYERS, { seed: 2, traceProbes: 5, tol: 1e-10 });
    let sum = 0;
    for (const r of res) {
      const { values } = symmetricEigen(block(r.block.offset, r.block.size), r.block.size);
      expect(r.lambdaMax).toBeCloseTo(values[r.block.size - 1], 9);
      expect(r.trace.method).toBe('exact');
      let t = 0;
      for (let i = 0; i < r.block.size; i++) t += H[(r.block.offset + i) * P + r.block.offset + i];
      expect(r.trace.value).toBeCloseTo(t, 12);
      sum += r.trace.value;
    }
    expect(sum).toBeCloseTo(SPECTRUM.reduce((s, v) => s + v, 0), 10);
    expect(f.counts.hvps).toBe(res.reduce((s, r) => s + r.hvps, 0));
  });

  it('large blocks fall back to Hutchinson with a standard error', async () => {
    const res = await perLayerCurvature(fixedHessian(), new Float64Array(P), LAYERS, { seed: 2, traceProbes: 40, exactTraceUpTo: 10 });
    expect(res.map((r) => r.trace.method)).toEqual(['hutchinson', 'hutchinson', 'exact']);
    for (const r of res.slice(0, 2)) {
      let t = 0;
      for (let i = 0; i < r.block.size; i++) t += H[(r.block.offset + i) * P + r.block.offset + i];
      expect(r.trace.probes).toBe(40);
      expect(r.trace.history).toHaveLength(40);
      expect(Math.abs(r.trace.value - t)).toBeLessThan(4 * r.trace.stdError);
    }
  });

  it('denseHessianBlocks returns the matrix and the layer boundaries', async () => {
    const d = await denseHessianBlocks(fixedHessian(), new Float64Array(P), LAYERS);
    expect(d.boundaries).toEqual([0, 15, 39, P]);
    expect(d.hvps).toBe(P);
    let worst = 0;
    for (let i = 0; i < P * P; i++) worst = Math.max(worst, Math.abs(d.matrix[i] - H[i]));
    expect(worst).toBeLessThan(1e-12);
    await expect(denseHessianBlocks(fixedHessian(), new Float64Array(P), [2, 5, 1])).rejects.toThrow(/parameters/);
  });
});
