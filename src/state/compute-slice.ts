import type { StateCreator } from 'zustand';
import type { BackendInfo } from '../protocol/backend';
import { BACKEND_REQUESTS, type BackendRequest } from './problem-spec';
import type { Curvature, EscapeLine } from '../protocol/curvature';
import type { ProblemInfo } from '../protocol/problem';
import type { SurfaceGrid } from '../protocol/surface';
import type { AppState } from './store';

export interface Notice {
  kind: 'error' | 'info';
  text: string;
}

/** What the worker reported back that is not a trajectory. */
export interface ComputeSlice {
  backend: BackendInfo | null;
  backendBusy: boolean;
  /** Set when the WebGPU device was lost and the worker moved on: what happened, in words (the panel offers a retry). */
  deviceLoss: string | null;
  problemInfo: ProblemInfo | null;
  problemBusy: boolean;
  surface: SurfaceGrid | null;
  /** 0..1 while a surface is being evaluated, null otherwise. */
  surfaceProgress: number | null;
  curvature: Curvature | null;
  curvatureBusy: boolean;
  /** Where the curvature was taken when not at the selected trajectory's iterate (e.g. 'the start point'). */
  curvatureWhere: string | null;
  escape: EscapeLine | null;
  notice: Notice | null;
  setBackend(info: BackendInfo | null, busy: boolean): void;
  /**
   * The worker moved to `info.backend` after a device loss: the setup now names the backend that
   * runs (so the select, the link and exports agree), and the loss is kept for the panel.
   */
  backendMoved(info: BackendInfo): void;
  setDeviceLoss(words: string | null): void;
  setProblemInfo(info: ProblemInfo | null, busy: boolean): void;
  setSurface(grid: SurfaceGrid | null): void;
  setSurfaceProgress(p: number | null): void;
  setCurvature(c: Curvature | null, busy: boolean, where?: string | null): void;
  setEscape(e: EscapeLine | null): void;
  setNotice(n: Notice | null): void;
}

export const createComputeSlice: StateCreator<AppState, [], [], ComputeSlice> = (set) => ({
  backend: null,
  backendBusy: false,
  deviceLoss: null,
  problemInfo: null,
  problemBusy: true,
  surface: null,
  surfaceProgress: null,
  curvature: null,
  curvatureBusy: false,
  curvatureWhere: null,
  escape: null,
  notice: null,
  setBackend: (backend, backendBusy) => set({ backend, backendBusy }),
  backendMoved: (info) =>
    set((s) => {
      const running = (BACKEND_REQUESTS as readonly string[]).includes(info.backend) ? (info.backend as BackendRequest) : null;
      if (!running) return { backend: info, backendBusy: false, deviceLoss: info.reason };
      return { backend: { ...info, requested: running }, backendBusy: false, deviceLoss: info.reason, setup: { ...s.setup, backend: running } };
    }),
  setDeviceLoss: (deviceLoss) => set({ deviceLoss }),
  setProblemInfo: (problemInfo, problemBusy) => set({ problemInfo, problemBusy }),
  setSurface: (surface) => set({ surface }),
  setSurfaceProgress: (surfaceProgress) => set({ surfaceProgress }),
  setCurvature: (curvature, curvatureBusy, curvatureWhere = null) => set({ curvature, curvatureBusy, curvatureWhere }),
  setEscape: (escape) => set({ escape }),
  setNotice: (notice) => set({ notice }),
});
