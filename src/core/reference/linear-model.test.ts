import { describe, expect, it } from 'vitest';
import { confidentLinearProblem } from './confident-problems';
import { linearModelReference } from './linear-model';
import type { Problem } from '../problem/problem';

function relErr(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let num = 0;
  let den = 0;
  for (let i = 0; i < b.length; i++) {
    num += (a[i] - b[i]) ** 2;
    den += b[i] ** 2;
  }
  return Math.sqrt(num / den);
}

const at = (p: Problem, params: Float64Array): Problem => ({ ...p, params });

/** Central differences of the loss (and of the gradient, for Hv) in float64. */
function check(p: Problem): void {
  const ref = linearModelReference(p);
  const h = 1e-5;
  const fd = Float64Array.from(p.params, (_, i) => {
    const shifted = (s: number): number => linearModelReference(at(p, p.params.map((w, j) => (j === i ? w + s * h : w)))).loss;
    return (shifted(1) - shifted(-1)) / (2 * h);
  });
  expect(relErr(ref.grad, fd)).toBeLessThan(1e-6);
  const v = Float64Array.from(p.params, (_, i) => Math.sin(i + 1));
  const gradAt = (s: number): Float64Array => linearModelReference(at(p, p.params.map((w, j) => w + s * h * v[j]))).grad;
  const plus = gradAt(1);
  const minus = gradAt(-1);
  expect(relErr(ref.hvp(v), plus.map((g, i) => (g - minus[i]) / (2 * h)))).toBeLessThan(1e-6);
}

describe('float64 linear-model reference', () => {
  // Moderate margins, where central differences resolve the derivatives.
  it.each([1, 4])('matches central differences (%i outputs, weight decay)', (classes) => {
    check(confidentLinearProblem({ classes, inputs: 3, rows: 20, minMargin: 0, seed: 3, weightDecay: 0.01 }));
  });

  it('keeps the exp(-margin) remainder at confident points where the plain forms round it away', () => {
    const p = confidentLinearProblem({ classes: 1, inputs: 2, rows: 1, minMargin: 25, seed: 5 });
    const z = p.params[2] + p.X[0][0] * p.params[0] + p.X[0][1] * p.params[1];
    const ref = linearModelReference(p);
    // Binary cross-entropy of a correct confident logit is log(1 + exp(-|z|)) ~ exp(-|z|).
    expect(ref.loss / Math.exp(-Math.abs(z))).toBeCloseTo(1, 9);
    expect(Math.log(1 + Math.exp(Math.abs(z))) - Math.abs(z)).not.toBeCloseTo(ref.loss, 15);
  });
});
