import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { numParams } from '../core/problem/problem';
import { setBackend } from './backend';
import { buildProblem, circles, CsvError, csvLoss, csvProblem, gaussians, initParams, parseCsvDataset, sine, spiral, xor } from './datasets';
import { createNetworkObjective } from './mlp-objective';

describe('dataset generators', () => {
  it('are reproducible from their seed and differ across seeds', () => {
    expect(spiral(60, 3, 0.3, 7)).toEqual(spiral(60, 3, 0.3, 7));
    expect(spiral(60, 3, 0.3, 7).X).not.toEqual(spiral(60, 3, 0.3, 8).X);
    expect(sine(20, 1, 1)).toEqual(sine(20, 1, 1));
  });

  it('spiral: k balanced classes, arms a rotation of 2 pi / k apart when noise is 0', () => {
    const k = 3;
    const { X, y } = spiral(90, k, 0, 1);
    expect([0, 1, 2].map((c) => (y as number[]).filter((l) => l === c).length)).toEqual([30, 30, 30]);
    // Point j of arm 1 is point j of arm 0 rotated by 2 pi / 3 (clockwise in (sin, cos) coordinates).
    const a = X[3 * 10];
    const b = X[3 * 10 + 1];
    const t = (2 * Math.PI) / k;
    expect(b[0]).toBeCloseTo(a[0] * Math.cos(t) + a[1] * Math.sin(t), 12);
    expect(b[1]).toBeCloseTo(-a[0] * Math.sin(t) + a[1] * Math.cos(t), 12);
  });

  it('circles without noise: label 0 exactly inside radius 0.5, label 1 outside 0.7', () => {
    const { X, y } = circles(200, 0, 3);
    X.forEach(([a, b], i) => {
      const r = Math.hypot(a, b);
      if ((y as number[])[i] === 0) expect(r).toBeLessThanOrEqual(0.5);
      else expect(r).toBeGreaterThanOrEqual(0.7);
    });
  });

  it('xor without noise: label 1 exactly where the coordinates share a sign', () => {
    const { X, y } = xor(200, 0, 4);
    X.forEach(([a, b], i) => expect((y as number[])[i]).toBe(a * b > 0 ? 1 : 0));
  });

  it('gaussians: each class mean near its centre on the circle of radius 0.6', () => {
    const k = 4;
    const { X, y } = gaussians(4000, k, 0, 5);
    for (let c = 0; c < k; c++) {
      const pts = X.filter((_, i) => (y as number[])[i] === c);
      const mx = pts.reduce((s, p) => s + p[0], 0) / pts.length;
      const my = pts.reduce((s, p) => s + p[1], 0) / pts.length;
      // standard error 0.1 / sqrt(1000) ~ 0.003
      expect(Math.hypot(mx - 0.6 * Math.cos((2 * Math.PI * c) / k), my - 0.6 * Math.sin((2 * Math.PI * c) / k))).toBeLessThan(0.015);
    }
  });

  it('sine without noise is sin(pi x)', () => {
    const { X, y } = sine(50, 0, 2);
    X.forEach(([x], i) => expect((y as number[][])[i][0]).toBeCloseTo(Math.sin(Math.PI * x), 14));
  });
});

describe('initParams', () => {
  it('Glorot uniform for tanh and He normal for relu, biases zero (variance within sampling error)', () => {
    const layers = [200, 300, 10];
    for (const [act, variance] of [
      ['tanh', 2 / (200 + 300)],
      ['relu', 2 / 200],
    ] as const) {
      const w = initParams(layers, act, 11);
      expect(w.length).toBe(numParams(layers));
      const W1 = w.subarray(0, 200 * 300);
      const mean = W1.reduce((s, v) => s + v, 0) / W1.length;
      const v = W1.reduce((s, x) => s + (x - mean) ** 2, 0) / W1.length;
      expect(Math.abs(v / variance - 1)).toBeLessThan(0.02);
      expect(Array.from(w.subarray(200 * 300, 200 * 300 + 300)).every((b) => b === 0)).toBe(true);
      if (act === 'tanh') expect(Math.max(...W1.map(Math.abs))).toBeLessThanOrEqual(Math.sqrt(6 / 500));
    }
  });
});

