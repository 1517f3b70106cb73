import { describe, expect, it } from 'vitest';
import type { RunResult } from '../core/optim/types';
import { unpackBatch, type RecordBatch } from '../../test/record-batches';
import type { RunRequest } from '../protocol/run';
import { loadProblem, type LoadedProblem } from './problem-objective';
import { NO_LOSSES, type LossWatch } from './device-loss';
import { runSideBySide } from './side-by-side';
import { IterateList } from './iterate-list';

function request(patch: Partial<RunRequest> = {}): RunRequest {
  return { id: 'run-1', generation: 1, optimizers: [{ name: 'sgd', hyperParams: { lr: 1e-3 } }, { name: 'newton', hyperParams: {} }], start: [-1.2, 1], steps: 30, gtol: 1e-8, ...patch };
}

function collect(): { batches: RecordBatch[]; done: Map<number, RunResult>; errors: Map<number, string>; notes: string[]; events: Parameters<typeof runSideBySide>[3] } {
  const batches: RecordBatch[] = [];
  const done = new Map<number, RunResult>();
  const errors = new Map<number, string>();
  const notes: string[] = [];
  return {
    batches,
    done,
    errors,
    notes,
    events: {
      onBatch: (b) => void batches.push(...b.map(unpackBatch)),
      onDone: (i, r) => void done.set(i, r),
      onError: (i, m) => void errors.set(i, m),
      onNote: (_i, t) => void notes.push(t),
    },
  };
}

describe('optimizers side by side in the worker', () => {
  it('streams every record once, keeps each optimizer\'s iterates under the run, and reports each result', async () => {
    const p = await loadProblem({ kind: 'function', name: 'rosenbrock' });
    const iterates = [new IterateList(), new IterateList()];
    const c = collect();
    await runSideBySide(p, request(), iterates, c.events, NO_LOSSES).done;
    const sgd = c.batches.filter((b) => b.index === 0).flatMap((b) => b.records);
    expect(sgd.map((r) => r.iteration)).toEqual(Array.from({ length: 31 }, (_, k) => k));
    expect(iterates[0]).toHaveLength(31);
    expect(Array.from(iterates[0].at(0))).toEqual([-1.2, 1]);
    expect(c.done.get(0)?.nit).toBe(30);
    // Newton on Rosenbrock from (-1.2, 1) reaches (1, 1) well within 30 steps.
    expect(c.done.get(1)?.x[0]).toBeCloseTo(1, 6);
  });

  it('cancel stops every optimizer at its next turn', async () => {
    const p = await loadProblem({ kind: 'function', name: 'rosenbrock' });
    const c = collect();
    const control = runSideBySide(p, request({ steps: 100_000 }), [new IterateList(), new IterateList()], c.events, NO_LOSSES);
    await new Promise((r) => setTimeout(r, 30));
    control.cancel();
    await control.done;
    expect(c.done.get(0)?.reason).toBe('cancelled');
    expect(c.done.get(0)!.nit).toBeLessThan(100_000);
  });

  it('after a device loss an optimizer restarts from its last iterate, numbering and counters continuing, and says so', async () => {
    const real = await loadProblem({ kind: 'function', name: 'rosenbrock' });
    let calls = 0;
    // The 40th evaluation fails as a destroyed GPU buffer would; the loss is then reported.
    const watch: LossWatch = { losses: 0, lostSince: async (before) => (watch.losses > before ? 'WebGPU device lost: fell back to wasm' : null) };
    const p: LoadedProblem = {
      ...real,
      objective: () => {
        const f = real.objective();
        return {
          ...f,
          dim: f.dim,
          counts: f.counts,
          valueAndGrad: async (w) => {
            if (++calls === 40) {
              watch.losses++;
              throw new Error('mapAsync: Buffer was destroyed');
            }
            return f.valueAndGrad(w);
          },
        };
      },
    };
    const iterates = [new IterateList()];
    const c = collect();
    await runSideBySide(p, request({ optimizers: [{ name: 'sgd', hyperParams: { lr: 1e-3 } }], steps: 60 }), iterates, c.events, watch).done;
    expect(c.errors.size).toBe(0);
    const records = c.batches.flatMap((b) => b.records);
    expect(records.map((r) => r.iteration)).toEqual(Array.from({ length: 61 }, (_, k) => k));
    expect(iterates[0]).toHaveLength(61);
    for (let k = 1; k < records.length; k++) expect(records[k].ngev).toBeGreaterThan(records[k - 1].ngev);
    expect(c.notes).toHaveLength(1);
    expect(c.notes[0]).toMatch(/^WebGPU device lost: fell back to wasm; sgd restarted from its last iterate \(iteration \d+\)$/);
    expect(c.done.get(0)?.nit).toBe(60);
  });
});
