/**
 * Wires the store to the worker: what the person changes goes to the worker, what the worker
 * reports goes back into the store. The page never computes; it only asks and draws.
 */
import { useAppStore } from '../state/store';
import { urlStateFromHash, urlStateToHash, type UrlState } from '../state/url';
import { problemKey, type ProblemSpec } from '../state/problem-spec';
import type { BackendInfo, Curvature, CustomProblemData } from '../worker/api';
import { coveringDomain, domainChanged, type Domain } from './surface-domain';
import { createComputeClient, proxy, type ComputeClient } from '../worker/client';
import { errorText } from './error-text';

/** Gradient-norm tolerance of every run: tight, so converged runs land within 1e-3 of a minimiser. */
export const RUN_GTOL = 1e-8;
const SURFACE_RESOLUTION_FUNCTION = 81;
const SURFACE_RESOLUTION_NETWORK = 25;

let client: ComputeClient | null = null;
let backendReady: Promise<void> = Promise.resolve();
/** The uploaded data of a custom problem; kept here because a URL cannot carry it. */
let customData: CustomProblemData | null = null;
let loadedProblemKey: string | null = null;
let loadedSpec: ProblemSpec | null = null;
let pendingLoad: { key: string; promise: Promise<boolean> } | null = null;
let runPromise: Promise<void> | null = null;
let runToken = 0;
let curvatureTimer: ReturnType<typeof setTimeout> | null = null;
let curvatureToken = 0;

const store = useAppStore;

function worker(): ComputeClient {
  if (!client) client = createComputeClient().client;
  return client;
}


export async function initBackend(): Promise<void> {
  const s = store.getState();
  s.setBackend(s.backend, true);
  try {
    const info = await worker().init(s.setup.backend, proxy(onDeviceLost));
    store.getState().setBackend(info, false);
  } catch (e) {
    store.getState().setBackend(null, false);
    store.getState().setNotice({ kind: 'error', text: `Backend: ${errorText(e)}` });
  }
}

/**
 * The worker moved off a lost WebGPU device. Trajectories, surface and setup stay as they are
 * (they are plain data on this side); only later computations run on the new backend.
 */
function onDeviceLost(info: BackendInfo): void {
  store.getState().setBackend(info, false);
  store.getState().setNotice({ kind: 'error', text: info.reason });
}

let surfaceToken = 0;

/** Evaluates the surface over `domain` (the problem's own window when absent); a newer request supersedes it. */
async function refreshSurface(domain?: Domain): Promise<void> {
  const s = store.getState();
  const network = s.problemInfo?.network ?? false;
  const key = loadedProblemKey;
  const token = ++surfaceToken;
  s.setSurfaceProgress(0);
  const t0 = performance.now();
  // Progress callbacks travel on their own channel and may land after the result: drop those.
  let settled = false;
  try {
    const grid = await worker().surface(
      network ? SURFACE_RESOLUTION_NETWORK : SURFACE_RESOLUTION_FUNCTION,
      proxy((fraction: number) => {
        if (!settled && token === surfaceToken && performance.now() - t0 > 500) store.getState().setSurfaceProgress(fraction);
      }),
      domain,
    );
    if (key === loadedProblemKey && token === surfaceToken) store.getState().setSurface(grid);
  } catch (e) {
    // The worker stops a surface that a newer request or problem replaced; that is not an error.
    if ((e as Error).name !== 'SurfaceCancelledError') store.getState().setNotice({ kind: 'error', text: `Surface: ${errorText(e)}` });
  } finally {
    settled = true;
    if (token === surfaceToken) store.getState().setSurfaceProgress(null);
  }
}

/**
 * Loads a problem in the worker. On failure the previous problem stays loaded and selected,
 * and the message names what was wrong.
 */
export async function loadProblem(spec: ProblemSpec, custom?: CustomProblemData): Promise<boolean> {
  const s = store.getState();
  s.setProblemInfo(s.problemInfo, true);
  const result = await worker().setProblem(spec, custom ?? (spec.kind === 'custom' ? customData ?? undefined : undefined));
  if (!result.ok) {
    const st = store.getState();
    st.setProblemInfo(st.problemInfo, false);
    st.setNotice({ kind: 'error', text: result.error });
    if (loadedSpec && st.setup.problem !== loadedSpec) st.setProblem(loadedSpec);
    return false;
  }
  if (custom) customData = custom;
  const firstLoad = loadedSpec === null;
  loadedProblemKey = problemKey(spec);
  loadedSpec = spec;
  cancelRun();
  const st = store.getState();
  st.clearRun();
  st.setCurvature(null, false);
  st.setEscape(null);
  st.setSurface(null);
  st.setProblemInfo(result.info, false);
  // A newly chosen problem brings its own scale; the first load keeps what the link said.
  if (!firstLoad && st.setup.logScale !== result.info.logScale && !st.setup.demo) st.setLogScale(result.info.logScale);
  if (st.setup.problem !== spec) st.setProblem(spec);
  await refreshSurface();
  return true;
}

