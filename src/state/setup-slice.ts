import type { StateCreator } from 'zustand';
import type { HyperParams } from '../core/optim/types';
import { MAX_ENTRIES, MAX_SUFFIX, entryOptimizer, nextEntryId } from './optimizer-entries';
import type { BackendRequest, ProblemSpec } from './problem-spec';
import { defaultSetup, type ChartXAxis, type DemoPosition, type Setup } from './setup';
import type { AppState } from './store';

export interface SetupSlice {
  setup: Setup;
  setProblem(problem: ProblemSpec): void;
  /** Ticks or unticks an optimizer's first entry (its variants stay). */
  toggleOptimizer(name: string, on: boolean): void;
  setOptimizers(names: string[]): void;
  /** A new entry of the same optimizer right after `entry`, with a copy of its hyper-parameters. */
  duplicateEntry(entry: string): void;
  /** Drops one entry with its hyper-parameters and label. */
  removeEntry(entry: string): void;
  setEntrySuffix(entry: string, suffix: string): void;
  setHyperParam(entry: string, key: string, value: number | string | boolean): void;
  resetHyperParams(entry: string): void;
  setStart(start: [number, number] | null): void;
  setSteps(steps: number): void;
  setBackendRequest(backend: BackendRequest): void;
  setLogScale(on: boolean): void;
  setXAxis(axis: ChartXAxis): void;
  setDemo(demo: DemoPosition | null): void;
  replaceSetup(setup: Setup): void;
}

function withSetup(state: AppState, patch: Partial<Setup>): Pick<AppState, 'setup'> {
  return { setup: { ...state.setup, ...patch } };
}

function without<T>(record: Record<string, T>, key: string): Record<string, T> {
  const rest = { ...record };
  delete rest[key];
  return rest;
}

export const createSetupSlice: StateCreator<AppState, [], [], SetupSlice> = (set) => ({
  setup: defaultSetup(),
  setProblem: (problem) => set((s) => withSetup(s, { problem, start: null })),
  toggleOptimizer: (name, on) =>
    set((s) => {
      const others = s.setup.optimizers.filter((n) => n !== name);
      return withSetup(s, { optimizers: on ? [...others, name] : others });
    }),
  setOptimizers: (names) => set((s) => withSetup(s, { optimizers: [...names] })),
  duplicateEntry: (entry) =>
    set((s) => {
      const list = s.setup.optimizers;
      const at = list.indexOf(entry);
      if (at < 0 || list.length >= MAX_ENTRIES) return {};
      const id = nextEntryId(list, entryOptimizer(entry));
      const optimizers = [...list.slice(0, at + 1), id, ...list.slice(at + 1)];
      const copied = s.setup.hyperParams[entry];
      const hyperParams = copied ? { ...s.setup.hyperParams, [id]: { ...copied } } : without(s.setup.hyperParams, id);
      return withSetup(s, { optimizers, hyperParams, labels: without(s.setup.labels, id) });
    }),
  removeEntry: (entry) =>
    set((s) =>
      withSetup(s, {
        optimizers: s.setup.optimizers.filter((e) => e !== entry),
        hyperParams: without(s.setup.hyperParams, entry),
        labels: without(s.setup.labels, entry),
      }),
    ),
  setEntrySuffix: (entry, suffix) =>
    set((s) => {
      const text = suffix.slice(0, MAX_SUFFIX);
      return withSetup(s, { labels: text.trim() ? { ...s.setup.labels, [entry]: text } : without(s.setup.labels, entry) });
    }),
  setHyperParam: (entry, key, value) =>
    set((s) => {
      const current: HyperParams = s.setup.hyperParams[entry] ?? {};
      return withSetup(s, { hyperParams: { ...s.setup.hyperParams, [entry]: { ...current, [key]: value } } });
    }),
  resetHyperParams: (entry) => set((s) => withSetup(s, { hyperParams: without(s.setup.hyperParams, entry) })),
  setStart: (start) => set((s) => withSetup(s, { start })),
  setSteps: (steps) => set((s) => withSetup(s, { steps })),
  setBackendRequest: (backend) => set((s) => withSetup(s, { backend })),
  setLogScale: (logScale) => set((s) => withSetup(s, { logScale })),
  setXAxis: (xAxis) => set((s) => withSetup(s, { xAxis })),
  setDemo: (demo) => set((s) => withSetup(s, { demo })),
  replaceSetup: (setup) => set({ setup }),
});
