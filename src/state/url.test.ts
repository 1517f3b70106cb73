import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { defaultDatasetSpec } from './problem-spec';
import { defaultSetup, type Setup } from './setup';
import { setupFromHash, setupToHash } from './url';

describe('setup <-> URL hash', () => {
  it('round-trips the default setup and a network setup with overrides', () => {
    const a = defaultSetup();
    expect(setupFromHash(setupToHash(a))).toEqual({ ok: true, setup: a });
    const b: Setup = {
      ...a,
      problem: { ...defaultDatasetSpec('sine'), hidden: [4, 4] },
      optimizers: ['adam', 'pgd'],
      hyperParams: { adam: { lr: 0.05 }, pgd: { seed: 3, radius: 0.2 } },
      start: [0.25, -0.5],
      steps: 77,
      backend: 'wasm',
      logScale: false,
      xAxis: 'cost',
      demo: { id: 'monkey', step: 1 },
    };
    expect(setupFromHash(setupToHash(b))).toEqual({ ok: true, setup: b });
  });

  it('round-trips any start, steps and hyper-parameter numbers', () => {
    // JSON has no -0, so the link carries it as 0 (the same point).
    const finite = fc.double({ noNaN: true, noDefaultInfinity: true }).map((v) => (v === 0 ? 0 : v));
    fc.assert(
      fc.property(
        fc.tuple(finite, finite),
        fc.integer({ min: 0, max: 20000 }),
        finite,
        (start, steps, lr) => {
          const s: Setup = { ...defaultSetup(), start, steps, hyperParams: { sgd: { lr } } };
          const back = setupFromHash(setupToHash(s));
          expect(back).toEqual({ ok: true, setup: s });
        },
      ),
    );
  });

  it('names the offending field of a bad link', () => {
    const bad = { ...defaultSetup(), backend: 'quantum' };
    const r = setupFromHash(`#setup=${encodeURIComponent(JSON.stringify(bad))}`);
    expect(r.ok).toBe(false);
    if (r.ok === false) expect(r.error).toMatch(/^link field backend:/);
    const steps = setupFromHash(`#setup=${encodeURIComponent(JSON.stringify({ steps: -3 }))}`);
    expect(steps.ok === false && steps.error.startsWith('link field steps:')).toBe(true);
  });

  it('fills fields an older link lacks with defaults, and reports an empty hash as empty', () => {
    const r = setupFromHash(`#setup=${encodeURIComponent(JSON.stringify({ backend: 'cpu' }))}`);
    expect(r).toEqual({ ok: true, setup: { ...defaultSetup(), backend: 'cpu' } });
    expect(setupFromHash('')).toEqual({ ok: 'empty' });
    expect(setupFromHash('#setup=%7Bnot json').ok).toBe(false);
  });
});
