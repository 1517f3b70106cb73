import type { StateCreator } from 'zustand';
import type { HyperParams, RunResult } from '../core/optim/types';
import type { RecordColumns } from '../protocol/record-columns';
import { RecordSeries } from './record-series';
import type { AppState } from './store';

export type RunStatus = 'idle' | 'running' | 'paused' | 'done';

/** What a run starts from for one optimizer entry (state/optimizer-entries.ts RunEntry). */
export interface TrajectoryStart {
  /** The setup's entry id: the run's key, unique within the run even when one optimizer runs twice. */
  entry: string;
  /** Registry name of the optimizer. */
  name: string;
  /** What legends, tables and exports call the entry ("Hessian-free (GGN)"). */
  label: string;
  hyperParams: HyperParams;
}

/** One optimizer entry's run as it streams in. */
export interface TrajectoryState {
  entry: string;
  optimizer: string;
  label: string;
  hyperParams: HyperParams;
  /**
   * The records as columns, grown in place as batches arrive (appending never copies the series);
   * each batch replaces the trajectory object, so views that memoise on it see the new records.
   */
  records: RecordSeries;
  result?: RunResult;
  error?: string;
  /** What the person should know about this run beyond its result (e.g. a restart after a device loss). */
  note?: string;
}

export interface RunSlice {
  status: RunStatus;
  /** Id of the request the trajectories answer; the worker holds the run's iterates under it. */
  runId: string | null;
  trajectories: TrajectoryState[];
  /** The iteration every view shows; clamped to each trajectory's length. */
  iteration: number;
  /** Follow the newest record while running, until the person moves the slider. */
  followLatest: boolean;
  /** Trajectory whose current point the curvature panel reads. */
  selected: number;
  /** Setup the current trajectories came from, for exports. */
  runStartedAt: number | null;
  startRun(runId: string, optimizers: TrajectoryStart[], paused: boolean): void;
  appendRecords(batches: readonly RecordColumns[]): void;
  finishTrajectory(index: number, result: RunResult): void;
  failTrajectory(index: number, message: string): void;
  noteTrajectory(index: number, text: string): void;
  setStatus(status: RunStatus): void;
  setIteration(iteration: number): void;
  setSelected(index: number): void;
  clearRun(): void;
}

export const createRunSlice: StateCreator<AppState, [], [], RunSlice> = (set) => ({
  status: 'idle',
  runId: null,
  trajectories: [],
  iteration: 0,
  followLatest: true,
  selected: 0,
  runStartedAt: null,
  startRun: (runId, optimizers, paused) =>
    set({
      status: paused ? 'paused' : 'running',
      runId,
      trajectories: optimizers.map((o) => ({ entry: o.entry, optimizer: o.name, label: o.label, hyperParams: o.hyperParams, records: new RecordSeries() })),
      iteration: 0,
      followLatest: true,
      selected: 0,
      runStartedAt: Date.now(),
    }),
  appendRecords: (batches) =>
    set((s) => {
      const trajectories = s.trajectories.slice();
      let longest = 0;
      for (const b of batches) {
        const t = trajectories[b.index];
        if (!t) continue;
        t.records.append(b);
        trajectories[b.index] = { ...t };
      }
      for (const t of trajectories) longest = Math.max(longest, t.records.length - 1);
      return { trajectories, iteration: s.followLatest ? Math.max(0, longest) : s.iteration };
    }),
  finishTrajectory: (index, result) =>
    set((s) => {
      const trajectories = s.trajectories.slice();
      if (trajectories[index]) trajectories[index] = { ...trajectories[index], result };
      return { trajectories };
    }),
  failTrajectory: (index, message) =>
    set((s) => {
      const trajectories = s.trajectories.slice();
      if (trajectories[index]) trajectories[index] = { ...trajectories[index], error: message };
      return { trajectories };
    }),
  noteTrajectory: (index, note) =>
    set((s) => {
      const trajectories = s.trajectories.slice();
      if (trajectories[index]) trajectories[index] = { ...trajectories[index], note };
      return { trajectories };
    }),
  setStatus: (status) => set({ status }),
  setIteration: (iteration) => set({ iteration: Math.max(0, Math.round(iteration)), followLatest: false }),
  setSelected: (selected) => set({ selected }),
  clearRun: () => set({ status: 'idle', runId: null, trajectories: [], iteration: 0, followLatest: true, selected: 0, runStartedAt: null }),
});
