/**
 * Seeded starting parameters for a layer list, as PyTorch's default initialisation draws them
 * (nn.Linear / nn.Conv2d: weights and biases uniform in +-1/sqrt(fan_in), fan_in being the
 * weight's entries per filter; layer norm: gain 1, bias 0), so a model file needs no params.
 */
import { createRng } from '../random';
import type { ModelLayout } from './model';

export function initialParams(layout: ModelLayout, seed: number): Float64Array {
  const rng = createRng(seed);
  const w = new Float64Array(layout.numParams);
  for (const block of layout.blocks) {
    const weight = block.tensors.find((t) => t.role === 'weight');
    const fanIn = weight ? weight.size / weight.shape[weight.shape.length - 1] : 1;
    const bound = 1 / Math.sqrt(fanIn);
    for (const t of block.tensors) {
      for (let i = 0; i < t.size; i++) {
        w[t.offset + i] = t.role === 'gain' ? 1 : block.type === 'layernorm' ? 0 : bound * (2 * rng.next() - 1);
      }
    }
  }
  return w;
}
