import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { TEST_FUNCTIONS, getTestFunction } from './registry';
import { functionObjective } from './objective';
import { quadratic } from './quadratic';
import type { TestFunction2D } from './types';

const H = 1e-5;

function centralGrad(fn: TestFunction2D, x: number, y: number): [number, number] {
  return [
    (fn.f(x + H, y) - fn.f(x - H, y)) / (2 * H),
    (fn.f(x, y + H) - fn.f(x, y - H)) / (2 * H),
  ];
}

function centralHessian(fn: TestFunction2D, x: number, y: number): [number, number, number] {
  const gxp = fn.grad(x + H, y);
  const gxm = fn.grad(x - H, y);
  const gyp = fn.grad(x, y + H);
  const gym = fn.grad(x, y - H);
  return [(gxp[0] - gxm[0]) / (2 * H), (gyp[0] - gym[0]) / (2 * H), (gyp[1] - gym[1]) / (2 * H)];
}

/** Relative-to-scale closeness: central differences carry O(h^2 f''') truncation and O(eps f / h) rounding. */
function close(a: number, b: number, scale: number): boolean {
  return Math.abs(a - b) <= 1e-6 * Math.max(1, Math.abs(b), scale);
}

describe.each(TEST_FUNCTIONS.map((fn) => [fn.name, fn] as const))('%s', (_name, fn) => {
  const coord = (lo: number, hi: number): fc.Arbitrary<number> =>
    fc.double({ min: lo, max: hi, noNaN: true, noDefaultInfinity: true });
  const point = fc.tuple(coord(...fn.domain.x), coord(...fn.domain.y));

  it('gradient matches central differences at random points', () => {
    fc.assert(
      fc.property(point, ([x, y]) => {
        const g = fn.grad(x, y);
        const d = centralGrad(fn, x, y);
        const scale = Math.abs(fn.f(x, y));
        return close(g[0], d[0], scale) && close(g[1], d[1], scale);
      }),
      { numRuns: 200 },
    );
  });

  it('Hessian matches central differences of the gradient at random points', () => {
    fc.assert(
      fc.property(point, ([x, y]) => {
        const h = fn.hessian(x, y);
        const d = centralHessian(fn, x, y);
        const scale = Math.hypot(...fn.grad(x, y));
        return h.every((v, i) => close(v, d[i], scale));
      }),
      { numRuns: 200 },
    );
  });

  it('known minima (and critical points) have zero gradient', () => {
    for (const [x, y] of fn.minima) {
      expect(Math.hypot(...fn.grad(x, y))).toBeLessThan(1e-9);
    }
  });

  it('the objective reports the same numbers and counts its calls', async () => {
    const obj = functionObjective(fn);
    const w = Float64Array.from(fn.defaultStart);
    const { value, grad } = await obj.valueAndGrad(w);
    expect(value).toBe(fn.f(w[0], w[1]));
    expect(Array.from(grad)).toEqual(fn.grad(w[0], w[1]));
    const [hxx, hxy, hyy] = fn.hessian(w[0], w[1]);
    expect(Array.from(await obj.hessian!(w))).toEqual([hxx, hxy, hxy, hyy]);
    expect(Array.from(await obj.hvp(w, Float64Array.of(1, -2)))).toEqual([hxx - 2 * hxy, hxy - 2 * hyy]);
    expect(obj.counts).toEqual({ values: 1, gradients: 1, hvps: 3, ggnvps: 0, efvps: 0, kfacFactors: 0 });
  });
});

describe('registry and closed forms', () => {
  it('names are unique and lookups fail with the list of names', () => {
    const names = TEST_FUNCTIONS.map((f) => f.name);
    expect(new Set(names).size).toBe(names.length);
    expect(getTestFunction('booth').name).toBe('booth');
    expect(() => getTestFunction('nope')).toThrow(/Unknown test function "nope".*rosenbrock/);
  });

  it('minimum values are the published ones', () => {
    expect(getTestFunction('rosenbrock').f(1, 1)).toBe(0);
    expect(getTestFunction('beale').f(3, 0.5)).toBe(0);
    expect(getTestFunction('booth').f(1, 3)).toBe(0);
    expect(getTestFunction('rastrigin').f(0, 0)).toBe(0);
    for (const [x, y] of getTestFunction('himmelblau').minima) {
      expect(getTestFunction('himmelblau').f(x, y)).toBeLessThan(1e-20);
    }
    const [cx, cy] = getTestFunction('six-hump-camel').minima[0];
    expect(getTestFunction('six-hump-camel').f(cx, cy)).toBeCloseTo(-1.031628453489877, 12);
  });

  it('quadratic(kappa) has condition number kappa and rejects kappa < 1', () => {
    const [a, b, c] = quadratic(250).hessian(0.3, -0.1);
    expect(b).toBe(0);
    expect(Math.max(a, c) / Math.min(a, c)).toBe(250);
    expect(getTestFunction('quadratic').hessian(0, 0)).toEqual([1, 0, 10]);
    expect(() => quadratic(0.5)).toThrow(/kappa/);
  });

  it('the saddle Hessians are indefinite / degenerate as their names promise', () => {
    const [a, , c] = getTestFunction('saddle').hessian(0, 0);
    expect(a * c).toBeLessThan(0);
    expect(getTestFunction('monkey-saddle').hessian(0, 0)).toEqual([0, -0, -0]);
  });
});
