import { describe, expect, it } from 'vitest';
import type { LoadedProblem } from './problem-objective';
import { RunStore } from './run-store';

const owner = {} as LoadedProblem;

describe('runs held by id', () => {
  it('a run is found by its id only; a newer run replaces it; dropRuns forgets explorer runs and keeps training', () => {
    const store = new RunStore();
    const a = store.startRun('run-1', 2);
    a[0].push(Float64Array.of(1, 2));
    expect(store.run('run-1')?.[0]).toHaveLength(1);
    expect(store.run('run-2')).toBeNull();
    expect(store.run(null)).toBeNull();
    store.startRun('run-2', 1);
    expect(store.run('run-1')).toBeNull();
    store.startTraining('training-1', owner).push(Float64Array.of(0));
    store.dropRuns();
    expect(store.run('run-2')).toBeNull();
    expect(store.training('training-1', owner)).toHaveLength(1);
    expect(store.training('training-1', {} as LoadedProblem)).toBeNull();
    store.dropAll();
    expect(store.size).toBe(0);
  });
});
