import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../test/helpers';
import { parseProblem } from '../core/problem/parse';
import { setBackend } from '../engine/backend';
import { createModelObjective } from '../engine/model-objective';
import { dataProblemJson } from './data-problem';
import { FIXTURES_DIR } from '../../test/fixtures';

const dir = mkdtempSync(join(tmpdir(), 'curvscape-models-'));
const cnnFile = join(FIXTURES_DIR, 'models', 'digits-cnn-relu-ce.json');
const cnn = JSON.parse(readFileSync(cnnFile, 'utf8'));
const writeJson = (name: string, value: unknown): string => {
  const path = join(dir, name);
  writeFileSync(path, JSON.stringify(value));
  return path;
};
const cnnModel = writeJson('cnn.json', cnn.model);
const LENET = [
  { type: 'conv2d', filters: 4, kernel: 5 },
  { type: 'activation', fn: 'relu' },
  { type: 'maxpool', size: 2 },
  { type: 'conv2d', filters: 8, kernel: 5 },
  { type: 'activation', fn: 'relu' },
  { type: 'maxpool', size: 2 },
  { type: 'flatten' },
  { type: 'dense', units: 10 },
];

describe('model problems from the command line', () => {
  it('spectrum reads a model problem file: lambda_max of the digits CNN within 1e-4 of the fixture', async () => {
    const { code, stdout } = await runCli(['spectrum', '--problem', cnnFile, '--k', '1', '--which', 'top', '--trace', 'none', '--backend', 'cpu']);
    expect(code).toBe(0);
    const out = JSON.parse(stdout);
    const eig: number[] = cnn.reference.eigenvalues_ascending;
    expect(out.num_params).toBe(690);
    expect(Math.abs(out.top[0] - eig[eig.length - 1]) / eig[eig.length - 1]).toBeLessThan(1e-4);
  });

  it('train --data digits --model builds the problem from the digits and a layer list (the fixture CNN: 690 parameters)', async () => {
    const { code, stdout, stderr } = await runCli(['train', '--data', 'digits', '--model', cnnModel, '--examples', '200', '--optimizer', 'sgd', '--steps', '2', '--every', '2', '--backend', 'wasm']);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const out = JSON.parse(stdout);
    expect(out.num_params).toBe(690);
    expect(out.problem).toBe('digits-cnn');
    // PyTorch-style initial weights, 10 classes: the starting loss is near ln 10.
    expect(Math.abs(out.curvature[0].loss - Math.log(10))).toBeLessThan(0.3);
    // Held out: the fixed split's test rows, round(0.25 n_c) of each class's n_c (UCI's counts
    // 178, 182, 177, 183, 181, 182, 181, 179, 174, 180): 451, scored at the run's final point.
    expect(out.test.rows).toBe(451);
    expect(Math.abs(out.test.loss - Math.log(10))).toBeLessThan(0.3);
    expect(out.test.accuracy).toBeGreaterThanOrEqual(0);
    expect(out.test.accuracy).toBeLessThanOrEqual(1);
  });

  it('--data fashion-mnist reads the IDX files: 100 training images of 28x28 in [0, 1], the first an ankle boot (9)', async () => {
    const lenet = writeJson('lenet.json', LENET);
    const { test, ...json } = await dataProblemJson('fashion-mnist', lenet, { examples: 100, seed: 0 });
    expect(test.X).toHaveLength(100);
    const problem = parseProblem(json);
    expect(problem.inputShape).toEqual([28, 28, 1]);
    expect(problem.X).toHaveLength(100);
    expect(problem.X[0]).toHaveLength(784);
    expect(problem.X.every((row) => row.every((v) => v >= 0 && v <= 1))).toBe(true);
    expect((problem.y as number[])[0]).toBe(9);
    // 5*5*1*4 + 4, 5*5*4*8 + 8, then 7*7*8 inputs to 10 units.
    expect(problem.params.length).toBe(104 + 808 + 392 * 10 + 10);
    await setBackend('wasm');
    const f = createModelObjective(problem);
    // PyTorch-style initial weights, 10 classes: the starting loss is near ln 10.
    expect(Math.abs((await f.value(problem.params)) - Math.log(10))).toBeLessThan(0.3);
    f.dispose();
  });

  it('bad input: one line naming the layer or file, exit status 2', async () => {
    const tooBig = writeJson('big.json', [{ type: 'conv2d', filters: 2, kernel: 9 }, { type: 'flatten' }, { type: 'dense', units: 10 }]);
    const cases: [string[], RegExp][] = [
      [['train', '--data', 'digits', '--model', tooBig, '--optimizer', 'sgd'], /model\[0\] \(conv2d\): kernel 9 is larger than its 8x8 input/],
      [['train', '--data', 'fashion-mnist', '--idx', join(dir, 'nowhere'), '--model', cnnModel, '--optimizer', 'sgd'], /--idx: .*nowhere has no train-images-idx3-ubyte/],
      [['train', '--problem', cnnFile, '--model', cnnModel, '--optimizer', 'sgd'], /--model needs --data/],
      [['train', '--data', 'digits', '--optimizer', 'sgd'], /--data needs --model/],
    ];
    for (const [argv, message] of cases) {
      const { code, stderr } = await runCli(argv);
      expect(code).toBe(2);
      expect(stderr).toMatch(message);
      expect(stderr.trim().split('\n')).toHaveLength(1);
    }
  });
});
