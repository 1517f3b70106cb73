import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { setBackend } from '../engine/backend';
import { unpackBatch, type RecordBatch } from '../../test/record-batches';
import { loadProblem, type LoadedProblem } from './problem-objective';
import type { LossWatch } from './device-loss';
import { runSideBySide } from './side-by-side';
import { IterateList } from './iterate-list';

const FIXTURES = process.env.CURVSCAPE_FIXTURES ?? '/work/shared/fixtures';
const NAME = 'spiral-tanh-ce.json';
const text = readFileSync(`${FIXTURES}/${NAME}`, 'utf8');

describe('K-FAC side by side in the worker, spiral on cpu', () => {
  it('after a device loss its Gauss-Newton products continue from where they were: one a step (Martens & Grosse 2015, Sec. 6.4)', async () => {
    await setBackend('cpu');
    const real = await loadProblem({ kind: 'custom', name: NAME, source: 'problem-file' }, { source: 'problem-file', name: NAME, text });
    let calls = 0;
    // The 12th evaluation fails as a destroyed GPU buffer would; the loss is then reported.
    const watch: LossWatch = { losses: 0, lostSince: async (before) => (watch.losses > before ? 'WebGPU device lost: fell back to wasm' : null) };
    const p: LoadedProblem = {
      ...real,
      objective: () => {
        const f = real.objective();
        return {
          dim: f.dim,
          counts: f.counts,
          value: (w) => f.value(w),
          hvp: (w, v) => f.hvp(w, v),
          ggnvp: (w, v) => f.ggnvp!(w, v),
          kfacFactors: (w) => f.kfacFactors!(w),
          paramMatrices: f.paramMatrices,
          valueAndGrad: async (w) => {
            if (++calls === 12) {
              watch.losses++;
              throw new Error('mapAsync: Buffer was destroyed');
            }
            return f.valueAndGrad(w);
          },
          dispose: () => f.dispose?.(),
        };
      },
    };
    const batches: RecordBatch[] = [];
    const notes: string[] = [];
    const errors: string[] = [];
    const steps = 20;
    await runSideBySide(
      p,
      { id: 'run-1', generation: 1, optimizers: [{ name: 'kfac', hyperParams: {} }], start: [0, 0], steps, gtol: 0 },
      [new IterateList()],
      { onBatch: (b) => void batches.push(...b.map(unpackBatch)), onDone: () => {}, onError: (_i, m) => void errors.push(m), onNote: (_i, t) => void notes.push(t) },
      watch,
    ).done;
    expect(errors).toEqual([]);
    expect(notes).toHaveLength(1);
    const records = batches.flatMap((b) => b.records);
    expect(records.map((r) => r.iteration)).toEqual(Array.from({ length: steps + 1 }, (_, k) => k));
    expect(records.map((r) => r.nggnvp)).toEqual(records.map((r) => r.iteration));
    for (let k = 1; k < records.length; k++) expect(records[k].nkfac!).toBeGreaterThanOrEqual(records[k - 1].nkfac!);
  }, 120_000);
});
