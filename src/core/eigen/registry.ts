/** The eigen-solvers the UI and the CLI can pick by name. */
import type { EigenSolver } from './types';
import { dense } from './dense';
import { lanczos } from './lanczos';
import { power } from './power';

export const EIGEN_SOLVERS: EigenSolver[] = [lanczos, power, dense];

export function getEigenSolver(name: string): EigenSolver {
  const solver = EIGEN_SOLVERS.find((s) => s.name === name);
  if (!solver) throw new Error(`unknown eigen-solver "${name}"; valid names: ${EIGEN_SOLVERS.map((s) => s.name).join(', ')}`);
  return solver;
}
