import { describe, expect, it } from 'vitest';
import { functionObjective } from '../functions/objective';
import { getTestFunction } from '../functions/registry';
import { countedObjective } from '../objective';
import { CURVATURE_MATRICES, availableCurvatureMatrices, curvatureMatrixSchema, getCurvatureMatrix } from './registry';

describe('curvature-matrix registry', () => {
  it('names the three matrices once each, and the schema accepts exactly those', () => {
    expect(CURVATURE_MATRICES.map((m) => m.name)).toEqual(['hessian', 'ggn', 'empirical-fisher']);
    expect(curvatureMatrixSchema.safeParse('ggn').success).toBe(true);
    expect(curvatureMatrixSchema.safeParse('fisher').success).toBe(false);
    expect(() => getCurvatureMatrix('fisher')).toThrow(/hessian, ggn, empirical-fisher/);
  });

  it('a 2-D function that is no sum of squares offers only the Hessian, and asking it for G or the empirical Fisher says why', () => {
    const f = functionObjective(getTestFunction('six-hump-camel'));
    expect(availableCurvatureMatrices(f).map((m) => m.name)).toEqual(['hessian']);
    expect(() => getCurvatureMatrix('ggn').operator(f, Float64Array.of(0, 0))).toThrow(
      /no Gauss-Newton \(= Fisher\) product: .*sums of squared residuals \(rosenbrock, beale, himmelblau, booth, quadratic\); this function is not a sum of squares/,
    );
    expect(() => getCurvatureMatrix('empirical-fisher').operator(f, Float64Array.of(0, 0))).toThrow(/needs per-example gradients/);
  });

  it('a least-squares 2-D function offers the Hessian and G: Rosenbrock at (0.5, 2) has G = 2 J^T J = [[202, -200], [-200, 200]]', async () => {
    const f = functionObjective(getTestFunction('rosenbrock'));
    expect(availableCurvatureMatrices(f).map((m) => m.name)).toEqual(['hessian', 'ggn']);
    const G = getCurvatureMatrix('ggn').operator(f, Float64Array.of(0.5, 2));
    // J = [[-20 x, 10], [-1, 0]] at x = 0.5: J^T J = [[100 + 1, -100], [-100, 100]].
    expect(Array.from(await G(Float64Array.of(1, 0)))).toEqual([202, -200]);
    expect(Array.from(await G(Float64Array.of(0, 1)))).toEqual([-200, 200]);
    expect(f.counts.ggnvps).toBe(2);
  });

  it("each operator spends and counts its own product: G v = 2 v for a ggnvp of 2 I, F v = 3 v for 3 I", async () => {
    const f = countedObjective({
      dim: 2,
      value: async () => 0,
      valueAndGrad: async () => ({ value: 0, grad: new Float64Array(2) }),
      hvp: async (_w, v) => v.map((x) => x),
      ggnvp: async (_w, v) => v.map((x) => 2 * x),
      empiricalFisherVp: async (_w, v) => v.map((x) => 3 * x),
    });
    const v = Float64Array.of(1, -2);
    for (const [name, factor] of [['hessian', 1], ['ggn', 2], ['empirical-fisher', 3]] as const) {
      const m = getCurvatureMatrix(name);
      expect(Array.from(await m.operator(f, v)(v))).toEqual([factor, -2 * factor]);
      expect(m.products(f.counts)).toBe(1);
    }
  });
});
