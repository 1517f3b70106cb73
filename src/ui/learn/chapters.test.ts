import { describe, expect, it } from 'vitest';
import { CHAPTERS } from '../../core/learn/chapters';
import { getTestFunction, TEST_FUNCTIONS } from '../../core/functions/registry';
import { getOptimizer, resolveHyperParams } from '../../core/optim/registry';
import { chapterUrlState } from '../../state/learn-setup';
import { entryMisfit, entryOptimizer, runEntries } from '../../state/optimizer-entries';
import { useAppStore } from '../../state/store';
import { defaultUrlState, urlStateFromHash, urlStateToHash } from '../../state/url';
import { DEMOS } from '../demos';

describe('Learn chapters', () => {
  it('covers the seven chapters of the story with distinct ids, one paragraph and a citation each', () => {
    expect(CHAPTERS).toHaveLength(7);
    expect(new Set(CHAPTERS.map((c) => c.id)).size).toBe(CHAPTERS.length);
    for (const c of CHAPTERS) {
      expect(c.text.length, c.id).toBeGreaterThan(200);
      expect(c.text, c.id).not.toMatch(/\n/);
      expect(c.citation, c.id).toMatch(/(19|20)\d\d/);
      expect(c.look.length, c.id).toBeGreaterThan(40);
    }
  });

  for (const c of CHAPTERS) {
    describe(c.id, () => {
      const state = chapterUrlState(c.setup, defaultUrlState());

      it('passes the URL schema unchanged (the validation a share link gets)', () => {
        const parsed = urlStateFromHash(urlStateToHash(state));
        if (parsed.ok !== true) throw new Error(`rejected: ${JSON.stringify(parsed)}`);
        expect(parsed.state).toEqual(state);
      });

      it('names entries of registered optimizers with hyper-parameters their schemas accept', () => {
        expect(c.setup.optimizers.length).toBeGreaterThan(0);
        for (const entry of c.setup.optimizers) expect(entryMisfit(entry), entry).toBeNull();
        for (const [entry, hp] of Object.entries(c.setup.hyperParams)) {
          expect(c.setup.optimizers, `${entry} has settings but is not ticked`).toContain(entry);
          expect(() => resolveHyperParams(getOptimizer(entryOptimizer(entry)), hp)).not.toThrow();
        }
        // every entry reads differently in the legend and the table
        const labels = runEntries(state.setup, c.setup.mode === 'network' ? 'network' : 'function').map((e) => e.label);
        expect(new Set(labels).size).toBe(labels.length);
      });

      it('names a registered problem and a start inside its window', () => {
        const p = c.setup.problem;
        if (p.kind === 'function') {
          expect(TEST_FUNCTIONS.map((f) => f.name)).toContain(p.name);
          const start = c.setup.start;
          if (start) {
            const { x, y } = getTestFunction(p.name).domain;
            expect(start[0]).toBeGreaterThanOrEqual(x[0]);
            expect(start[0]).toBeLessThanOrEqual(x[1]);
            expect(start[1]).toBeGreaterThanOrEqual(y[0]);
            expect(start[1]).toBeLessThanOrEqual(y[1]);
          }
        } else expect(c.setup.start).toBeNull();
      });

      it('is what the store holds after applyChapter', () => {
        useAppStore.getState().applyChapter(c.id);
        const s = useAppStore.getState();
        expect(s.chapter).toBe(c.id);
        expect({ setup: s.setup, mode: s.mode, network: s.network }).toEqual(chapterUrlState(c.setup, { setup: s.setup, mode: s.mode, network: s.network }));
        expect(s.setup.optimizers).toEqual(c.setup.optimizers);
        expect(s.mode).toBe(c.setup.mode);
      });
    });
  }

  it('runs Hessian-free on the Hessian and on the Gauss-Newton matrix side by side, Levenberg-Marquardt beside', () => {
    const hf = CHAPTERS.find((ch) => ch.id === 'hessian-free')!;
    const entries = runEntries(chapterUrlState(hf.setup, defaultUrlState()).setup, 'function');
    const runs = entries.filter((e) => e.name === 'hessian-free');
    expect(runs.map((e) => e.label).sort()).toEqual(['Hessian-free (GGN)', 'Hessian-free (Hessian)']);
    const curvatures = runs.map((e) => resolveHyperParams(getOptimizer(e.name), e.hyperParams).curvature).sort();
    expect(curvatures).toEqual(['gauss-newton', 'hessian']);
    expect(entries.map((e) => e.name)).toContain('levenberg-marquardt');
  });

  it('links the four saddle-point demos that exist', () => {
    const saddle = CHAPTERS.find((c) => c.id === 'saddle-points')!;
    expect(saddle.demos).toEqual(DEMOS.map((d) => d.id));
  });

  it('quotes the quadratic\'s own curvature: κ = λmax/λmin, the best fixed step 2/(λmin+λmax), 1/λmax for low-rank Newton', () => {
    const [a, b, c] = getTestFunction('quadratic').hessian(0, 0);
    expect(b).toBe(0);
    const lmin = Math.min(a, c);
    const lmax = Math.max(a, c);
    expect(lmax / lmin).toBe(10);
    const gd = CHAPTERS.find((ch) => ch.id === 'newton-vs-gd')!;
    expect(gd.setup.hyperParams.sgd.lr).toBeCloseTo(2 / (lmin + lmax), 2);
    expect(gd.text).toContain('κ = λmax / λmin is 10');
    expect(gd.text).toContain(`(κ − 1) / (κ + 1) ≈ ${((lmax / lmin - 1) / (lmax / lmin + 1)).toFixed(2)}`);
    const low = CHAPTERS.find((ch) => ch.id === 'low-rank-newton')!;
    expect(low.setup.hyperParams.sgd.lr).toBe(1 / lmax);
    expect(low.text).toContain(`1/λmax = ${1 / lmax}`);
  });
});
