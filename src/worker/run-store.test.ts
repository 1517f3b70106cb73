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

  it('names points and iterates by reference: the initial parameters, the training run, an explorer run; a missing one says what to run first', () => {
    const store = new RunStore();
    const ids = { explorer: 'run-1', trained: 'training-1' };
    expect(() => store.pointOf(ids, { kind: 'trained' }, owner, [0, 0])).toThrow('no training run yet: train the network in the curvature panel first');
    expect(() => store.iteratesOf(ids, { kind: 'run', index: 1 }, owner)).toThrow('explorer run 2 has no iterates: run the optimizers first');
    const runs = store.startRun('run-1', 2);
    runs[1].push([1, 2]);
    runs[1].push([3, 4]);
    store.startTraining('training-1', owner).push(Float64Array.of(5, 6), Float64Array.of(7, 8));
    expect(Array.from(store.pointOf(ids, { kind: 'init' }, owner, [9, 10]))).toEqual([9, 10]);
    expect(Array.from(store.pointOf(ids, { kind: 'run', index: 1 }, owner, [0, 0]))).toEqual([3, 4]);
    expect(Array.from(store.pointOf(ids, { kind: 'trained' }, owner, [0, 0]))).toEqual([7, 8]);
    expect(store.iteratesOf(ids, { kind: 'run', index: 1 }, owner).map((x) => Array.from(x))).toEqual([[1, 2], [3, 4]]);
    expect(store.iteratesOf(ids, { kind: 'trained' }, owner)).toHaveLength(2);
    expect(() => store.pointOf(ids, { kind: 'run', index: 0 }, owner, [0, 0])).toThrow('explorer run 1 has no iterates');
    expect(() => store.pointOf(ids, { kind: 'trained' }, {} as LoadedProblem, [0, 0])).toThrow('no training run yet');
  });
});
