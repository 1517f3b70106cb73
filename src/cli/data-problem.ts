/**
 * `--data digits|fashion-mnist --model FILE.json`: a problem built from a dataset's training rows and
 * a layer list, without writing a problem file. The result goes through the problem-file parser, so
 * the same checks (layer shapes, the input budget) and messages apply.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DIGITS_PIXELS, splitDigits } from '../core/data/digits';
import { IDX_IMAGES_MAGIC, IDX_LABELS_MAGIC, type ImageSet, IdxError, gunzipIfNeeded, imageSet, parseIdx } from '../core/data/idx';
import { ModelError, parseModel } from '../core/problem/model';
import { initialParams } from '../core/problem/model-init';
import { ProblemError, parseProblem } from '../core/problem/parse';
import type { Problem } from '../core/problem/problem';
import { checkedNetworkObjective } from '../engine/problem-check';
import { readDigits } from '../data/digits/read-node';
import { type ParsedArgs, UsageError, flagOptional, flagValue } from './args';
import { FASHION_MNIST_DIR } from './data-flags';
import { type LoadedProblem, loadProblem } from './load-problem';

const FASHION_DEFAULT_EXAMPLES = 1000;
const FASHION_TEST_IMAGES = 10_000;

/** A problem built by --data also carries its held-out rows, for test loss and accuracy. */
export interface DataLoadedProblem extends LoadedProblem {
  test: Problem | null;
}

interface ModelFile {
  model: unknown;
  input_shape?: number[];
  loss?: string;
  weight_decay?: number;
  params?: number[];
}

function readModelFile(path: string): ModelFile {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new UsageError(`--model: cannot read "${path}" as JSON (${(e as Error).message})`);
  }
  if (Array.isArray(json)) return { model: json };
  if (typeof json === 'object' && json !== null && 'model' in json) return json as ModelFile;
  throw new UsageError(`--model: "${path}" holds neither a layer list nor an object with "model"`);
}

/** A dense first layer reads the images as vectors; anything else as [H, W, 1]. */
function inputShapeFor(file: ModelFile, H: number, W: number): number[] {
  if (file.input_shape) return file.input_shape;
  const first = Array.isArray(file.model) ? (file.model[0] as { type?: unknown } | undefined) : undefined;
  return first?.type === 'dense' ? [H * W] : [H, W, 1];
}

/** The IDX pair in `dir` (gzipped or not), as the standard file names have it. */
async function readIdxPair(dir: string, split: 'train' | 't10k', examples: number): Promise<ImageSet> {
  const find = (stem: string): string => {
    for (const name of [`${stem}.gz`, stem]) if (existsSync(join(dir, name))) return join(dir, name);
    throw new UsageError(`--idx: ${dir} has no ${stem}(.gz); install Debian's dataset-fashion-mnist or pass --idx DIR`);
  };
  const imagesFile = find(`${split}-images-idx3-ubyte`);
  const labelsFile = find(`${split}-labels-idx1-ubyte`);
  try {
    const images = parseIdx(await gunzipIfNeeded(readFileSync(imagesFile), imagesFile), IDX_IMAGES_MAGIC, imagesFile);
    const labels = parseIdx(await gunzipIfNeeded(readFileSync(labelsFile), labelsFile), IDX_LABELS_MAGIC, labelsFile);
    return imageSet(images, labels, { examples, imagesFile, labelsFile });
  } catch (e) {
    if (e instanceof IdxError) throw new UsageError(e.message);
    throw e;
  }
}

interface Rows {
  X: number[][];
  y: number[];
}

/** The dataset's training rows and the layer list as problem-file JSON; `test` holds the held-out rows (digits: the fixed split's test set; Fashion-MNIST: as many t10k images). */
export async function dataProblemJson(
  data: string,
  modelPath: string,
  opts: { idx?: string; examples?: number; seed: number },
): Promise<Record<string, unknown> & { test: Rows }> {
  const file = readModelFile(modelPath);
  let X: number[][];
  let y: number[];
  let test: Rows;
  let inputShape: number[];
  if (data === 'digits') {
    const split = splitDigits(readDigits(), { maxTrain: opts.examples });
    X = split.train.X;
    y = split.train.y;
    test = { X: split.test.X, y: split.test.y };
    inputShape = inputShapeFor(file, 8, 8);
    if (inputShape.reduce((a, b) => a * b, 1) !== DIGITS_PIXELS) throw new UsageError(`--model: input_shape [${inputShape.join(', ')}] does not hold the digits' 8x8 pixels`);
  } else {
    const examples = opts.examples ?? FASHION_DEFAULT_EXAMPLES;
    const set = await readIdxPair(opts.idx ?? FASHION_MNIST_DIR, 'train', examples);
    const held = await readIdxPair(opts.idx ?? FASHION_MNIST_DIR, 't10k', Math.min(examples, FASHION_TEST_IMAGES));
    X = set.X;
    y = set.y;
    test = { X: held.X, y: held.y };
    inputShape = inputShapeFor(file, set.inputShape[0], set.inputShape[1]);
  }
  let params = file.params;
  if (!params) {
    try {
      params = Array.from(initialParams(parseModel(file.model, inputShape).layout, opts.seed));
    } catch (e) {
      if (e instanceof ModelError) throw new UsageError(`${modelPath}: ${e.message}`);
      throw e;
    }
  }
  return {
    name: `${data}-${modelPath.replace(/^.*\//, '').replace(/\.json$/, '')}`,
    input_shape: inputShape,
    model: file.model,
    loss: file.loss ?? 'softmax_cross_entropy',
    weight_decay: file.weight_decay ?? 0,
    X,
    y,
    params,
    test,
  };
}

/** `--data` + `--model` when given, else `--problem`. */
export async function loadProblemFromArgs(args: ParsedArgs): Promise<DataLoadedProblem> {
  const data = flagOptional<string>(args, 'data');
  const modelPath = flagOptional<string>(args, 'model');
  if (!data) {
    if (modelPath) throw new UsageError('--model needs --data digits|fashion-mnist (a problem file carries its own model)');
    return { ...(await loadProblem(flagValue<string>(args, 'problem'))), test: null };
  }
  if (flagOptional<string>(args, 'problem')) throw new UsageError('give either --problem or --data with --model, not both');
  if (!modelPath) throw new UsageError('--data needs --model FILE.json (a layer list)');
  const json = await dataProblemJson(data, modelPath, {
    idx: flagOptional<string>(args, 'idx'),
    examples: flagOptional<number>(args, 'examples'),
    seed: args.specs.some((s) => s.name === 'seed') ? flagValue<number>(args, 'seed') : 0,
  });
  try {
    const { test: held, ...train } = json;
    const problem = parseProblem(train);
    const test = parseProblem({ ...train, name: `${problem.name}-test`, X: held.X, y: held.y });
    const objective = await checkedNetworkObjective(problem);
    return { name: problem.name, kind: 'network', objective, start: Float64Array.from(problem.params), network: problem, test };
  } catch (e) {
    if (e instanceof ProblemError) throw new UsageError(`${modelPath}: ${e.message}`);
    throw e;
  }
}
