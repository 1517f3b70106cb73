import { describe, expect, it } from 'vitest';
import { createRng } from '../random';
import { sampleTargets } from './sample-targets';

const S = 20000;

describe('targets from the model’s predictive distribution', () => {
  it('softmax cross-entropy: one-hot rows with class frequencies softmax(z) (within 4 standard errors)', () => {
    const z = [1, -0.5, 0.3];
    const t = sampleTargets('softmax_cross_entropy', Array.from({ length: S }, () => z).flat(), S, 3, createRng(1));
    const e = z.map(Math.exp);
    const p = e.map((v) => v / e.reduce((a, b) => a + b, 0));
    for (let c = 0; c < 3; c++) {
      let count = 0;
      for (let i = 0; i < S; i++) count += t[i * 3 + c];
      expect(Math.abs(count / S - p[c])).toBeLessThan(4 * Math.sqrt((p[c] * (1 - p[c])) / S));
    }
    for (let i = 0; i < S; i++) expect(t[i * 3] + t[i * 3 + 1] + t[i * 3 + 2]).toBe(1);
  });

  it('binary cross-entropy: 0/1 labels with frequency sigmoid(z)', () => {
    const t = sampleTargets('binary_cross_entropy', new Array(S).fill(0.7), S, 1, createRng(2));
    const p = 1 / (1 + Math.exp(-0.7));
    const mean = t.reduce((a, b) => a + b, 0) / S;
    expect(Math.abs(mean - p)).toBeLessThan(4 * Math.sqrt((p * (1 - p)) / S));
  });

  it('squared error: z plus Gaussian noise of variance K/2, so E[(2/K)^2 (z - t)(z - t)^T] = (2/K) I, the output Hessian', () => {
    const k = 4;
    const t = sampleTargets('mse', new Array(S * k).fill(0.25), S, k, createRng(3));
    let m2 = 0;
    for (let i = 0; i < S * k; i++) m2 += (t[i] - 0.25) ** 2;
    const variance = m2 / (S * k);
    // The sample variance of a normal has standard error sigma^2 sqrt(2 / m).
    expect(Math.abs(variance - k / 2)).toBeLessThan(4 * (k / 2) * Math.sqrt(2 / (S * k)));
  });
});
