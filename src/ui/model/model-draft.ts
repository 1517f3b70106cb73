/** Reading a pasted model and moving a model between datasets: pure, so tested in Node. */
import { modelToJson, parseModel, type LayerSpec } from '../../core/problem/model';
import { getModelPreset, MODEL_PRESETS, type PresetName } from '../../core/problem/model-presets';
import { modelParamCount } from '../../protocol/model-problem';
import { DIGITS_TRAIN_ROWS, defaultModelSpec, type ModelProblemSpec, type ProblemSpec } from '../../state/problem-spec';
import type { DraftLayer } from './layer-defaults';

export type DraftCheck = { ok: true; params: number; model: LayerSpec[] } | { ok: false; error: string };

/** The draft checked on `inputShape`: its parameter count and the layers with defaults written out, or the parser's message naming the layer. */
export function checkDraft(draft: readonly DraftLayer[], inputShape: readonly number[]): DraftCheck {
  const count = modelParamCount(draft, inputShape);
  if (!count.ok) return count;
  return { ok: true, params: count.params, model: modelToJson(parseModel(draft, inputShape).specs) as LayerSpec[] };
}

/** A pasted model: a layer list, or an object with `model` (a model file or problem file); its other fields are ignored. */
export function parseModelJson(text: string): { ok: true; layers: DraftLayer[] } | { ok: false; error: string } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    return { ok: false, error: `Model JSON: ${(e as Error).message}` };
  }
  const list = Array.isArray(json) ? json : typeof json === 'object' && json !== null && 'model' in json ? (json as { model: unknown }).model : null;
  if (!Array.isArray(list)) return { ok: false, error: 'Model JSON: expected a list of layers or an object with "model"' };
  return { ok: true, layers: list as DraftLayer[] };
}

/** The preset the layers are, or null once edited away from every preset. */
export function presetOf(layers: readonly unknown[]): PresetName | null {
  const text = JSON.stringify(layers);
  return MODEL_PRESETS.find((p) => JSON.stringify(p.layers) === text)?.name ?? null;
}

/** Digits with the current model's layers where they fit 8x8 images, else the default digits model. */
export function digitsSpecFrom(current: ProblemSpec): ModelProblemSpec {
  const base = defaultModelSpec();
  if (current.kind !== 'model') return base;
  const inputShape = current.inputShape.length === 3 ? [8, 8, 1] : [64];
  const model = modelParamCount(current.model, inputShape).ok ? current.model : getModelPreset('small-cnn').layers;
  return { ...base, inputShape: model === current.model ? inputShape : base.inputShape, model, examples: Math.min(current.examples, DIGITS_TRAIN_ROWS), weightDecay: current.weightDecay, initSeed: current.initSeed };
}
