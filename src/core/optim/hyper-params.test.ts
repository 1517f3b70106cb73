import { describe, expect, it } from 'vitest';
import { getOptimizer, resolveHyperParams } from './registry';

describe('resolveHyperParams', () => {
  it('holds BFGS and L-BFGS to the strong Wolfe rule 0 < c1 < c2 < 1 (Nocedal & Wright 2006, 3.1)', () => {
    for (const name of ['bfgs', 'lbfgs']) {
      expect(() => resolveHyperParams(getOptimizer(name), { c1: 0.5, c2: 1e-4 })).toThrow(`${name}: hyper-parameters "c1", "c2": c1 (0.5) must be less than c2 (0.0001)`);
      expect(() => resolveHyperParams(getOptimizer(name), { c1: 0.3, c2: 0.3 })).toThrow(/c1 \(0.3\) must be less than c2 \(0.3\)/);
      expect(resolveHyperParams(getOptimizer(name), { c1: 0.1, c2: 0.2 })).toMatchObject({ c1: 0.1, c2: 0.2 });
    }
  });

  it('treats "__proto__" from parsed JSON as an unknown key, and leaves Object.prototype alone', () => {
    const overrides = JSON.parse('{"__proto__": {"polluted": 1}, "lr": 0.5}');
    expect(() => resolveHyperParams(getOptimizer('sgd'), overrides)).toThrow('sgd: unknown hyper-parameter "__proto__"; known: lr');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(resolveHyperParams(getOptimizer('sgd'), { lr: 0.5 }))).toBe(Object.prototype);
  });
});
