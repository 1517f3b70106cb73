import type { ReactElement } from 'react';
import { type LayerType, LAYER_TYPES } from '../../core/problem/model';
import { ACTIVATIONS } from '../../core/problem/problem';
import { NumberField } from '../fields/NumberField';
import { SelectField } from '../SelectField';
import { type DraftLayer, EDITABLE_TYPES, defaultLayer, moveLayer, removeLayer, replaceLayer } from './layer-defaults';

/** Widths, filters, kernels, strides and pool sizes a hand-edited layer may ask for; the parser and the parameter budget check the rest. */
const SIZE = { min: 1, max: 4096, integer: true } as const;

interface LayerFieldsProps {
  layer: DraftLayer;
  path: string;
  testId: string;
  onChange(layer: DraftLayer): void;
}

function num(layer: DraftLayer, key: string, fallback: number): number {
  const v = layer[key];
  return typeof v === 'number' ? v : fallback;
}

/** The fields of one layer type: each commits a whole new layer object. */
function LayerFields({ layer, path, testId, onChange }: LayerFieldsProps): ReactElement | null {
  const set = (patch: Record<string, unknown>): void => onChange({ ...layer, ...patch });
  const field = (key: string, label: string, fallback: number): ReactElement => (
    <NumberField key={key} label={label} testId={`${testId}-${key}`} value={num(layer, key, fallback)} {...SIZE} onCommit={(v) => set({ [key]: v })} title={`${path}.${key}`} />
  );
  switch (layer.type as LayerType) {
    case 'dense':
      return field('units', 'units', 10);
    case 'conv2d':
      return (
        <>
          {field('filters', 'filters', 4)}
          {field('kernel', 'kernel', 3)}
          {field('stride', 'stride', 1)}
          <SelectField label="padding" testId={`${testId}-padding`} value={String(layer.padding ?? 'same')} options={['same', 'valid']} onChange={(padding) => set({ padding })} />
        </>
      );
    case 'activation':
      return <SelectField label="function" testId={`${testId}-fn`} value={String(layer.fn ?? 'relu')} options={ACTIVATIONS} onChange={(fn) => set({ fn })} />;
    case 'maxpool':
    case 'avgpool':
      return field('size', 'pool size', 2);
    case 'layernorm':
      return <NumberField label="eps" testId={`${testId}-eps`} value={num(layer, 'eps', 1e-5)} min={1e-12} max={1} onCommit={(eps) => set({ eps })} />;
    default:
      return null;
  }
}

export interface LayerEditorProps {
  layers: readonly DraftLayer[];
  /** `model` or `model[3].body`: how the parser names these layers. */
  path: string;
  testId: string;
  onChange(layers: DraftLayer[]): void;
}

/** A layer list to edit: each layer's type and fields, moved up or down or removed; a residual's body is a list of its own. */
export function LayerEditor({ layers, path, testId, onChange }: LayerEditorProps): ReactElement {
  return (
    <div className="layer-list" data-testid={testId}>
      {layers.map((layer, i) => {
        const at = `${path}[${i}]`;
        const id = `${testId}-${i}`;
        return (
          <div className="layer-row" key={i} data-testid={id} data-type={layer.type}>
            <div className="layer-head">
              <code className="layer-path" title={at}>
                {at.slice(at.lastIndexOf('.') + 1)}
              </code>
              <select aria-label={`${at} type`} data-testid={`${id}-type`} value={layer.type} onChange={(e) => onChange(replaceLayer(layers, i, defaultLayer(e.target.value as LayerType)))}>
                {!(layer.type in LAYER_TYPES) && <option value={layer.type}>{layer.type} (unknown)</option>}
                {EDITABLE_TYPES.map((t) => (
                  <option key={t} value={t}>
                    {t}
                  </option>
                ))}
              </select>
              <span className="layer-buttons">
                <button type="button" className="link" title="Move up" aria-label={`move ${at} up`} data-testid={`${id}-up`} disabled={i === 0} onClick={() => onChange(moveLayer(layers, i, -1))}>
                  ↑
                </button>
                <button type="button" className="link" title="Move down" aria-label={`move ${at} down`} data-testid={`${id}-down`} disabled={i === layers.length - 1} onClick={() => onChange(moveLayer(layers, i, 1))}>
                  ↓
                </button>
                <button type="button" className="link" title="Remove" aria-label={`remove ${at}`} data-testid={`${id}-remove`} onClick={() => onChange(removeLayer(layers, i))}>
                  ✕
                </button>
              </span>
            </div>
            <div className="layer-fields">
              <LayerFields layer={layer} path={at} testId={id} onChange={(l) => onChange(replaceLayer(layers, i, l))} />
            </div>
            {layer.type === 'residual' && (
              <div className="layer-body">
                <LayerEditor
                  layers={Array.isArray(layer.body) ? (layer.body as DraftLayer[]) : []}
                  path={`${at}.body`}
                  testId={`${id}-body`}
                  onChange={(body) => onChange(replaceLayer(layers, i, { ...layer, body }))}
                />
              </div>
            )}
          </div>
        );
      })}
      <AddLayer testId={`${testId}-add`} onAdd={(type) => onChange([...layers, defaultLayer(type)])} />
    </div>
  );
}

function AddLayer({ testId, onAdd }: { testId: string; onAdd(type: LayerType): void }): ReactElement {
  return (
    <label className="inline small">
      add
      <select data-testid={testId} value="" onChange={(e) => e.target.value && onAdd(e.target.value as LayerType)}>
        <option value="">layer…</option>
        {EDITABLE_TYPES.map((t) => (
          <option key={t} value={t}>
            {t}
          </option>
        ))}
      </select>
    </label>
  );
}
