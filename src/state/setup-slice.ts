import type { StateCreator } from 'zustand';
import type { HyperParams } from '../core/optim/types';
import type { BackendRequest, ProblemSpec } from './problem-spec';
import { defaultSetup, type ChartXAxis, type DemoPosition, type Setup } from './setup';
import type { AppState } from './store';

export interface SetupSlice {
  setup: Setup;
  setProblem(problem: ProblemSpec): void;
  toggleOptimizer(name: string, on: boolean): void;
  setOptimizers(names: string[]): void;
  setHyperParam(optimizer: string, key: string, value: number | string | boolean): void;
  resetHyperParams(optimizer: string): void;
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

export const createSetupSlice: StateCreator<AppState, [], [], SetupSlice> = (set) => ({
  setup: defaultSetup(),
  setProblem: (problem) => set((s) => withSetup(s, { problem, start: null })),
  toggleOptimizer: (name, on) =>
    set((s) => {
      const others = s.setup.optimizers.filter((n) => n !== name);
      return withSetup(s, { optimizers: on ? [...others, name] : others });
    }),
  setOptimizers: (names) => set((s) => withSetup(s, { optimizers: [...names] })),
  setHyperParam: (optimizer, key, value) =>
    set((s) => {
      const current: HyperParams = s.setup.hyperParams[optimizer] ?? {};
      return withSetup(s, { hyperParams: { ...s.setup.hyperParams, [optimizer]: { ...current, [key]: value } } });
    }),
  resetHyperParams: (optimizer) =>
    set((s) => {
      const rest = { ...s.setup.hyperParams };
      delete rest[optimizer];
      return withSetup(s, { hyperParams: rest });
    }),
  setStart: (start) => set((s) => withSetup(s, { start })),
  setSteps: (steps) => set((s) => withSetup(s, { steps })),
  setBackendRequest: (backend) => set((s) => withSetup(s, { backend })),
  setLogScale: (logScale) => set((s) => withSetup(s, { logScale })),
  setXAxis: (xAxis) => set((s) => withSetup(s, { xAxis })),
  setDemo: (demo) => set((s) => withSetup(s, { demo })),
  replaceSetup: (setup) => set({ setup }),
});
