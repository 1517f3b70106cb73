import { describe, expect, it } from 'vitest';
import { surfaceToCsv, surfaceToVtk } from './export';
import { surfaceGrid, type SurfaceResult } from './grid';

function result(loss: (a: number, b: number) => number, nx: number, ny: number): SurfaceResult {
  const alphas = surfaceGrid(nx, 1).alphas;
  const betas = surfaceGrid(ny, 2).betas;
  return {
    grid: nx,
    alphas,
    betas,
    loss: betas.map((b) => alphas.map((a) => loss(a, b))),
    directions: { method: 'random', label: 'Random, filter-normalised', citation: 'Li et al. 2018' },
    ms: 1,
  };
}

/** A minimal reader for legacy ASCII VTK structured grids, as ParaView's reader walks the file. */
function readVtk(text: string): { header: string[]; dims: number[]; points: number[][]; scalars: Record<string, number[]> } {
  const lines = text.trimEnd().split('\n');
  const header = lines.slice(0, 4);
  const dims = lines[4].split(' ').slice(1).map(Number);
  const [, count, type] = lines[5].split(' ');
  expect(type).toBe('float');
  const n = Number(count);
  const points = lines.slice(6, 6 + n).map((l) => l.split(' ').map(Number));
  let i = 6 + n;
  expect(lines[i]).toBe(`POINT_DATA ${n}`);
  i++;
  const scalars: Record<string, number[]> = {};
  while (i < lines.length) {
    const [kw, name, , comps] = lines[i].split(' ');
    expect(kw).toBe('SCALARS');
    expect(comps).toBe('1');
    expect(lines[i + 1]).toBe('LOOKUP_TABLE default');
    scalars[name] = lines.slice(i + 2, i + 2 + n).map(Number);
    i += 2 + n;
  }
  return { header, dims, points, scalars };
}

describe('legacy VTK structured grid', () => {
  it('parses back: header, dimensions, points with alpha fastest, and the train_loss scalars', () => {
    const r = result((a, b) => a * a + 3 * b, 4, 3);
    const vtk = readVtk(surfaceToVtk(r));
    expect(vtk.header[0]).toBe('# vtk DataFile Version 3.0');
    expect(vtk.header[2]).toBe('ASCII');
    expect(vtk.header[3]).toBe('DATASET STRUCTURED_GRID');
    expect(vtk.dims).toEqual([4, 3, 1]);
    expect(vtk.points.length).toBe(12);
    expect(vtk.points[1]).toEqual([r.alphas[1], r.betas[0], r.loss[0][1]]);
    expect(vtk.points[4]).toEqual([r.alphas[0], r.betas[1], r.loss[1][0]]);
    expect(Object.keys(vtk.scalars)).toEqual(['train_loss']);
    expect(vtk.scalars.train_loss).toEqual(r.loss.flat());
  });

  it('draws non-finite losses at the largest finite one and marks them in a finite array', () => {
    const r = result((a, b) => (a === 1 && b === 2 ? Infinity : a + b), 3, 3);
    const vtk = readVtk(surfaceToVtk(r));
    expect(vtk.scalars.train_loss.every(Number.isFinite)).toBe(true);
    expect(Math.max(...vtk.scalars.train_loss)).toBe(2);
    expect(vtk.scalars.finite).toEqual([1, 1, 1, 1, 1, 1, 1, 1, 0]);
  });
});

describe('CSV', () => {
  it('has a header and one alpha,beta,loss row per grid point, alpha fastest', () => {
    const r = result((a, b) => 10 * a + b, 3, 2);
    const rows = surfaceToCsv(r).trimEnd().split('\n');
    expect(rows[0]).toBe('alpha,beta,loss');
    expect(rows.length).toBe(7);
    const parsed = rows.slice(1).map((l) => l.split(',').map(Number));
    expect(parsed[1]).toEqual([0, -2, 0 * 10 - 2]);
    expect(parsed[5]).toEqual([1, 2, 12]);
  });
});

describe('grid', () => {
  it('spans [-span, span] with size points per side, and refuses sizes beyond 101', () => {
    const g = surfaceGrid(51, 1);
    expect(g.alphas.length).toBe(51);
    expect(g.alphas[0]).toBe(-1);
    expect(g.alphas[25]).toBe(0);
    expect(g.betas[50]).toBe(1);
    expect(() => surfaceGrid(102, 1)).toThrow(/101/);
    expect(() => surfaceGrid(11, 0)).toThrow(/span/);
  });
});
