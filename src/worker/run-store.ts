/**
 * Iterates the worker holds, keyed by the id of the request that made them: the explorer's runs
 * (one array per optimizer) and the Network mode's training runs. The page names a run by its id,
 * so a run it has reset or replaced cannot be read; only the newest of each kind is kept.
 */
import type { PointRef, RunIds, RunRef } from '../protocol/network';
import { IterateList } from './iterate-list';
import type { LoadedProblem } from './problem-objective';

export interface TrainedRun {
  owner: LoadedProblem;
  iterates: Float64Array[];
}

export class RunStore {
  private readonly runs = new Map<string, IterateList[]>();
  private readonly trained = new Map<string, TrainedRun>();

  /** A new explorer run replaces the held one. */
  startRun(id: string, optimizers: number): IterateList[] {
    this.runs.clear();
    const iterates = Array.from({ length: optimizers }, () => new IterateList());
    this.runs.set(id, iterates);
    return iterates;
  }

  run(id: string | null): IterateList[] | null {
    return id === null ? null : this.runs.get(id) ?? null;
  }

  startTraining(id: string, owner: LoadedProblem): Float64Array[] {
    this.trained.clear();
    const run: TrainedRun = { owner, iterates: [] };
    this.trained.set(id, run);
    return run.iterates;
  }

  training(id: string | null, owner: LoadedProblem): Float64Array[] | null {
    const t = id === null ? undefined : this.trained.get(id);
    return t && t.owner === owner && t.iterates.length > 0 ? t.iterates : null;
  }

  /** The iterates `ref` names for `owner`, oldest first (an explorer run's as views of its list), or an error saying what to run first. */
  iteratesOf(ids: RunIds, ref: RunRef, owner: LoadedProblem): Float64Array[] {
    return ref.kind === 'trained' ? this.trainedOf(ids, owner) : this.explorerRun(ids, ref.index).views();
  }

  /** The parameters `ref` names: the initial ones, the training run's end, or an explorer run's last iterate. */
  pointOf(ids: RunIds, ref: PointRef, owner: LoadedProblem, initial: ArrayLike<number>): Float64Array {
    if (ref.kind === 'init') return Float64Array.from(initial);
    if (ref.kind === 'run') return this.explorerRun(ids, ref.index).last();
    const trained = this.trainedOf(ids, owner);
    return trained[trained.length - 1];
  }

  private trainedOf(ids: RunIds, owner: LoadedProblem): Float64Array[] {
    const t = this.training(ids.trained, owner);
    if (!t) throw new Error('no training run yet: train the network in the curvature panel first');
    return t;
  }

  private explorerRun(ids: RunIds, index: number): IterateList {
    const run = this.run(ids.explorer)?.[index];
    if (!run || run.length === 0) throw new Error(`explorer run ${index + 1} has no iterates: run the optimizers first`);
    return run;
  }

  /** The explorer's runs go (the page's reset); the Network mode's training run stays. */
  dropRuns(): void {
    this.runs.clear();
  }

  dropAll(): void {
    this.runs.clear();
    this.trained.clear();
  }

  get size(): number {
    return this.runs.size + this.trained.size;
  }
}