describe('buildProblem', () => {
  it('builds valid problems whose objective runs', async () => {
    await setBackend('cpu');
    const p = buildProblem({
      dataset: 'spiral', n: 120, noise: 0.2, seed: 1, layers: [2, 8, 3], activation: 'tanh',
      loss: 'softmax_cross_entropy', weightDecay: 1e-3, initSeed: 2,
    });
    expect(p.params.length).toBe(numParams([2, 8, 3]));
    expect(new Set(p.y as number[])).toEqual(new Set([0, 1, 2]));
    const f = createNetworkObjective(p);
    // At a Glorot start the logits are small, so the loss is near log(3).
    expect(Math.abs((await f.value(p.params)) - Math.log(3))).toBeLessThan(0.3);
    f.dispose();
    const s = buildProblem({ dataset: 'sine', n: 40, noise: 0.1, seed: 1, layers: [1, 8, 1], activation: 'gelu', loss: 'mse', initSeed: 2 });
    expect(s.weightDecay).toBe(0);
    const c = buildProblem({ dataset: 'circles', n: 40, noise: 0.1, seed: 1, layers: [2, 8, 1], activation: 'relu', loss: 'binary_cross_entropy', initSeed: 2 });
    expect(c.y).toHaveLength(40);
  });

  it('rejects a dataset that does not fit the network', () => {
    const base = { n: 40, noise: 0, seed: 1, activation: 'tanh', initSeed: 1 } as const;
    expect(() => buildProblem({ ...base, dataset: 'sine', layers: [1, 4, 2], loss: 'softmax_cross_entropy' })).toThrow(/regression dataset/);
    expect(() => buildProblem({ ...base, dataset: 'xor', layers: [2, 4, 3], loss: 'softmax_cross_entropy' })).toThrow(/2 classes/);
    expect(() => buildProblem({ ...base, dataset: 'xor', layers: [3, 4, 2], loss: 'softmax_cross_entropy' })).toThrow(/X\[0\]: expected 3 numbers, got 2/);
  });
});

describe('parseCsvDataset', () => {
  it('reads classification rows with a header, comments and blank lines', () => {
    const d = parseCsvDataset('x1,x2,label\n# a comment\n0.5,1,0\n\n-1,2.5,2\r\n3,4,1\n', 'classification');
    expect(d).toEqual({ X: [[0.5, 1], [-1, 2.5], [3, 4]], y: [0, 2, 1] });
  });
  it('reads regression rows as single-target rows', () => {
    expect(parseCsvDataset('0.1,0.2\n0.3,-0.4', 'regression')).toEqual({ X: [[0.1], [0.3]], y: [[0.2], [-0.4]] });
  });
  it('names the line of a row with the wrong number of values', () => {
    const text = 'x1,x2,label\n1,2,0\n1,2,1\n3,4,0\n5,6,1\n7,8,0\n9,10\n';
    expect(() => parseCsvDataset(text, 'classification')).toThrow('line 7: expected 3 values like the header, got 2');
    expect(() => parseCsvDataset(text, 'classification')).toThrow(CsvError);
  });
  it('names non-numeric cells and bad labels', () => {
    expect(() => parseCsvDataset('1,2,0\n1,abc,1', 'classification')).toThrow('line 2, column 2: "abc" is not a number');
    expect(() => parseCsvDataset('1,2,0\n1,2,1.5', 'classification')).toThrow('line 2: label 1.5 is not a class number 0, 1, 2, ...');
    expect(() => parseCsvDataset('# nothing\n', 'regression')).toThrow('no data rows');
  });
  it('round-trips any numeric table (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.double({ min: -1e6, max: 1e6, noNaN: true }), fc.double({ min: -1e6, max: 1e6, noNaN: true }), fc.nat(9)), {
          minLength: 2,
          maxLength: 30,
        }),
        (rows) => {
          const text = rows.map((r) => r.join(',')).join('\n');
          const d = parseCsvDataset(text, 'classification');
          expect(d.X).toEqual(rows.map(([a, b]) => [a + 0, b + 0])); // "-0" is written as "0"
          expect(d.y).toEqual(rows.map((r) => r[2]));
        },
      ),
    );
  });
});

describe('csvProblem', () => {
  const arch = { hidden: [8], activation: 'tanh' as const, loss: 'softmax_cross_entropy' as const, weightDecay: 1e-4, initSeed: 7 };

  it('a regression CSV becomes an mse problem with one output, whatever loss was chosen before', () => {
    const p = csvProblem('sine.csv', 'x,y\n-1,0.1\n0,0.5\n1,-0.2\n', arch);
    expect(p.loss).toBe('mse');
    expect(p.layers).toEqual([1, 8, 1]);
    expect(p.y).toEqual([[0.1], [0.5], [-0.2]]);
  });

  it('a pandas classification CSV keeps softmax with one output per class', () => {
    const p = csvProblem('blobs.csv', ',x1,x2,label\n0,0.5,1,0\n1,-1,2.5,2\n2,3,4,1\n', { ...arch, loss: 'mse' });
    expect(p.loss).toBe('softmax_cross_entropy');
    expect(p.layers).toEqual([2, 8, 3]);
    expect(p.params.length).toBe(2 * 8 + 8 + 8 * 3 + 3);
  });

  it('binary cross-entropy is kept for two classes and replaced for more', () => {
    expect(csvLoss('classification', 2, 'binary_cross_entropy')).toBe('binary_cross_entropy');
    expect(csvLoss('classification', 3, 'binary_cross_entropy')).toBe('softmax_cross_entropy');
    expect(csvLoss('classification', 2, 'mse')).toBe('binary_cross_entropy');
    expect(csvLoss('regression', 1, 'softmax_cross_entropy')).toBe('mse');
  });
});
