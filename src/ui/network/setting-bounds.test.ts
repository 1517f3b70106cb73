/**
 * One schema per setting: every number field the Network mode shows takes its range from the
 * worker request that carries the value. Each section is rendered with NumberField recording the
 * range it was given; the request schema must accept both ends and refuse just past each.
 */
import { createElement, type ReactElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it, vi } from 'vitest';
import type { z } from 'zod';
import { densityRequestSchema, hessianRequestSchema, miniBatchRequestSchema, networkSurfaceRequestSchema, trainRequestSchema } from '../../protocol/network';
import { schemaBounds } from '../../protocol/numbers';
import { getOptimizer } from '../../core/optim/registry';
import { LIMITS } from '../../core/limits';

const fields = new Map<string, { min?: number; max?: number; integer?: boolean }>();
vi.mock('../fields/NumberField', () => ({
  NumberField: (props: { testId: string; min?: number; max?: number; integer?: boolean }): null => {
    fields.set(props.testId, { min: props.min, max: props.max, integer: props.integer });
    return null;
  },
}));
// Plots draw on canvases in the browser; the ranges are all this test reads.
vi.mock('../views/LinePlot', () => ({ LinePlot: (): null => null }));
vi.mock('../views/Contour2D', () => ({ Contour2D: (): null => null }));
vi.mock('./DensityPlot', () => ({ DensityPlot: (): null => null }));
vi.mock('./MiniBatchPlot', () => ({ MiniBatchPlot: (): null => null }));

const ticket = { id: 'x-1', generation: 1 };
const held = { explorer: null, trained: null };
const at = { kind: 'init' } as const;

/** Each field's test id, the request that carries its value, a valid request, and the value's key in it. */
const CARRIERS: Record<string, { schema: z.ZodType; base: Record<string, unknown>; key: string }[]> = {
  'surface-grid': [{ schema: networkSurfaceRequestSchema, key: 'grid', base: { ...ticket, held, method: 'random', grid: 11, span: 1, seed: 0, at, run: { kind: 'trained' } } }],
  'surface-span': [{ schema: networkSurfaceRequestSchema, key: 'span', base: { ...ticket, held, method: 'random', grid: 11, span: 1, seed: 0, at, run: { kind: 'trained' } } }],
  'direction-seed': [{ schema: networkSurfaceRequestSchema, key: 'seed', base: { ...ticket, held, method: 'random', grid: 11, span: 1, seed: 0, at, run: { kind: 'trained' } } }],
  'net-steps': [{ schema: trainRequestSchema, key: 'steps', base: { ...ticket, optimizer: 'sgd', hyperParams: { lr: 1 }, steps: 10, every: 2, traceProbes: 4, lanczosTol: 1e-4, seed: 0 } }],
  'net-every': [{ schema: trainRequestSchema, key: 'every', base: { ...ticket, optimizer: 'sgd', hyperParams: { lr: 1 }, steps: 10, every: 2, traceProbes: 4, lanczosTol: 1e-4, seed: 0 } }],
  'net-trace-probes': [
    { schema: trainRequestSchema, key: 'traceProbes', base: { ...ticket, optimizer: 'sgd', hyperParams: { lr: 1 }, steps: 10, every: 2, traceProbes: 4, lanczosTol: 1e-4, seed: 0 } },
    { schema: hessianRequestSchema, key: 'traceProbes', base: { ...ticket, held, at, traceProbes: 4, seed: 0 } },
  ],
  'density-probes': [{ schema: densityRequestSchema, key: 'probes', base: { ...ticket, held, at, probes: 4, steps: 20, runs: 2, seed: 0 } }],
  'density-steps': [{ schema: densityRequestSchema, key: 'steps', base: { ...ticket, held, at, probes: 4, steps: 20, runs: 2, seed: 0 } }],
  'density-runs': [{ schema: densityRequestSchema, key: 'runs', base: { ...ticket, held, at, probes: 4, steps: 20, runs: 2, seed: 0 } }],
  'minibatch-size': [{ schema: miniBatchRequestSchema, key: 'batchSize', base: { ...ticket, held, at, batchSize: 8, batches: 3, seed: 0 } }],
  'minibatch-count': [{ schema: miniBatchRequestSchema, key: 'batches', base: { ...ticket, held, at, batchSize: 8, batches: 3, seed: 0 } }],
};

async function renderSections(): Promise<void> {
  const { SurfaceSection } = await import('./SurfaceSection');
  const { TrainingSection } = await import('./TrainingSection');
  const { DensitySection } = await import('./DensitySection');
  const { MiniBatchSection } = await import('./MiniBatchSection');
  const sections: ReactElement[] = [
    createElement(SurfaceSection, { base: 'b', where: 'the start' }),
    createElement(TrainingSection, { base: 'b' }),
    createElement(DensitySection, { base: 'b', where: 'the start' }),
    createElement(MiniBatchSection, { base: 'b', where: 'the start' }),
  ];
  for (const s of sections) renderToStaticMarkup(s);
}

describe('Network-mode number fields take their ranges from the request schemas', () => {
  it('each field\'s ends are accepted by every request that carries it, and one step past each is refused', async () => {
    await renderSections();
    const lr = fields.get('net-lr');
    const sgdLr = getOptimizer('sgd').params.find((p) => p.key === 'lr')!;
    expect(lr).toEqual({ min: sgdLr.min, max: sgdLr.max, integer: false });
    fields.delete('net-lr');
    expect([...fields.keys()].sort()).toEqual(Object.keys(CARRIERS).sort());
    for (const [testId, range] of fields) {
      const { min, max, integer } = range as { min: number; max: number; integer: boolean };
      for (const { schema, base, key } of CARRIERS[testId]) {
        const accepts = (v: number): boolean => schema.safeParse({ ...base, [key]: v }).success;
        expect(accepts(min), `${testId}: ${key} = ${min}`).toBe(true);
        expect(accepts(max), `${testId}: ${key} = ${max}`).toBe(true);
        const step = integer ? 1 : Math.max(Math.abs(max), Math.abs(min)) * 1e-9;
        expect(accepts(min - (integer ? 1 : min * 0.5)), `${testId}: below ${min}`).toBe(false);
        expect(accepts(max + step), `${testId}: above ${max}`).toBe(false);
        if (integer) expect(accepts(min + 0.5), `${testId}: ${min + 0.5} is not an integer`).toBe(false);
      }
    }
  });

  it('the ranges a person meets: 2..101 grid points, 2..500 trace probes, batches up to the row budget', async () => {
    await renderSections();
    expect(fields.get('surface-grid')).toEqual({ min: 2, max: LIMITS.grid, integer: true });
    expect(fields.get('net-trace-probes')).toEqual({ min: 2, max: 500, integer: true });
    // The mini-batch field is capped further by the loaded data's rows (none in this store).
    expect(fields.get('minibatch-size')).toEqual({ min: 1, max: LIMITS.rows, integer: true });
  });

  it('schemaBounds reads inclusive ends and refuses an open one', () => {
    expect(schemaBounds(densityRequestSchema.shape.runs)).toEqual({ min: 1, max: 20, integer: true });
    expect(() => schemaBounds(trainRequestSchema.shape.lanczosTol)).toThrow(/exclusive/);
    expect(() => schemaBounds(trainRequestSchema.shape.seed)).toThrow(/both ends/);
  });
});
