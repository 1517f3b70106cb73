/**
 * A 2-D plane through parameter space for drawing a network's loss: two random directions,
 * filter-normalised (Li et al. 2018, "Visualizing the Loss Landscape of Neural Nets"), through the start.
 */
import { createRng } from '../core/random';

export interface Plane {
  origin: Float64Array;
  d1: Float64Array;
  d2: Float64Array;
  /** Inverse Gram matrix of (d1, d2), for least-squares projection. */
  gramInv: [number, number, number];
}

/** Each neuron's incoming weights get the norm of the same weights in `params`; biases are not perturbed (Li et al. 2018). */
function filterNormalisedDirection(params: Float64Array, layers: readonly number[], seed: number): Float64Array {
  const rng = createRng(seed);
  const d = new Float64Array(params.length);
  let offset = 0;
  for (let l = 1; l < layers.length; l++) {
    const nin = layers[l - 1];
    const nout = layers[l];
    for (let j = 0; j < nout; j++) {
      let dn = 0;
      let pn = 0;
      for (let i = 0; i < nin; i++) {
        const k = offset + i * nout + j;
        d[k] = rng.normal();
        dn += d[k] * d[k];
        pn += params[k] * params[k];
      }
      const s = dn > 0 ? Math.sqrt(pn / dn) : 0;
      for (let i = 0; i < nin; i++) d[offset + i * nout + j] *= s;
    }
    offset += nin * nout + nout;
  }
  return d;
}

export function randomPlane(params: Float64Array, layers: readonly number[], seed: number): Plane {
  const d1 = filterNormalisedDirection(params, layers, seed);
  const d2 = filterNormalisedDirection(params, layers, seed + 7919);
  let a = 0;
  let b = 0;
  let c = 0;
  for (let k = 0; k < d1.length; k++) {
    a += d1[k] * d1[k];
    b += d1[k] * d2[k];
    c += d2[k] * d2[k];
  }
  const det = a * c - b * b || 1;
  return { origin: Float64Array.from(params), d1, d2, gramInv: [c / det, -b / det, a / det] };
}

export function planePoint(plane: Plane, alpha: number, beta: number): Float64Array {
  const { origin, d1, d2 } = plane;
  const w = new Float64Array(origin.length);
  for (let k = 0; k < w.length; k++) w[k] = origin[k] + alpha * d1[k] + beta * d2[k];
  return w;
}

/** Least-squares plane coordinates of `w`. */
export function projectOntoPlane(plane: Plane, w: Float64Array): [number, number] {
  const { origin, d1, d2, gramInv } = plane;
  let r1 = 0;
  let r2 = 0;
  for (let k = 0; k < w.length; k++) {
    const r = w[k] - origin[k];
    r1 += d1[k] * r;
    r2 += d2[k] * r;
  }
  return [gramInv[0] * r1 + gramInv[1] * r2, gramInv[1] * r1 + gramInv[2] * r2];
}

/** Distance from `w` to the plane: the part of the iterate its plane coordinates leave out. */
export function distanceFromPlane(plane: Plane, w: Float64Array): number {
  const [a, b] = projectOntoPlane(plane, w);
  const { origin, d1, d2 } = plane;
  let sum = 0;
  for (let k = 0; k < w.length; k++) {
    const r = w[k] - origin[k] - a * d1[k] - b * d2[k];
    sum += r * r;
  }
  return Math.sqrt(sum);
}
