import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FIXTURES_DIR } from '../../../test/fixtures';
import { parseProblem } from '../problem/parse';
import { accuracy, mlpOutput } from './accuracy';

/** The mean loss from float64 outputs, as the fixtures README defines each loss. */
function lossFromOutputs(loss: string, outs: Float64Array[], y: (number | number[])[]): number {
  let s = 0;
  outs.forEach((z, i) => {
    if (loss === 'softmax_cross_entropy') {
      const m = Math.max(...z);
      const lse = m + Math.log(z.reduce((a, v) => a + Math.exp(v - m), 0));
      s += lse - z[y[i] as number];
    } else if (loss === 'binary_cross_entropy') {
      const t = y[i] as number;
      s += Math.max(z[0], 0) - z[0] * t + Math.log1p(Math.exp(-Math.abs(z[0])));
    } else {
      (y[i] as number[]).forEach((t, j) => (s += (z[j] - t) ** 2 / z.length));
    }
  });
  return s / outs.length;
}

describe('float64 forward pass for accuracy', () => {
  const files = readdirSync(FIXTURES_DIR).filter((f) => f.endsWith('.json'));
  for (const file of files) {
    it(`gives outputs whose loss is the PyTorch reference loss: ${file}`, () => {
      const p = parseProblem(JSON.parse(readFileSync(`${FIXTURES_DIR}/${file}`, 'utf8')));
      const spec = { layers: p.layers, activation: p.activation, loss: p.loss, weightDecay: p.weightDecay };
      const outs = p.X.map((x) => mlpOutput(spec, p.params, x));
      let wd = 0;
      for (const v of p.params) wd += 0.5 * p.weightDecay * v * v;
      expect(lossFromOutputs(p.loss, outs, p.y as (number | number[])[]) + wd).toBeCloseTo(p.reference!.loss!, 10);
    });
  }

  it('counts the rows whose largest output is the label', () => {
    // one layer, 2 inputs -> 2 outputs, W = identity, b = 0: the larger input wins
    const spec = { layers: [2, 2], activation: 'tanh' as const, loss: 'softmax_cross_entropy' as const, weightDecay: 0 };
    const w = Float64Array.from([1, 0, 0, 1, 0, 0]);
    expect(accuracy(spec, w, { X: [[1, 0], [0, 1], [2, 1], [0, 3]], y: [0, 1, 1, 0] })).toBe(0.5);
  });
});
