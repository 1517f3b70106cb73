import { describe, expect, it } from 'vitest';
import { shownSurface } from './lastSurface';
import type { SurfaceGrid } from './views/types';

const himmelblau: SurfaceGrid = { xs: [-5, 5], ys: [-5, 5], values: [[170, 250], [130, 170]] };
const rastrigin: SurfaceGrid = { xs: [-5.12, 5.12], ys: [-5.12, 5.12], values: [[57.85, 57.85], [57.85, 57.85]] };

describe('the surface the 3-D view shows', () => {
  it('keeps the last surface on its own scale while the next is evaluated, then shows the new one on the new scale', () => {
    const first = shownSurface(null, himmelblau, true);
    expect(first).toEqual({ grid: himmelblau, logScale: true });
    // a new problem: its surface is evaluated (null) and its own scale (linear for Rastrigin) is set at once
    expect(shownSurface(first, null, false)).toBe(first);
    expect(shownSurface(first, rastrigin, false)).toEqual({ grid: rastrigin, logScale: false });
  });

  it('follows a scale toggled on the surface shown, and is the same object while nothing changes', () => {
    const first = shownSurface(null, himmelblau, true);
    expect(shownSurface(first, himmelblau, true)).toBe(first);
    expect(shownSurface(first, himmelblau, false)).toEqual({ grid: himmelblau, logScale: false });
  });

  it('shows nothing before the first surface', () => {
    expect(shownSurface(null, null, true)).toBeNull();
  });
});