/** Loads the setup's problem unless it is already loaded or loading; resolves to whether it loaded. */
export function ensureProblem(): Promise<boolean> {
  const spec = store.getState().setup.problem;
  const key = problemKey(spec);
  if (key === loadedProblemKey) return Promise.resolve(true);
  if (pendingLoad?.key === key) return pendingLoad.promise;
  const promise = backendReady.then(() => loadProblem(spec));
  pendingLoad = { key, promise };
  void promise.finally(() => {
    if (pendingLoad?.promise === promise) pendingLoad = null;
  });
  return promise;
}

/** Reads a dropped or picked file: a `.csv` becomes a dataset for the current architecture, anything else a problem file. */
export async function loadProblemFile(file: File): Promise<boolean> {
  const text = await file.text();
  const isCsv = file.name.toLowerCase().endsWith('.csv');
  const current = store.getState().setup.problem;
  const architecture =
    current.kind === 'dataset'
      ? { hidden: current.hidden, activation: current.activation, loss: current.loss, weightDecay: current.weightDecay, initSeed: current.initSeed }
      : undefined;
  const spec: ProblemSpec = { kind: 'custom', name: file.name, source: isCsv ? 'csv' : 'problem-file' };
  const ok = await loadProblem(spec, { source: spec.source, name: file.name, text, architecture });
  if (!ok) {
    const notice = store.getState().notice;
    store.getState().setNotice({ kind: 'error', text: `${file.name}: ${notice?.text ?? 'could not be read'}` });
  } else store.getState().setNotice({ kind: 'info', text: `Loaded ${file.name}.` });
  return ok;
}

function cancelRun(): void {
  runToken++;
  if (client) void client.cancel();
}

function startPoint(): [number, number] {
  const s = store.getState();
  return s.setup.start ?? s.problemInfo?.start ?? [0, 0];
}

/** Starts a fresh run of the ticked optimizers; resolves when every one has stopped. */
export function run(paused = false): Promise<void> {
  cancelRun();
  const token = runToken;
  const s = store.getState();
  const optimizers = s.setup.optimizers.map((name) => ({ name, hyperParams: s.setup.hyperParams[name] ?? {} }));
  s.startRun(optimizers, paused);
  s.setNotice(null);
  const previous = runPromise ?? Promise.resolve();
  const p = previous
    .catch(() => undefined)
    .then(() => ensureProblem())
    .then(() =>
      worker().run(
        { optimizers, start: startPoint(), steps: s.setup.steps, gtol: RUN_GTOL, paused },
        proxy({
          onBatch: (batches) => {
            if (token === runToken) store.getState().appendRecords(batches);
          },
          onDone: (index, result) => {
            if (token === runToken) store.getState().finishTrajectory(index, result);
          },
          onError: (index, text) => {
            if (token === runToken) store.getState().failTrajectory(index, text);
          },
        }),
      ),
    )
    .then(
      () => {
        if (token === runToken) {
          store.getState().setStatus('done');
          requestCurvature();
          void fitNetworkSurface();
        }
      },
      (e) => {
        if (token === runToken) {
          store.getState().setStatus('done');
          store.getState().setNotice({ kind: 'error', text: `Run: ${errorText(e)}` });
        }
      },
    );
  runPromise = p;
  return p;
}

/**
 * A network's trajectories are projections onto a plane whose default window knows nothing of
 * how far they go: after a run the window is refitted to cover them, with a margin.
 */
async function fitNetworkSurface(): Promise<void> {
  const s = store.getState();
  const info = s.problemInfo;
  const grid = s.surface;
  if (!info?.network || !grid) return;
  const paths = s.trajectories.map((t) => t.records.map((r) => [r.point[0], r.point[1]] as [number, number]));
  const current: Domain = { x: [grid.xs[0], grid.xs[grid.xs.length - 1]], y: [grid.ys[0], grid.ys[grid.ys.length - 1]] };
  const next = coveringDomain(paths, info.domain);
  if (domainChanged(current, next)) await refreshSurface(next);
}

/** Run, or resume when paused. */
export function runOrResume(): void {
  const s = store.getState();
  if (s.status === 'paused') {
    s.setStatus('running');
    void worker().resume();
  } else void run(false);
}

export function pause(): void {
  if (store.getState().status !== 'running') return;
  store.getState().setStatus('paused');
  void worker().pause();
}

