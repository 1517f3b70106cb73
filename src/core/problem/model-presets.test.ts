import { describe, expect, it } from 'vitest';
import { parseModel } from './model';
import { MODEL_PRESETS, PRESET_NAMES, getModelPreset } from './model-presets';

/** Parameter counts from the layer formulas: dense in*out + out, conv2d k*k*cin*f + f. */
const dense = (nIn: number, nOut: number): number => nIn * nOut + nOut;
const conv = (k: number, cin: number, f: number): number => k * k * cin * f + f;

const HAND_COUNTS: Record<string, { digits: number; fashion: number }> = {
  mlp: { digits: dense(64, 32) + dense(32, 10), fashion: dense(784, 32) + dense(32, 10) },
  // 8x8 -> pool 4x4 -> pool 2x2x8 = 32 features; 28x28 -> 14x14 -> 7x7x8 = 392
  'small-cnn': { digits: conv(3, 1, 4) + conv(3, 4, 8) + dense(2 * 2 * 8, 10), fashion: conv(3, 1, 4) + conv(3, 4, 8) + dense(7 * 7 * 8, 10) },
  // global average pooling leaves 8 features whatever the input size
  'residual-cnn': { digits: conv(3, 1, 8) + 4 * conv(3, 8, 8) + dense(8, 10), fashion: conv(3, 1, 8) + 4 * conv(3, 8, 8) + dense(8, 10) },
  'plain-cnn': { digits: conv(3, 1, 8) + 4 * conv(3, 8, 8) + dense(8, 10), fashion: conv(3, 1, 8) + 4 * conv(3, 8, 8) + dense(8, 10) },
};

describe('model presets', () => {
  it('has one entry per name, each looked up by it', () => {
    expect(MODEL_PRESETS.map((p) => p.name)).toEqual([...PRESET_NAMES]);
    for (const name of PRESET_NAMES) expect(getModelPreset(name).name).toBe(name);
    expect(() => getModelPreset('lenet' as never)).toThrow(/unknown model preset "lenet"/);
  });

  for (const preset of MODEL_PRESETS) {
    it(`${preset.name} parses for 8x8x1 digits and 28x28x1 Fashion-MNIST with the hand-counted parameters and 10 logits`, () => {
      const digits = parseModel(preset.layers, [8, 8, 1]).layout;
      const fashion = parseModel(preset.layers, [28, 28, 1]).layout;
      expect(digits.numParams).toBe(HAND_COUNTS[preset.name].digits);
      expect(fashion.numParams).toBe(HAND_COUNTS[preset.name].fashion);
      expect(digits.outputShape).toEqual([10]);
      expect(fashion.outputShape).toEqual([10]);
    });
  }

  it('the plain CNN is the residual CNN with each residual body put in its place', () => {
    const inline = (layers: readonly (typeof MODEL_PRESETS)[number]['layers'][number][]): unknown[] =>
      layers.flatMap((l) => (l.type === 'residual' ? l.body : [l]));
    expect(inline(getModelPreset('residual-cnn').layers)).toEqual(getModelPreset('plain-cnn').layers);
    expect(getModelPreset('residual-cnn').layers.filter((l) => l.type === 'residual')).toHaveLength(2);
  });
});
