/** What a newly added layer of each type starts as, and the edits the layer editor makes to a list. Pure, so tested in Node. */
import { LAYER_TYPE_NAMES, type LayerType } from '../../core/problem/model';

/** A layer as the editor holds it: problem-file JSON that may not (yet) parse. */
export type DraftLayer = Record<string, unknown> & { type: string };

/** Small, shape-keeping defaults, so adding a layer rarely breaks the chain. */
export function defaultLayer(type: LayerType): DraftLayer {
  switch (type) {
    case 'dense':
      return { type, units: 10 };
    case 'conv2d':
      return { type, filters: 4, kernel: 3, stride: 1, padding: 'same' };
    case 'activation':
      return { type, fn: 'relu' };
    case 'maxpool':
    case 'avgpool':
      return { type, size: 2 };
    case 'layernorm':
      return { type, eps: 1e-5 };
    case 'residual':
      return { type, body: [{ type: 'activation', fn: 'relu' }] };
    case 'global_avgpool':
    case 'flatten':
      return { type };
  }
}

export const EDITABLE_TYPES: readonly LayerType[] = LAYER_TYPE_NAMES;

/** The list with layer i moved by `by` places (clamped at the ends). */
export function moveLayer<T>(list: readonly T[], i: number, by: -1 | 1): T[] {
  const j = i + by;
  if (j < 0 || j >= list.length) return [...list];
  const next = [...list];
  [next[i], next[j]] = [next[j], next[i]];
  return next;
}

export function removeLayer<T>(list: readonly T[], i: number): T[] {
  return list.filter((_, k) => k !== i);
}

export function replaceLayer<T>(list: readonly T[], i: number, layer: T): T[] {
  return list.map((l, k) => (k === i ? layer : l));
}
