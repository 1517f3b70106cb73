import { describe, expect, it } from 'vitest';
import { countedObjective } from '../core/objective';
import { CancelledError, nextTask, slicedObjective, Slicer } from './work-slices';

/** Busy work for about `ms` milliseconds on this thread. */
function spin(ms: number): void {
  const end = performance.now() + ms;
  while (performance.now() < end);
}

describe('work in slices', () => {
  it('a message posted while the work runs is handled before the work ends, and the cancel it carries stops it', async () => {
    let cancelled = false;
    const events: string[] = [];
    const slicer = new Slicer(() => cancelled, 5);
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      events.push('cancel received');
      cancelled = true;
      channel.port1.close();
    };
    const work = (async () => {
      for (let k = 0; k < 1000; k++) {
        await slicer.tick();
        spin(2);
        events.push(`step ${k}`);
        if (k === 3) channel.port2.postMessage('cancel');
      }
    })();
    await expect(work).rejects.toBeInstanceOf(CancelledError);
    const at = events.indexOf('cancel received');
    expect(at).toBeGreaterThan(0);
    // Received within a slice or two of being sent, and the work stopped at its next look.
    expect(events.slice(at + 1).length).toBe(0);
    expect(events.filter((e) => e.startsWith('step')).length).toBeLessThan(20);
    expect(slicer.yields).toBeGreaterThan(0);
  });

  it('a sliced objective keeps the counters and values of the one it wraps', async () => {
    const f = countedObjective({
      dim: 1,
      value: async (w) => w[0] ** 2,
      valueAndGrad: async (w) => ({ value: w[0] ** 2, grad: Float64Array.of(2 * w[0]) }),
      hvp: async (_w, v) => Float64Array.of(2 * v[0]),
    });
    const g = slicedObjective(f, new Slicer(() => false));
    expect(await g.value(Float64Array.of(3))).toBe(9);
    expect((await g.hvp(Float64Array.of(3), Float64Array.of(1)))[0]).toBe(2);
    expect(g.counts).toBe(f.counts);
    expect(f.counts.values).toBe(1);
    expect(f.counts.hvps).toBe(1);
    await expect(slicedObjective(f, new Slicer(() => true)).value(Float64Array.of(1))).rejects.toBeInstanceOf(CancelledError);
  });

  it('nextTask resolves after a task already queued', async () => {
    const order: string[] = [];
    setTimeout(() => order.push('timer'), 0);
    await new Promise((r) => setTimeout(r, 1));
    await nextTask();
    order.push('after nextTask');
    expect(order).toEqual(['timer', 'after nextTask']);
  });
});
