/** Classification accuracy of a dense network, by a float64 forward pass (the argmax needs no tensors). */
import type { LabelledData, NetworkSpec } from './env';
import { layerShapes, type Activation } from '../problem/problem';

const GELU_C = Math.sqrt(2 / Math.PI);

/** The hidden activations as the engine defines them (gelu in its tanh form, Hendrycks and Gimpel 2016). */
const ACTIVATION: Record<Activation, (a: number) => number> = {
  tanh: Math.tanh,
  relu: (a) => (a > 0 ? a : 0),
  sigmoid: (a) => 1 / (1 + Math.exp(-a)),
  softplus: (a) => (a > 0 ? a + Math.log1p(Math.exp(-a)) : Math.log1p(Math.exp(a))),
  gelu: (a) => 0.5 * a * (1 + Math.tanh(GELU_C * (a + 0.044715 * a * a * a))),
};

/** The network's outputs for one input row. */
export function mlpOutput(spec: NetworkSpec, w: Float64Array, x: readonly number[]): Float64Array {
  const shapes = layerShapes(spec.layers);
  const f = ACTIVATION[spec.activation];
  let h: ArrayLike<number> = x;
  shapes.forEach(({ nIn, nOut, offset }, l) => {
    const z = new Float64Array(nOut);
    for (let j = 0; j < nOut; j++) z[j] = w[offset + nIn * nOut + j];
    for (let i = 0; i < nIn; i++) {
      const hi = h[i];
      if (hi === 0) continue;
      const row = offset + i * nOut;
      for (let j = 0; j < nOut; j++) z[j] += hi * w[row + j];
    }
    if (l < shapes.length - 1) for (let j = 0; j < nOut; j++) z[j] = f(z[j]);
    h = z;
  });
  return h as Float64Array;
}

/** The predicted class: the largest output (one logit: positive means class 1). */
function predict(out: Float64Array): number {
  if (out.length === 1) return out[0] > 0 ? 1 : 0;
  let best = 0;
  for (let j = 1; j < out.length; j++) if (out[j] > out[best]) best = j;
  return best;
}

/** Share of rows whose predicted class is the label. */
export function accuracy(spec: NetworkSpec, w: Float64Array, data: LabelledData): number {
  if (data.X.length === 0) return NaN;
  let right = 0;
  data.X.forEach((x, i) => {
    if (predict(mlpOutput(spec, w, x)) === data.y[i]) right++;
  });
  return right / data.X.length;
}
