import { describe, expect, it } from 'vitest';
import { OPTIMIZERS } from '../core/optim/registry';
import { MAX_ENTRIES, entryLabel, entryMisfit, entryOptimizer, entryVariant, nextEntryId, runEntries } from './optimizer-entries';
import { useAppStore } from './store';

describe('optimizer entries', () => {
  it('reads the optimizer and variant number from an entry id; a plain name is the first entry', () => {
    expect(entryOptimizer('hessian-free')).toBe('hessian-free');
    expect(entryOptimizer('hessian-free~2')).toBe('hessian-free');
    expect(entryVariant('hessian-free')).toBe(1);
    expect(entryVariant('hessian-free~12')).toBe(12);
    expect(entryVariant('hessian-free~x')).toBeNaN();
    expect(entryMisfit('hessian-free~2')).toBeNull();
    expect(entryMisfit('lbfgs')).toBeNull();
    expect(entryMisfit('nope~2')).toMatch(/unknown optimizer "nope"/);
    for (const bad of ['lbfgs~1', 'lbfgs~0', 'lbfgs~02', 'lbfgs~100', 'lbfgs~', 'lbfgs~2~3']) expect(entryMisfit(bad), bad).not.toBeNull();
  });

  it('gives a new entry the smallest free id, its name when that is free', () => {
    expect(nextEntryId([], 'adam')).toBe('adam');
    expect(nextEntryId(['adam'], 'adam')).toBe('adam~2');
    expect(nextEntryId(['adam', 'adam~2', 'adam~4'], 'adam')).toBe('adam~3');
    expect(nextEntryId(['adam~2'], 'adam')).toBe('adam');
  });

  it('labels two Hessian-free entries by the curvature they differ in, the default (G) included', () => {
    const source = { optimizers: ['hessian-free', 'hessian-free~2', 'lbfgs'], hyperParams: { 'hessian-free~2': { curvature: 'hessian' } } };
    expect(entryLabel(source, 'hessian-free', 'function')).toBe('Hessian-free (GGN)');
    expect(entryLabel(source, 'hessian-free~2', 'function')).toBe('Hessian-free (Hessian)');
    // an optimizer ticked once keeps its plain label
    expect(entryLabel(source, 'lbfgs', 'function')).toBe('L-BFGS');
  });

  it('names a differing number by its label, falls back to the entry number, and prefers a suffix given', () => {
    const lrs = { optimizers: ['sgd', 'sgd~2'], hyperParams: { 'sgd~2': { lr: 0.5 } } };
    const sgd = OPTIMIZERS.find((o) => o.name === 'sgd')!;
    const lr = sgd.params.find((p) => p.key === 'lr')!;
    expect(entryLabel(lrs, 'sgd', 'function')).toBe(`${sgd.label} (${lr.label} ${lr.default})`);
    expect(entryLabel(lrs, 'sgd~2', 'function')).toBe(`${sgd.label} (${lr.label} 0.5)`);
    const same = { optimizers: ['adam', 'adam~3'], hyperParams: {} };
    expect(entryLabel(same, 'adam~3', 'function')).toBe('Adam #2');
    expect(entryLabel({ ...same, labels: { 'adam~3': 'warm' } }, 'adam~3', 'function')).toBe('Adam (warm)');
  });

  it('turns a setup into run entries in tick order, each with its own overrides', () => {
    const runs = runEntries({ optimizers: ['hessian-free~2', 'hessian-free'], hyperParams: { 'hessian-free~2': { curvature: 'hessian' } } }, 'network');
    expect(runs.map((r) => [r.entry, r.name, r.label])).toEqual([
      ['hessian-free~2', 'hessian-free', 'Hessian-free (Hessian)'],
      ['hessian-free', 'hessian-free', 'Hessian-free (GGN)'],
    ]);
    expect(runs[1].hyperParams).toEqual({});
  });
});

describe('setup slice: duplicate, remove and label entries', () => {
  it('duplicates an entry with a copy of its settings right after it, and removes only the entry named', () => {
    const s = useAppStore.getState();
    s.setOptimizers(['sgd', 'hessian-free', 'lbfgs']);
    s.setHyperParam('hessian-free', 'curvature', 'hessian');
    s.duplicateEntry('hessian-free');
    let setup = useAppStore.getState().setup;
    expect(setup.optimizers).toEqual(['sgd', 'hessian-free', 'hessian-free~2', 'lbfgs']);
    expect(setup.hyperParams['hessian-free~2']).toEqual({ curvature: 'hessian' });
    s.setHyperParam('hessian-free~2', 'curvature', 'gauss-newton');
    expect(useAppStore.getState().setup.hyperParams['hessian-free']).toEqual({ curvature: 'hessian' });
    s.setEntrySuffix('hessian-free~2', 'Martens');
    s.removeEntry('hessian-free');
    setup = useAppStore.getState().setup;
    expect(setup.optimizers).toEqual(['sgd', 'hessian-free~2', 'lbfgs']);
    expect(setup.hyperParams['hessian-free']).toBeUndefined();
    expect(setup.labels).toEqual({ 'hessian-free~2': 'Martens' });
    s.setEntrySuffix('hessian-free~2', '  ');
    expect(useAppStore.getState().setup.labels).toEqual({});
  });

  it('stops duplicating at the entry cap a run request accepts', () => {
    const s = useAppStore.getState();
    s.setOptimizers(Array.from({ length: MAX_ENTRIES }, (_, k) => (k === 0 ? 'adam' : `adam~${k + 1}`)));
    s.duplicateEntry('adam');
    expect(useAppStore.getState().setup.optimizers).toHaveLength(MAX_ENTRIES);
  });
});
