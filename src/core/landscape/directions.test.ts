import fc from 'fast-check';
import { EigenvalueDecomposition, Matrix, SingularValueDecomposition } from 'ml-matrix';
import { describe, expect, it } from 'vitest';
import { dot, norm } from '../linalg/vector';
import { createRng, randomNormalVector } from '../random';
import { DIRECTION_METHODS, filterNormalizedDirection, getDirectionMethod, hessianEigenDirections, pcaDirections, randomDirections } from './directions';
import { projectOntoPlane } from './plane';

const layers = [3, 5, 4, 2];
const P = 3 * 5 + 5 + 5 * 4 + 4 + 4 * 2 + 2;

function columnNorm(v: Float64Array, offset: number, nIn: number, nOut: number, j: number): number {
  let s = 0;
  for (let i = 0; i < nIn; i++) s += v[offset + i * nOut + j] ** 2;
  return Math.sqrt(s);
}

/** [offset of W, nIn, nOut] per layer. */
function layout(): [number, number, number][] {
  const out: [number, number, number][] = [];
  let offset = 0;
  for (let l = 1; l < layers.length; l++) {
    out.push([offset, layers[l - 1], layers[l]]);
    offset += layers[l - 1] * layers[l] + layers[l];
  }
  return out;
}

describe('filter-normalised random directions (Li et al. 2018)', () => {
  const params = randomNormalVector(P, createRng(11));

  it('each output unit\'s incoming column has the norm of the weights\' column; biases follow the mode', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e6 }), fc.constantFrom('zero', 'normalize', 'copy' as const), (seed, biasMode) => {
        const d = filterNormalizedDirection(params, layers, createRng(seed), biasMode);
        for (const [offset, nIn, nOut] of layout()) {
          for (let j = 0; j < nOut; j++) {
            const want = columnNorm(params, offset, nIn, nOut, j);
            // loss-landscape divides by ||d_j|| + 1e-10, so a short random column lands a little under the target
            expect(Math.abs(columnNorm(d, offset, nIn, nOut, j) - want)).toBeLessThan(1e-6 * want);
            const k = offset + nIn * nOut + j;
            if (biasMode === 'zero') expect(d[k]).toBe(0);
            if (biasMode === 'copy') expect(d[k]).toBe(params[k]);
            if (biasMode === 'normalize') expect(Math.abs(d[k])).toBe(Math.abs(params[k]));
          }
        }
      }),
      { numRuns: 30 },
    );
  });

  it('is reproducible from its seed, and its two directions differ', () => {
    const a = randomDirections(params, layers, { seed: 4 });
    const b = randomDirections(params, layers, { seed: 4 });
    expect(Array.from(a.d1)).toEqual(Array.from(b.d1));
    expect(Array.from(a.d2)).toEqual(Array.from(b.d2));
    // Independent Gaussians in 45 weight coordinates: |cos| far from 1.
    expect(Math.abs(dot(a.d1, a.d2)) / (norm(a.d1) * norm(a.d2))).toBeLessThan(0.9);
    const c = randomDirections(params, layers, { seed: 5 });
    expect(Array.from(c.d1)).not.toEqual(Array.from(a.d1));
    expect(a.info).toMatchObject({ method: 'random', seed: 4, biasMode: 'zero' });
  });

  it('rejects layer widths that do not match the parameter count', () => {
    expect(() => filterNormalizedDirection(params, [3, 5, 2], createRng(0))).toThrow(/parameters/);
  });
});

