import { describe, expect, test } from 'vitest';
import { createMedianProbe, fastestByMedian, HOPELESS_FACTOR, median } from './probe-timings';

/** A fake clock and workload: each backend's runs take the listed times in turn. */
function fakeRig(times: Record<string, number[]>) {
  let clock = 0;
  let backend = '';
  const used: Record<string, number> = {};
  const workload = async (): Promise<void> => {
    const k = used[backend] ?? 0;
    used[backend] = k + 1;
    clock += times[backend][k];
  };
  return { workload, now: () => clock, use: (b: string) => (backend = b), name: () => backend, used };
}

describe('median', () => {
  test('odd, even and empty', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNull();
  });
});

describe('createMedianProbe', () => {
  test('one slow outlier does not cost a backend the choice a single timing would', async () => {
    // warm-up first, then five runs; cpu has one 50 ms hiccup, wasm is steady at 6 ms
    const rig = fakeRig({ cpu: [90, 5, 5, 50, 5, 5], wasm: [70, 6, 6, 6, 6, 6] });
    const m = createMedianProbe(rig.workload, rig.name, 5, rig.now);
    for (const b of ['cpu', 'wasm']) {
      rig.use(b);
      await m.probe();
      await m.probe();
    }
    const summary = m.summary();
    expect(summary).toEqual([
      { backend: 'cpu', median: 5, samples: [5, 5, 50, 5, 5] },
      { backend: 'wasm', median: 6, samples: [6, 6, 6, 6, 6] },
    ]);
    // the mean (what a single summed timing measures) would have picked wasm: 70/5 = 14 > 6
    expect(fastestByMedian(summary)?.backend).toBe('cpu');
  });

  test('the warm-up call is not recorded', async () => {
    const rig = fakeRig({ webgl: [500, 20, 21, 22] });
    const m = createMedianProbe(rig.workload, rig.name, 3, rig.now);
    rig.use('webgl');
    await m.probe();
    await m.probe();
    expect(m.summary()[0].samples).toEqual([20, 21, 22]);
  });

  test('a backend far slower than the best stops repeating after one run', async () => {
    const slow = 10 * HOPELESS_FACTOR * 4;
    const rig = fakeRig({ wasm: [9, 4, 4, 4], webgl: [900, slow, slow, slow] });
    const m = createMedianProbe(rig.workload, rig.name, 3, rig.now);
    for (const b of ['wasm', 'webgl']) {
      rig.use(b);
      await m.probe();
      await m.probe();
    }
    expect(rig.used.webgl).toBe(2);
    expect(m.summary()[1]).toEqual({ backend: 'webgl', median: slow, samples: [slow] });
  });

  test('no recorded run means no winner', () => {
    expect(fastestByMedian([{ backend: 'cpu', median: null, samples: [] }])).toBeNull();
  });
});
