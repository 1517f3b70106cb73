/** The grid a surface is sampled on, and the result every surface consumer (UI, CLI, export) reads. */
import type { DirectionInfo } from './directions';
import { linspace } from './plane';

/** The largest grid side the app and the CLI accept. */
export const MAX_GRID = 101;

export interface GridSpec {
  alphas: number[];
  betas: number[];
}

/** A size x size grid over [-span, span]^2 around the plane's origin (loss-landscape's -1:1:51 is size 51, span 1). */
export function surfaceGrid(size: number, span: number): GridSpec {
  if (!Number.isInteger(size) || size < 2 || size > MAX_GRID) throw new Error(`grid size must be an integer from 2 to ${MAX_GRID}, got ${size}`);
  if (!(span > 0) || !Number.isFinite(span)) throw new Error(`span must be a positive number, got ${span}`);
  const axis = linspace(-span, span, size);
  return { alphas: axis, betas: [...axis] };
}

export interface SurfaceResult {
  /** Points per side. */
  grid: number;
  alphas: number[];
  betas: number[];
  /** Rows by beta: loss[j][i] is the loss at (alphas[i], betas[j]). */
  loss: number[][];
  directions: DirectionInfo;
  /** Wall time of the evaluation. */
  ms: number;
}