/** One more iteration of every optimizer (starting a paused run if none is going). */
export function step(): void {
  const s = store.getState();
  if (s.status === 'paused') void worker().stepOnce();
  else if (s.status === 'running') pause();
  else void run(true);
}

export function reset(): void {
  cancelRun();
  const s = store.getState();
  s.clearRun();
  s.setCurvature(null, false);
  s.setEscape(null);
}

/** Waits for the current run (used by demos that need the numbers before they speak). */
export function currentRun(): Promise<void> {
  return runPromise ?? Promise.resolve();
}

/** Curvature at the selected trajectory's current point, debounced so slider drags do not queue work. */
export function requestCurvature(): void {
  if (curvatureTimer) clearTimeout(curvatureTimer);
  const pending = store.getState();
  // busy at once, so the shown value never passes for the new point's while the debounce waits
  if (pending.trajectories[pending.selected]?.records.length) pending.setCurvature(pending.curvature, true);
  curvatureTimer = setTimeout(async () => {
    const s = store.getState();
    const t = s.trajectories[s.selected];
    if (!t || t.records.length === 0) return;
    const iteration = Math.min(s.iteration, t.records.length - 1);
    const token = ++curvatureToken;
    s.setCurvature(s.curvature, true);
    try {
      const c = await worker().curvature({ runIndex: s.selected, iteration });
      if (token === curvatureToken) store.getState().setCurvature(c, false);
    } catch (e) {
      if (token === curvatureToken) {
        store.getState().setCurvature(null, false);
        store.getState().setNotice({ kind: 'error', text: `Curvature: ${errorText(e)}` });
      }
    }
  }, 120);
}

/** Curvature at the setup's start point, before (or without) any run. */
export async function curvatureAtStart(): Promise<void> {
  const where = 'the start point';
  const token = ++curvatureToken;
  store.getState().setCurvature(store.getState().curvature, true, where);
  try {
    if (!(await ensureProblem())) return;
    const c = await worker().curvatureAt(startPoint());
    if (token === curvatureToken) store.getState().setCurvature(c, false, where);
  } catch (e) {
    if (token === curvatureToken) {
      store.getState().setCurvature(null, false);
      store.getState().setNotice({ kind: 'error', text: `Curvature: ${errorText(e)}` });
    }
  }
}

export async function computeEscape(maxStep: number): Promise<void> {
  const s = store.getState();
  const t = s.trajectories[s.selected];
  if (!t || t.records.length === 0) return;
  const iteration = Math.min(s.iteration, t.records.length - 1);
  try {
    store.getState().setEscape(await worker().escapeLine({ runIndex: s.selected, iteration }, maxStep, 41));
  } catch (e) {
    store.getState().setNotice({ kind: 'error', text: `Escape direction: ${errorText(e)}` });
  }
}

/** Keeps the URL hash equal to the setup, and reacts to setup changes that need the worker. */
export function startSession(): () => void {
  const parsed = urlStateFromHash(window.location.hash);
  if (parsed.ok === true) {
    const st = store.getState();
    st.replaceSetup(parsed.state.setup);
    st.setNetwork(parsed.state.network);
    st.setMode(parsed.state.mode);
  } else if (parsed.ok === false) store.getState().setNotice({ kind: 'error', text: `Ignored the link's setup: ${parsed.error}` });
  const initial = store.getState().setup;
  if (initial.problem.kind === 'custom') {
    store.getState().setNotice({ kind: 'info', text: `${initial.problem.name} was uploaded in another tab; showing Rosenbrock instead.` });
    store.getState().setProblem({ kind: 'function', name: 'rosenbrock' });
  }

  const unsubscribe = store.subscribe((state, prev) => {
    if (state.setup !== prev.setup || state.mode !== prev.mode || state.network !== prev.network) writeHash(state);
    if (state.setup.backend !== prev.setup.backend) {
      loadedProblemKey = null;
      backendReady = initBackend();
      void ensureProblem();
    } else if (state.setup.problem !== prev.setup.problem) void ensureProblem();
    if (state.iteration !== prev.iteration || state.selected !== prev.selected) requestCurvature();
  });
  writeHash(store.getState());
  backendReady = initBackend();
  void ensureProblem();
  return unsubscribe;
}

function writeHash({ setup, mode, network }: UrlState): void {
  const hash = urlStateToHash({ setup, mode, network });
  if (window.location.hash !== hash) history.replaceState(null, '', hash);
}

/** Exact eigenpairs at any point of a 2-D function (null for networks). */
export function pointCurvature(p: [number, number]): Promise<Curvature | null> {
  return worker().pointCurvature(p);
}

/** The one compute worker, for the Network mode's requests (they read the problem loaded here). */
export function computeClient(): ComputeClient {
  return worker();
}
