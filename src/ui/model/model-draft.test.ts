import { describe, expect, it } from 'vitest';
import { LAYER_TYPES, LAYER_TYPE_NAMES } from '../../core/problem/model';
import { getModelPreset } from '../../core/problem/model-presets';
import { defaultModelSpec, type ModelProblemSpec } from '../../state/problem-spec';
import { type DraftLayer, defaultLayer, moveLayer, removeLayer, replaceLayer } from './layer-defaults';
import { checkDraft, digitsSpecFrom, parseModelJson, presetOf } from './model-draft';

const cnn = getModelPreset('small-cnn').layers as unknown as DraftLayer[];

describe('the model editor', () => {
  it("counts the small CNN's parameters by the layer formulas and names a kernel too large for its input", () => {
    const ok = checkDraft(cnn, [8, 8, 1]);
    expect(ok.ok && ok.params).toBe(3 * 3 * 1 * 4 + 4 + (3 * 3 * 4 * 8 + 8) + (2 * 2 * 8 * 10 + 10));
    const bad = checkDraft(replaceLayer(cnn, 3, { ...cnn[3], kernel: 6 }), [8, 8, 1]);
    expect(bad).toEqual({ ok: false, error: 'model[3] (conv2d): kernel 6 is larger than its 4x4 input' });
    // a layer left with a wrong field is named with the field
    expect(checkDraft(replaceLayer(cnn, 7, { type: 'dense', units: 0 }), [8, 8, 1])).toEqual({ ok: false, error: 'model[7] (dense): units: expected a positive integer' });
  });

  it('every new layer of every type passes its type\'s schema; moves stop at the ends', () => {
    for (const type of LAYER_TYPE_NAMES) expect(LAYER_TYPES[type].schema.safeParse(defaultLayer(type)).success, type).toBe(true);
    expect(moveLayer([1, 2, 3], 0, -1)).toEqual([1, 2, 3]);
    expect(moveLayer([1, 2, 3], 0, 1)).toEqual([2, 1, 3]);
    expect(moveLayer([1, 2, 3], 2, -1)).toEqual([1, 3, 2]);
    expect(removeLayer([1, 2, 3], 1)).toEqual([1, 3]);
  });

  it('reads pasted JSON as a layer list or a file with "model", and says what is wrong otherwise', () => {
    expect(parseModelJson('[{"type":"flatten"}]')).toEqual({ ok: true, layers: [{ type: 'flatten' }] });
    expect(parseModelJson('{"input_shape":[8,8,1],"model":[{"type":"flatten"}]}')).toEqual({ ok: true, layers: [{ type: 'flatten' }] });
    expect(parseModelJson('{"layers":[64,10]}')).toEqual({ ok: false, error: 'Model JSON: expected a list of layers or an object with "model"' });
    const broken = parseModelJson('[{"type":');
    expect(broken.ok === false && broken.error).toMatch(/^Model JSON: /);
  });

  it('knows a preset by its layers, also after defaults are written out, and not once edited', () => {
    const checked = checkDraft(cnn, [8, 8, 1]);
    expect(presetOf(checked.ok ? checked.model : [])).toBe('small-cnn');
    expect(presetOf(replaceLayer(cnn, 0, { ...cnn[0], filters: 5 }))).toBeNull();
  });

  it('moving to digits keeps a model that fits 8x8 images and replaces one that does not', () => {
    const fashion = (model: unknown[]): ModelProblemSpec => ({ ...defaultModelSpec(), dataset: 'fashion-mnist', inputShape: [28, 28, 1], examples: 2000, model: model as ModelProblemSpec['model'], initSeed: 3, files: ['a', 'b'] });
    const mlp = getModelPreset('mlp').layers;
    expect(digitsSpecFrom(fashion(mlp))).toEqual({ ...defaultModelSpec(), model: mlp, examples: 1346, initSeed: 3 });
    const big = [{ type: 'conv2d', filters: 2, kernel: 11, stride: 1, padding: 'same' }, { type: 'flatten' }, { type: 'dense', units: 10 }];
    expect(digitsSpecFrom(fashion(big)).model).toEqual(getModelPreset('small-cnn').layers);
    expect(digitsSpecFrom({ kind: 'function', name: 'rosenbrock' })).toEqual(defaultModelSpec());
  });
});
