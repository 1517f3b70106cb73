/** The 3-D view's axis labels: plane coordinates along two floor edges and the axis names, placed in the box frame. */
import type { SurfaceGrid } from '../ui/views/types';
import { BOX_HALF, type BoxMapping } from './surfaceGeometry';

export type Point3 = [number, number, number];

export interface TickLabel {
  /** In the z-up box frame. */
  position: Point3;
  text: string;
  bold: boolean;
}

function formatCoord(v: number): string {
  return Number(v.toPrecision(3)).toString();
}

/** Plane coordinates at the ends and middle of the near (x) and right (y) floor edges, and the axis names. */
export function tickLabels(grid: SurfaceGrid, map: BoxMapping): TickLabel[] {
  const h = BOX_HALF;
  const off = 0.12;
  const pick = (s: number[]): number[] => [s[0], s[Math.floor((s.length - 1) / 2)], s[s.length - 1]];
  return [
    ...pick(grid.xs).map((v): TickLabel => ({ position: [map.x(v), -h - off, 0], text: formatCoord(v), bold: false })),
    { position: [0, -h - 2.4 * off, 0], text: 'x', bold: true },
    ...pick(grid.ys).map((v): TickLabel => ({ position: [h + off, map.y(v), 0], text: formatCoord(v), bold: false })),
    { position: [h + 2.4 * off, 0, 0], text: 'y', bold: true },
  ];
}
