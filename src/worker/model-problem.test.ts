import { gzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { splitDigits } from '../core/data/digits';
import { IDX_IMAGES_MAGIC, IDX_LABELS_MAGIC } from '../core/data/idx';
import { getModelPreset } from '../core/problem/model-presets';
import { readDigits } from '../data/digits/read-node';
import { setBackend } from '../engine/backend';
import { createModelObjective } from '../engine/model-objective';
import { problemSpecSchema } from '../protocol/problem';
import { DIGITS_TRAIN_ROWS, defaultModelSpec, type ModelProblemSpec } from '../state/problem-spec';
import { heldOutMetrics } from './held-out';
import { type DigitsSource, buildModelProblem, loadModelProblem } from './model-problem';
import { idxBytes } from '../../test/idx-bytes';

const digits: DigitsSource = async () => readDigits();

/** n 28x28 images (image i lights row i mod 28) labelled i mod 10, gzipped like the real files. */
function fashionPair(n: number): { name: string; bytes: Uint8Array }[] {
  const pixels = new Uint8Array(n * 784);
  for (let i = 0; i < n; i++) pixels.fill(255, i * 784 + (i % 28) * 28, i * 784 + (i % 28) * 28 + 28);
  return [
    { name: 'train-images-idx3-ubyte.gz', bytes: gzipSync(idxBytes(IDX_IMAGES_MAGIC, [n, 28, 28], pixels)) },
    { name: 'train-labels-idx1-ubyte.gz', bytes: gzipSync(idxBytes(IDX_LABELS_MAGIC, [n], Array.from({ length: n }, (_, i) => i % 10))) },
  ];
}

const fashionSpec = (examples: number): ModelProblemSpec => ({ ...defaultModelSpec(), dataset: 'fashion-mnist', inputShape: [28, 28, 1], examples, files: ['train-images-idx3-ubyte.gz', 'train-labels-idx1-ubyte.gz'] });

describe('model problems in the worker', () => {
  beforeAll(async () => {
    await setBackend('cpu');
  });

  it("the digits' training split has DIGITS_TRAIN_ROWS rows", () => {
    expect(splitDigits(readDigits()).train.X.length).toBe(DIGITS_TRAIN_ROWS);
  });

  it('digits + small CNN: the preset hand count of parameters, the first examples of the fixed split, all 451 test rows held out', async () => {
    const loaded = await loadModelProblem(defaultModelSpec(), undefined, digits);
    expect(loaded.info.dim).toBe(3 * 3 * 1 * 4 + 4 + (3 * 3 * 4 * 8 + 8) + (2 * 2 * 8 * 10 + 10));
    expect(loaded.info.data).toBeUndefined();
    const split = splitDigits(readDigits());
    expect(loaded.network?.problem.X).toEqual(split.train.X.slice(0, 500));
    expect(loaded.network?.test?.y).toEqual(split.test.y);
    expect(loaded.info.label).toBe('digits 8x8x1 model (666 params, 500 train, 451 test rows)');
  }, 120_000);

  it('test accuracy at the initial parameters is the share of test rows whose largest logit is their label', async () => {
    const { problem, test } = await buildModelProblem({ ...defaultModelSpec(), examples: 50 }, undefined, digits);
    const f = createModelObjective(test!);
    const z = await f.outputs(problem.params);
    f.dispose();
    let right = 0;
    (test!.y as number[]).forEach((label, i) => {
      const row = Array.from(z.subarray(i * 10, i * 10 + 10));
      if (row.indexOf(Math.max(...row)) === label) right++;
    });
    const m = await heldOutMetrics(problem, test!, problem.params);
    expect(m.testRows).toBe(451);
    expect(m.testAccuracy).toBe(right / 451);
  }, 120_000);

  it('digits as vectors of 64 through the MLP preset', async () => {
    const { problem } = await buildModelProblem({ ...defaultModelSpec(), inputShape: [64], model: getModelPreset('mlp').layers }, undefined, digits);
    expect(problem.params.length).toBe(64 * 32 + 32 + 32 * 10 + 10);
  });

  it('names the layer at fault: a kernel larger than its input, an unknown layer type, shapes that do not chain, the wrong number of logits', async () => {
    const build = (model: unknown[]): Promise<unknown> => buildModelProblem({ ...defaultModelSpec(), model: model as ModelProblemSpec['model'] }, undefined, digits);
    const cnn = getModelPreset('small-cnn').layers;
    await expect(build(cnn.map((l, i) => (i === 3 ? { ...l, kernel: 5 } : l)))).rejects.toThrow('model[3] (conv2d): kernel 5 is larger than its 4x4 input');
    await expect(build([{ type: 'lstm', units: 3 }])).rejects.toThrow(/^model\[0\]: unknown layer type "lstm"/);
    await expect(build([{ type: 'dense', units: 10 }])).rejects.toThrow(/^model\[0\] \(dense\): input is 8x8x1; dense needs a flat input/);
    await expect(build([{ type: 'flatten' }, { type: 'dense', units: 7 }])).rejects.toThrow('model[1] (dense): gives 7 outputs; the images have 10 classes, so the model must end in 10 logits');
  });

  it('the schema that checks links and the worker inbox gives the same message at problem.model', () => {
    const spec = { ...defaultModelSpec(), model: [{ type: 'conv2d', filters: 2, kernel: 9 }, { type: 'flatten' }, { type: 'dense', units: 10 }] };
    const parsed = problemSpecSchema.safeParse(spec);
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0].path).toEqual(['model']);
    expect(parsed.error?.issues[0].message).toBe('model[0] (conv2d): kernel 9 is larger than its 8x8 input');
    expect(problemSpecSchema.safeParse({ ...defaultModelSpec(), examples: DIGITS_TRAIN_ROWS + 1 }).error?.issues[0].path).toEqual(['examples']);
    expect(problemSpecSchema.safeParse({ ...defaultModelSpec(), inputShape: [28, 28, 1] }).error?.issues[0].message).toBe('digits rows are read as [8, 8, 1] or [64], not [28, 28, 1]');
    const wide = [{ type: 'flatten' }, { type: 'dense', units: 20_000 }, { type: 'dense', units: 10 }];
    expect(problemSpecSchema.safeParse({ ...defaultModelSpec(), model: wide }).error?.issues[0].message).toBe(`model: ${64 * 20_000 + 20_000 + 20_000 * 10 + 10} parameters; at most 1000000 (LIMITS.params)`);
    expect(problemSpecSchema.parse(defaultModelSpec())).toEqual(defaultModelSpec());
  });

  it('Fashion-MNIST from one uploaded pair: 12 images train, the 8 after them are held out', async () => {
    const loaded = await loadModelProblem(fashionSpec(12), fashionPair(20), digits);
    expect(loaded.info.dim).toBe(3 * 3 * 1 * 4 + 4 + (3 * 3 * 4 * 8 + 8) + (7 * 7 * 8 * 10 + 10));
    expect(loaded.network?.problem.y).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 1]);
    expect(loaded.network?.test?.y).toEqual([2, 3, 4, 5, 6, 7, 8, 9]);
    // image 13 lights row 13: pixels 13*28 .. 13*28+27 are 1
    expect(loaded.network?.test?.X[1].slice(13 * 28 - 1, 13 * 28 + 29)).toEqual([0, ...new Array(28).fill(1), 0]);
  }, 120_000);

  it('names the file at fault: wrong magic, mismatched counts, files gone, images of another size, too many values for the budget', async () => {
    const [images, labels] = fashionPair(6);
    const renamed = { name: 'train-labels-idx1-ubyte.gz', bytes: gzipSync(idxBytes(0x00000802, [6], [0, 1, 2, 3, 4, 5])) };
    await expect(buildModelProblem(fashionSpec(3), [images, renamed], digits)).rejects.toThrow(/^train-labels-idx1-ubyte\.gz: magic number 0x00000802 is neither/);
    const fewer = { name: 'train-labels-idx1-ubyte.gz', bytes: idxBytes(IDX_LABELS_MAGIC, [5], [0, 1, 2, 3, 4]) };
    await expect(buildModelProblem(fashionSpec(3), [images, fewer], digits)).rejects.toThrow('train-labels-idx1-ubyte.gz: 5 labels for the 6 images of train-images-idx3-ubyte.gz');
    await expect(buildModelProblem(fashionSpec(3), undefined, digits)).rejects.toThrow(/the uploaded IDX files are no longer loaded/);
    const small = { name: 'small-images-idx3-ubyte', bytes: idxBytes(IDX_IMAGES_MAGIC, [6, 8, 8], new Uint8Array(6 * 64)) };
    await expect(buildModelProblem(fashionSpec(3), [small, labels], digits)).rejects.toThrow("small-images-idx3-ubyte: images are 8x8; Fashion-MNIST's are 28x28");
    // the schema stops examples at LIMITS.rows; past it the values budget answers before any file is read
    await expect(buildModelProblem(fashionSpec(110_000), [images, labels], digits)).rejects.toThrow('examples: 110000 images of 28x28 are 86240000 values; at most 80000000 (LIMITS.dataValues)');
  });
});
