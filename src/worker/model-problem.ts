/**
 * Model problems in the worker (issue 10): a layer list on the built-in digits (their fixed
 * train/test split) or on uploaded Fashion-MNIST IDX files, built into a Problem with seeded
 * initial parameters and handed to the same checks and drawing plane as every network problem.
 * The held-out rows travel with it for test loss and accuracy beside training.
 */
import { type Digits, splitDigits } from '../core/data/digits';
import { IdxError, type ImageSet } from '../core/data/idx';
import { readIdxUpload } from '../core/data/idx-upload';
import { LIMITS } from '../core/limits';
import { parseModel } from '../core/problem/model';
import { initialParams } from '../core/problem/model-init';
import type { Problem } from '../core/problem/problem';
import { type IdxUpload, modelParamCount } from '../protocol/model-problem';
import { MODEL_IMAGE_SIDE, problemKey, type ModelProblemSpec } from '../state/problem-spec';
import { checkAccepted, networkProblem } from './network-problem';
import type { LoadedProblem } from './problem-objective';

interface Rows {
  X: number[][];
  y: number[];
}

/** Where the digits come from: fetched as an asset in the worker, read from disk in Node tests. */
export type DigitsSource = () => Promise<Digits>;

async function browserDigits(): Promise<Digits> {
  return (await import('../data/digits/read-browser')).fetchDigits();
}

async function fashionRows(spec: ModelProblemSpec, idx: IdxUpload | undefined): Promise<{ train: Rows; test: Rows | null }> {
  if (!idx) throw new Error(`${spec.files?.join(', ') ?? 'Fashion-MNIST'}: the uploaded IDX files are no longer loaded; load them again`);
  const side = MODEL_IMAGE_SIDE['fashion-mnist'];
  const values = spec.examples * side * side;
  if (values > LIMITS.dataValues) throw new Error(`examples: ${spec.examples} images of ${side}x${side} are ${values} values; at most ${LIMITS.dataValues} (LIMITS.dataValues)`);
  let sets: { train: ImageSet; test: ImageSet | null };
  try {
    sets = await readIdxUpload(idx, spec.examples);
  } catch (e) {
    if (e instanceof IdxError) throw new Error(e.message);
    throw e;
  }
  const [H, W] = sets.train.inputShape;
  if (H !== side || W !== side) {
    const name = idx.find((f) => /images/i.test(f.name))?.name ?? 'images';
    throw new Error(`${name}: images are ${H}x${W}; Fashion-MNIST's are ${side}x${side}`);
  }
  return { train: sets.train, test: sets.test };
}

/** The Problem a spec stands for, with its held-out rows as a second Problem (same model and parameters); throws naming the layer or file at fault. */
export async function buildModelProblem(spec: ModelProblemSpec, idx?: IdxUpload, digits: DigitsSource = browserDigits): Promise<{ problem: Problem; test: Problem | null }> {
  const checked = modelParamCount(spec.model, spec.inputShape);
  if (!checked.ok) throw new Error(checked.error);
  const { specs, layout } = parseModel(spec.model, spec.inputShape);
  const outputs = layout.outputShape[0];
  let rows: { train: Rows; test: Rows | null };
  if (spec.dataset === 'digits') {
    const split = splitDigits(await digits(), { maxTrain: spec.examples });
    rows = { train: split.train, test: split.test };
  } else rows = await fashionRows(spec, idx);
  const inputSize = spec.inputShape.reduce((a, b) => a * b, 1);
  const problem: Problem = {
    name: spec.dataset,
    layers: [inputSize, outputs],
    // unused for a layer list: its activations are layers of their own
    activation: 'relu',
    loss: 'softmax_cross_entropy',
    weightDecay: spec.weightDecay,
    X: rows.train.X,
    y: rows.train.y,
    params: initialParams(layout, spec.initSeed),
    inputShape: [...spec.inputShape],
    model: specs,
  };
  const test = rows.test && rows.test.X.length > 0 ? { ...problem, name: `${spec.dataset}-test`, X: rows.test.X, y: rows.test.y } : null;
  return { problem, test };
}

/** Loads a model problem for the app: checked like any network and drawn on the same plane (its image rows get no scatter preview, as networkProblem decides). */
export async function loadModelProblem(spec: ModelProblemSpec, idx?: IdxUpload, digits: DigitsSource = browserDigits): Promise<LoadedProblem> {
  const { problem, test } = await buildModelProblem(spec, idx, digits);
  await checkAccepted(problem);
  const shape = spec.inputShape.join('x');
  const held = test ? `, ${test.X.length} test` : '';
  const label = `${spec.dataset} ${shape} model (${problem.params.length} params, ${problem.X.length} train${held} rows)`;
  const loaded = await networkProblem(problem, problemKey(spec), label);
  return { ...loaded, network: { ...loaded.network!, test: test ?? undefined } };
}
