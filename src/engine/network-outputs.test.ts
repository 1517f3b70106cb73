import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseProblem } from '../core/problem/parse';
import type { Problem } from '../core/problem/problem';
import { setBackend } from './backend';
import { networkOutputs } from './network-outputs';

const FIXTURES = process.env.CURVSCAPE_FIXTURES ?? '/work/shared/fixtures';
const load = (name: string): Problem => parseProblem(JSON.parse(readFileSync(`${FIXTURES}/${name}`, 'utf8')));

function sumSquares(w: Float64Array): number {
  let s = 0;
  for (const v of w) s += v * v;
  return s;
}

/** The fixture's loss rebuilt from the outputs alone (its README's definitions), so the outputs are checked against PyTorch. */
function lossFromOutputs(p: Problem, z: Float32Array): number {
  const k = p.layers[p.layers.length - 1];
  const n = p.X.length;
  let total = 0;
  for (let i = 0; i < n; i++) {
    const row = Array.from(z.subarray(i * k, (i + 1) * k));
    if (p.loss === 'softmax_cross_entropy') {
      const m = Math.max(...row);
      const lse = m + Math.log(row.reduce((s, v) => s + Math.exp(v - m), 0));
      total += lse - row[(p.y as number[])[i]];
    } else if (p.loss === 'binary_cross_entropy') {
      const x = row[0];
      const y = (p.y as number[])[i];
      total += Math.max(x, 0) - x * y + Math.log1p(Math.exp(-Math.abs(x)));
    } else {
      const t = (p.y as number[][])[i];
      total += row.reduce((s, v, j) => s + (v - t[j]) ** 2, 0) / k;
    }
  }
  return total / n + 0.5 * p.weightDecay * sumSquares(p.params);
}

describe('networkOutputs', () => {
  beforeAll(async () => {
    await setBackend('cpu');
  });

  for (const file of ['spiral-tanh-ce.json', 'circles-relu-bce.json', 'xor-sigmoid-ce-wd.json', 'sine-tanh-mse.json']) {
    it(`gives outputs whose loss is the PyTorch reference's (${file})`, async () => {
      const p = load(file);
      const z = await networkOutputs(p, p.params, p.X);
      expect(z.length).toBe(p.X.length * p.layers[p.layers.length - 1]);
      const ref = p.reference!.loss!;
      expect(Math.abs(lossFromOutputs(p, z) - ref)).toBeLessThanOrEqual(1e-4 * Math.max(1, Math.abs(ref)));
    });
  }
});