describe('PCA of a trajectory (Li et al. 2018, §7)', () => {
  /** Iterates w_i = final + M_i: M's rows built from a known orthonormal pair plus small noise. */
  function trajectory(n: number, T: number, noise: number, seed: number): Float64Array[] {
    const rng = createRng(seed);
    const final = randomNormalVector(n, rng);
    const rows: Float64Array[] = [];
    const u = randomNormalVector(n, rng);
    const v = randomNormalVector(n, rng);
    for (let i = 0; i < T; i++) {
      const s = (T - i) / T;
      const w = new Float64Array(n);
      for (let k = 0; k < n; k++) w[k] = final[k] + 3 * s * u[k] + Math.sin(4 * s) * v[k] + noise * rng.normal();
      rows.push(w);
    }
    rows.push(final);
    return rows;
  }

  it('matches the SVD of the difference matrix: directions up to sign, explained variance s_k^2 / sum s^2', () => {
    const its = trajectory(40, 25, 0.05, 3);
    const final = its[its.length - 1];
    const M = new Matrix(its.slice(0, -1).map((w) => Array.from(w, (x, k) => x - final[k])));
    const svd = new SingularValueDecomposition(M, { autoTranspose: true });
    const s2 = svd.diagonal.map((s) => s * s);
    const total = s2.reduce((a, b) => a + b, 0);
    const { d1, d2, origin, info } = pcaDirections(its);
    expect(Array.from(origin)).toEqual(Array.from(final));
    for (const [k, d] of [d1, d2].entries()) {
      const ref = svd.rightSingularVectors.getColumn(k);
      expect(Math.abs(norm(d) - 1)).toBeLessThan(1e-12);
      expect(Math.abs(Math.abs(dot(d, Float64Array.from(ref))) - 1)).toBeLessThan(1e-9);
      expect(Math.abs(info.explainedVariance![k] - s2[k] / total)).toBeLessThan(1e-10);
    }
    expect(info.iterates).toBe(26);
  });

  it('a path in a plane lies in the PCA plane: distances zero, variance all explained', () => {
    const its = trajectory(30, 40, 0, 8);
    const { d1, d2, origin, info } = pcaDirections(its);
    const coords = projectOntoPlane(origin, d1, d2, its);
    for (const c of coords) expect(c.distance).toBeLessThan(1e-10);
    expect(info.explainedVariance![0] + info.explainedVariance![1]).toBeCloseTo(1, 12);
    // The sign convention: the first iterate has non-negative coordinates.
    expect(coords[0].alpha).toBeGreaterThanOrEqual(0);
    expect(coords[0].beta).toBeGreaterThanOrEqual(0);
  });

  it('a straight path still gives a plane, with a zero second ratio and a note', () => {
    const rng = createRng(1);
    const a = randomNormalVector(10, rng);
    const b = randomNormalVector(10, rng);
    const its = [0, 0.25, 0.5, 1].map((t) => a.map((x, k) => (1 - t) * x + t * b[k]));
    const { d1, d2, info } = pcaDirections(its);
    expect(Math.abs(dot(d1, d2))).toBeLessThan(1e-12);
    expect(info.explainedVariance).toEqual([1, 0]);
    expect(info.note).toMatch(/line/);
  });

  it('subsamples long trajectories to maxIterates, keeping the final point as origin', () => {
    const its = trajectory(20, 999, 0.01, 2);
    const { info, origin } = pcaDirections(its, { maxIterates: 50 });
    expect(info.iterates).toBe(50);
    expect(Array.from(origin)).toEqual(Array.from(its[its.length - 1]));
  });
});

describe('Hessian eigen directions', () => {
  it('are the top-two eigenvectors of a dense symmetric matrix (ml-matrix oracle)', async () => {
    const n = 30;
    const rng = createRng(21);
    const A = Matrix.from1DArray(n, n, randomNormalVector(n * n, rng));
    const H = A.add(A.transpose()).mul(0.5);
    const evd = new EigenvalueDecomposition(H, { assumeSymmetric: true });
    const order = evd.realEigenvalues.map((v, i) => [v, i]).sort((a, b) => b[0] - a[0]);
    const hvp = async (v: Float64Array): Promise<Float64Array> => Float64Array.from(H.mmul(Matrix.columnVector(Array.from(v))).getColumn(0));
    const point = randomNormalVector(n, rng);
    const { d1, d2, origin, info } = await hessianEigenDirections(point, hvp, { seed: 1, tol: 1e-10 });
    expect(Array.from(origin)).toEqual(Array.from(point));
    for (const [k, d] of [d1, d2].entries()) {
      const ref = Float64Array.from(evd.eigenvectorMatrix.getColumn(order[k][1]));
      expect(Math.abs(Math.abs(dot(d, ref)) - 1)).toBeLessThan(1e-8);
      expect(Math.abs(info.eigenvalues![k] - order[k][0])).toBeLessThan(1e-8 * Math.abs(order[0][0]));
    }
    expect(info.hvps).toBeGreaterThan(0);
  });
});

describe('DIRECTION_METHODS registry', () => {
  it('lists random, pca and eigen with labels and citations, and each computes through compute()', async () => {
    expect(DIRECTION_METHODS.map((m) => m.name)).toEqual(['random', 'pca', 'eigen']);
    for (const m of DIRECTION_METHODS) {
      expect(m.label.length).toBeGreaterThan(0);
      expect(m.citation.length).toBeGreaterThan(0);
    }
    const point = randomNormalVector(P, createRng(0));
    const r = await getDirectionMethod('random').compute({ point, layers, seed: 2 });
    expect(Array.from(r.d1)).toEqual(Array.from(randomDirections(point, layers, { seed: 2 }).d1));
    await expect(getDirectionMethod('pca').compute({ point })).rejects.toThrow(/pca directions need a trajectory/);
    await expect(getDirectionMethod('eigen').compute({ point })).rejects.toThrow(/Hessian-vector products/);
    expect(() => getDirectionMethod('sideways')).toThrow(/random, pca, eigen/);
  });
});
