import { describe, expect, it } from 'vitest';
import { countedObjective } from '../core/objective';
import { gatedObjective, TurnScheduler } from './scheduler';

const quad = countedObjective({
  dim: 1,
  value: async (w) => w[0] * w[0],
  valueAndGrad: async (w) => ({ value: w[0] * w[0], grad: Float64Array.of(2 * w[0]) }),
  hvp: async (_w, v) => Float64Array.of(2 * v[0]),
});

/** `count` optimizers each doing `iters` one-call iterations through the scheduler; returns who ran in what order. */
async function runAll(s: TurnScheduler, count: number, iters: number, log: number[]): Promise<void> {
  await Promise.all(
    Array.from({ length: count }, async (_, i) => {
      const obj = gatedObjective(quad, s, i);
      for (let k = 0; k < iters && !s.cancelled; k++) {
        await obj.valueAndGrad(Float64Array.of(k));
        log.push(i);
        s.endTurn(i);
      }
      s.finish(i);
    }),
  );
}

describe('TurnScheduler', () => {
  it('interleaves optimizers one iteration each, and lets the rest finish when one stops early', async () => {
    const log: number[] = [];
    const s = new TurnScheduler(3, false);
    await Promise.all([
      runAll(s, 2, 3, log),
      (async () => {
        const obj = gatedObjective(quad, s, 2);
        await obj.value(Float64Array.of(1));
        log.push(2);
        s.endTurn(2);
        s.finish(2);
      })(),
    ]);
    expect(log).toEqual([0, 1, 2, 0, 1, 0, 1]);
  });

  it('a paused run grants exactly one turn per optimizer per single step', async () => {
    const log: number[] = [];
    const s = new TurnScheduler(2, true);
    const done = runAll(s, 2, 5, log);
    await new Promise((r) => setTimeout(r, 20));
    expect(log).toEqual([0, 1]);
    s.stepOnce();
    await new Promise((r) => setTimeout(r, 20));
    expect(log).toEqual([0, 1, 0, 1]);
    s.resume();
    await done;
    expect(log.length).toBe(10);
  });

  it('cancel releases every waiting optimizer, and waiting time is measured', async () => {
    const log: number[] = [];
    const s = new TurnScheduler(2, true);
    const done = runAll(s, 2, 100, log);
    await new Promise((r) => setTimeout(r, 30));
    s.cancel();
    await done;
    expect(log.length).toBeLessThanOrEqual(4);
    expect(s.waitedMs[0] + s.waitedMs[1]).toBeGreaterThan(20);
  });
});
