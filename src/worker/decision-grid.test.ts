import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseProblem } from '../core/problem/parse';
import { setBackend } from '../engine/backend';
import { classOf, decisionGrid } from './decision-grid';
import type { LoadedProblem } from './problem-objective';

const FIXTURES = process.env.CURVSCAPE_FIXTURES ?? '/work/shared/fixtures';

function loaded(file: string): LoadedProblem {
  const problem = parseProblem(JSON.parse(readFileSync(`${FIXTURES}/${file}`, 'utf8')));
  return { network: { problem } } as unknown as LoadedProblem;
}

describe('classOf', () => {
  it('takes the sigmoid of one logit and the softmax arg-max of several', () => {
    expect(classOf([Math.log(3)]).cls).toBe(1);
    expect(classOf([Math.log(3)]).p).toBeCloseTo(0.75, 15);
    expect(classOf([-Math.log(3)]).cls).toBe(0);
    expect(classOf([-Math.log(3)]).p).toBeCloseTo(0.75, 15);
    const { cls, p } = classOf([0, Math.log(2), Math.log(5)]);
    expect(cls).toBe(2);
    expect(p).toBeCloseTo(5 / 8, 15);
  });
});

describe('decisionGrid', () => {
  beforeAll(async () => {
    await setBackend('cpu');
  });

  it('labels the spiral fixture\'s own points as its PyTorch-checked outputs do, row by row of the grid', async () => {
    const p = loaded('spiral-tanh-ce.json');
    const g = await decisionGrid(p, { at: null, resolution: 3, domain: { x: [-1, 1], y: [-0.5, 0.5] } }, () => {
      throw new Error('no runs');
    });
    expect(g!.xs).toEqual([-1, 0, 1]);
    expect(g!.ys).toEqual([-0.5, 0, 0.5]);
    expect(g!.classCount).toBe(3);
    expect(g!.classes).toHaveLength(9);
    // (xs[2], ys[1]) = (1, 0) is row 1 * 3 + 2; compare with a direct float64 forward of the fixture's layout
    const net = p.network!.problem;
    const dense = (x: number[]): number[] => {
      let h = x;
      let off = 0;
      for (let l = 1; l < net.layers.length; l++) {
        const [nIn, nOut] = [net.layers[l - 1], net.layers[l]];
        const out = Array.from({ length: nOut }, (_, j) => h.reduce((s, v, i) => s + v * net.params[off + i * nOut + j], net.params[off + nIn * nOut + j]));
        off += nIn * nOut + nOut;
        h = l < net.layers.length - 1 ? out.map(Math.tanh) : out;
      }
      return h;
    };
    const labels = net.y as number[];
    const right = net.X.filter((x, r) => classOf(dense(x)).cls === labels[r]).length;
    expect(g!.accuracy).toBe(right / labels.length);
    expect(g!.accuracy).toBeGreaterThan(0);
    g!.ys.forEach((y, j) =>
      g!.xs.forEach((x, i) => {
        const { cls, p: prob } = classOf(dense([x, y]));
        expect(g!.classes[j * 3 + i]).toBe(cls);
        expect(g!.confidence[j * 3 + i]).toBeCloseTo(prob, 5);
      }),
    );
  });

  it('has nothing to draw for a regression', async () => {
    const g = await decisionGrid(loaded('sine-tanh-mse.json'), { at: null, resolution: 4, domain: { x: [0, 1], y: [0, 1] } }, () => new Float64Array());
    expect(g).toBeNull();
  });

  it('rejects a malformed request by its field', async () => {
    await expect(decisionGrid(loaded('xor-sigmoid-ce-wd.json'), { at: null, resolution: 1, domain: { x: [0, 1], y: [0, 1] } }, () => new Float64Array())).rejects.toThrow(/resolution/);
  });
});
