import { describe, expect, it } from 'vitest';
import { EIGEN_SOLVERS, getEigenSolver } from './registry';

describe('eigen-solver registry', () => {
  it('finds each solver by name', () => {
    expect(EIGEN_SOLVERS.map((s) => s.name)).toEqual(['lanczos', 'power', 'dense']);
    for (const s of EIGEN_SOLVERS) expect(getEigenSolver(s.name)).toBe(s);
  });

  it('names the valid solvers when the name is unknown', () => {
    expect(() => getEigenSolver('arnoldi')).toThrow('unknown eigen-solver "arnoldi"; valid names: lanczos, power, dense');
  });
});
