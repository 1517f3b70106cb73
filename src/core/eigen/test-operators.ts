/** Dense symmetric operators with known spectra for the eigen-solver tests and benchmarks. */
import type { MatVec } from './types';
import { symmetricWithSpectrum } from '../linalg/orthogonal';
import { matVec } from '../linalg/vector';
import { createRng } from '../random';

export interface CountedDenseOperator {
  op: MatVec;
  matrix: Float64Array;
  n: number;
  /** Products spent so far, counted independently of the solver's own count. */
  calls: () => number;
}

/** Mixed into the seed so Q's first column never equals a solver's start vector drawn with the same seed. */
const SEED_SALT = 0x9e3779b9;

/** Q diag(spectrum) Q^T as a counted operator, Q a seeded random orthogonal matrix. */
export function operatorWithSpectrum(spectrum: ArrayLike<number>, seed: number): CountedDenseOperator {
  const n = spectrum.length;
  const matrix = symmetricWithSpectrum(spectrum, createRng(seed ^ SEED_SALT));
  let count = 0;
  const op: MatVec = async (v) => {
    count++;
    return matVec(matrix, n, v);
  };
  return { op, matrix, n, calls: () => count };
}

/** ||A x - theta x|| / scale, recomputed directly. */
export function directResidual(matrix: Float64Array, n: number, x: Float64Array, theta: number, scale: number): number {
  const ax = matVec(matrix, n, x);
  let s = 0;
  for (let i = 0; i < n; i++) s += (ax[i] - theta * x[i]) ** 2;
  return Math.sqrt(s) / scale;
}
