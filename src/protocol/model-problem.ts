/**
 * The model problem's schema (issue 10): a layer list on digits or Fashion-MNIST, checked field by
 * field and then as a whole (the input shape fits the dataset, the layers chain from it, the
 * parameters fit the budget), so a link, the worker's inbox and a test all get the parser's
 * message naming the layer at fault. Also the uploaded IDX files, which travel as bytes.
 */
import { z } from 'zod';
import { LIMITS } from '../core/limits';
import { type LayerSpec, ModelError, type ModelLayout, parseModel } from '../core/problem/model';
import { DIGITS_TRAIN_ROWS, MODEL_DATASETS, MODEL_IMAGE_SIDE, type ModelProblemSpec } from '../state/problem-spec';

/** Training images used when Fashion-MNIST is first loaded: enough for a CNN to learn, few enough for wasm to train in seconds. */
export const FASHION_DEFAULT_EXAMPLES = 1000;

/** Top-level layers a model may list: past this a hand-edited list is a typo, not an architecture. */
export const MAX_MODEL_LAYERS = 64;

/** Which input shapes a dataset's rows can be read as. */
export function modelInputShapes(dataset: ModelProblemSpec['dataset']): number[][] {
  const side = MODEL_IMAGE_SIDE[dataset];
  return [[side, side, 1], [side * side]];
}

/** Both datasets have ten classes (digits 0..9, Fashion-MNIST's ten garments): a model ends in ten logits. */
export const MODEL_CLASSES = 10;

/** Parameters of `model` on `inputShape`, or the parser's message naming the layer at fault (ten logits, within the parameter budget). */
export function modelParamCount(model: unknown, inputShape: readonly number[]): { ok: true; params: number } | { ok: false; error: string } {
  let layout: ModelLayout;
  try {
    layout = parseModel(model, inputShape).layout;
  } catch (e) {
    if (e instanceof ModelError) return { ok: false, error: e.message };
    throw e;
  }
  const outputs = layout.outputShape[0];
  if (outputs !== MODEL_CLASSES) {
    const last = layout.nodes[layout.nodes.length - 1];
    return { ok: false, error: `${last.path} (${last.spec.type}): gives ${outputs} outputs; the images have ${MODEL_CLASSES} classes, so the model must end in ${MODEL_CLASSES} logits` };
  }
  if (layout.numParams > LIMITS.params) return { ok: false, error: `model: ${layout.numParams} parameters; at most ${LIMITS.params} (LIMITS.params)` };
  return { ok: true, params: layout.numParams };
}

export const modelProblemSpecSchema = z
  .object({
    kind: z.literal('model'),
    dataset: z.enum(MODEL_DATASETS),
    inputShape: z.array(z.int().min(1).max(MODEL_IMAGE_SIDE['fashion-mnist'] ** 2)).min(1).max(3),
    examples: z.int().min(1).max(LIMITS.rows),
    model: z.array(z.unknown()).min(1).max(MAX_MODEL_LAYERS) as unknown as z.ZodType<LayerSpec[]>,
    weightDecay: z.number().min(0).max(1),
    initSeed: z.int(),
    files: z.array(z.string().max(256)).max(4).optional(),
  })
  .superRefine((spec, ctx) => {
    const shapes = modelInputShapes(spec.dataset);
    if (!shapes.some((s) => s.join('x') === spec.inputShape.join('x'))) {
      ctx.addIssue({ code: 'custom', path: ['inputShape'], message: `${spec.dataset} rows are read as [${shapes[0].join(', ')}] or [${shapes[1].join(', ')}], not [${spec.inputShape.join(', ')}]` });
      return;
    }
    if (spec.dataset === 'digits' && spec.examples > DIGITS_TRAIN_ROWS) {
      ctx.addIssue({ code: 'custom', path: ['examples'], message: `the digits' training split has ${DIGITS_TRAIN_ROWS} rows, not ${spec.examples}` });
    }
    const count = modelParamCount(spec.model, spec.inputShape);
    if (!count.ok) ctx.addIssue({ code: 'custom', path: ['model'], message: count.error });
  }) satisfies z.ZodType<ModelProblemSpec>;

/** One uploaded IDX file (gzipped or not); parsed in the worker. */
export const idxFileSchema = z.object({ name: z.string().max(256), bytes: z.custom<Uint8Array>((b) => b instanceof Uint8Array, 'expected bytes').refine((b) => b.length <= LIMITS.fileBytes, `over ${LIMITS.fileBytes} bytes (LIMITS.fileBytes)`) });
export type IdxFile = z.infer<typeof idxFileSchema>;

/** Fashion-MNIST as uploaded: the four standard files, or one images + labels pair. */
export const idxUploadSchema = z.array(idxFileSchema).min(1).max(4);
export type IdxUpload = z.infer<typeof idxUploadSchema>;
