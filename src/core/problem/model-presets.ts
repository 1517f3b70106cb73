/**
 * Preset architectures a student can pick in one click and then edit (issue 10, "Real data"). Each
 * is one fixed layer list that fits any [H, W, 1] image input with H, W >= 4, so the same preset
 * runs on the 8x8 digits and on 28x28 Fashion-MNIST; only the dense layers' widths follow the input.
 */
import type { LayerSpec } from './model';

export const PRESET_NAMES = ['mlp', 'small-cnn', 'residual-cnn', 'plain-cnn'] as const;
export type PresetName = (typeof PRESET_NAMES)[number];

export interface ModelPreset {
  name: PresetName;
  label: string;
  /** What it is and where it comes from, for the picker's title. */
  description: string;
  layers: LayerSpec[];
}

const relu: LayerSpec = { type: 'activation', fn: 'relu' };
const conv = (filters: number): LayerSpec => ({ type: 'conv2d', filters, kernel: 3, stride: 1, padding: 'same' });
/** Two 3x3 convolutions that keep an 8-channel map's shape: the body of a basic residual block. */
const body = (): LayerSpec[] => [conv(8), relu, conv(8)];

/**
 * The residual CNN and its plain twin differ only in the skips: the comparison of Li et al. 2018
 * ("Visualizing the Loss Landscape of Neural Nets", ResNet vs ResNet-noshort) at a size a browser
 * trains in seconds; the blocks follow He et al. 2016 ("Deep Residual Learning for Image Recognition").
 */
function deepCnn(skips: boolean): LayerSpec[] {
  const block = (): LayerSpec[] => (skips ? [{ type: 'residual', body: body() }] : body());
  return [conv(8), relu, ...block(), relu, { type: 'maxpool', size: 2 }, ...block(), relu, { type: 'global_avgpool' }, { type: 'dense', units: 10 }];
}

export const MODEL_PRESETS: readonly ModelPreset[] = [
  {
    name: 'mlp',
    label: 'MLP (flatten, 32 ReLU, 10)',
    description: 'One hidden layer of 32 ReLU units on the flattened image',
    layers: [{ type: 'flatten' }, { type: 'dense', units: 32 }, relu, { type: 'dense', units: 10 }],
  },
  {
    name: 'small-cnn',
    label: 'Small CNN (conv-pool-conv-pool-dense)',
    description: 'LeNet-like (LeCun et al. 1998, "Gradient-based learning applied to document recognition"): 3x3 convolutions of 4 and 8 filters, each followed by ReLU and 2x2 max pooling, then a dense layer',
    layers: [conv(4), relu, { type: 'maxpool', size: 2 }, conv(8), relu, { type: 'maxpool', size: 2 }, { type: 'flatten' }, { type: 'dense', units: 10 }],
  },
  {
    name: 'residual-cnn',
    label: 'Residual CNN (2 blocks)',
    description: 'A 3x3 stem of 8 filters, two residual blocks of two 3x3 convolutions (He et al. 2016) around a 2x2 max pool, global average pooling, dense',
    layers: deepCnn(true),
  },
  {
    name: 'plain-cnn',
    label: 'Plain CNN (same depth, no skips)',
    description: 'The residual CNN with its skip connections removed (Li et al. 2018 compare the two landscapes)',
    layers: deepCnn(false),
  },
];

export function getModelPreset(name: PresetName): ModelPreset {
  const preset = MODEL_PRESETS.find((p) => p.name === name);
  if (!preset) throw new Error(`unknown model preset ${JSON.stringify(name)}; expected one of ${PRESET_NAMES.join(', ')}`);
  return preset;
}
