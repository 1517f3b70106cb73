/**
 * The layer-list part of a problem file: `input_shape` and `model` checked and laid out, and the
 * file's other fields handed on with the input and output widths in `layers`, so one schema
 * (parse.ts) validates data, labels, parameters and references for both kinds of problem.
 */
import { type LayerSpec, ModelError, modelToJson, parseModel } from './model';
import type { Problem } from './problem';

export interface ModelPart {
  /** The file's fields with `layers` = [input size, outputs] and a placeholder activation in place of the model. */
  json: Record<string, unknown>;
  inputShape: number[];
  specs: LayerSpec[];
  numParams: number;
}

function inputShapeOf(raw: unknown): number[] {
  const ok = Array.isArray(raw) && (raw.length === 1 || raw.length === 3) && raw.every((d) => Number.isInteger(d) && d > 0);
  if (!ok) throw new ModelError(`input_shape: expected [H, W, C] or [D] of positive integers, got ${JSON.stringify(raw)}`);
  return raw as number[];
}

/** Null for a `layers` + `activation` file; throws ModelError naming the layer or field at fault. */
export function modelPart(json: unknown): ModelPart | null {
  if (typeof json !== 'object' || json === null || !('model' in json)) return null;
  const file = json as Record<string, unknown>;
  if ('layers' in file || 'activation' in file) throw new ModelError('model: give either "model" (with "input_shape") or "layers" + "activation", not both');
  const inputShape = inputShapeOf(file.input_shape);
  const { specs, layout } = parseModel(file.model, inputShape);
  const { model: _model, input_shape: _shape, ...rest } = file;
  const inputSize = inputShape.reduce((a, b) => a * b, 1);
  return { json: { ...rest, layers: [inputSize, layout.outputShape[0]], activation: 'relu' }, inputShape, specs, numParams: layout.numParams };
}

/** `input_shape` and `model` of a layer-list problem for its problem-file JSON. */
export function modelFieldsToJson(problem: Problem): Record<string, unknown> {
  return { input_shape: problem.inputShape, model: modelToJson(problem.model ?? []) };
}
