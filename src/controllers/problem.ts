/**
 * Loading problems in the worker. A 2-D function needs no tensor backend; a network waits for
 * one. On failure the previous problem stays loaded and selected, and one message names what
 * was wrong; a first load that fails falls back to the default problem, so the app never sits
 * with no problem. A load that a newer one replaced is dropped.
 */
import { LIMITS } from '../core/limits';
import type { z } from 'zod';
import { checkResult } from '../protocol/parse';
import { problemLoadSchema, uploadCheckSchema, type CustomProblemData } from '../protocol/problem';
import { DEFAULT_NETWORK_LR, DEFAULT_NETWORK_SETTINGS } from '../state/network-slice';
import { isNetworkProblem, problemKey, type NetworkArchitecture, type ProblemSpec } from '../state/problem-spec';
import { defaultSetup } from '../state/setup';
import { useAppStore } from '../state/store';
import { ensureBackend } from './backend';
import { idxFilesFor } from './idx-files';
import { cancelRun } from './run';
import { refreshSurface } from './surface';
import { isNewest, issue, worker } from './worker-link';

const store = useAppStore;

/** What a CSV is built with when no network was chosen before the upload. */
export const DEFAULT_CSV_ARCHITECTURE: NetworkArchitecture = { hidden: [8], activation: 'tanh', loss: 'softmax_cross_entropy', weightDecay: 1e-4, initSeed: 7 };

/** The uploaded data of a custom problem; kept here because a URL cannot carry it. */
let customData: CustomProblemData | null = null;
let loadedSpec: ProblemSpec | null = null;
let pending: { key: string; promise: Promise<boolean> } | null = null;

/** Key of the problem the worker holds, or null before the first load. */
export function loadedKey(): string | null {
  return loadedSpec ? problemKey(loadedSpec) : null;
}

function fail(error: string): void {
  const st = store.getState();
  st.setProblemInfo(st.problemInfo, false);
  if (loadedSpec) {
    st.setNotice({ kind: 'error', text: error });
    if (st.setup.problem !== loadedSpec) st.setProblem(loadedSpec);
  } else {
    const fallback = defaultSetup().problem;
    st.setNotice({ kind: 'error', text: `${error}; showing the default problem instead` });
    if (problemKey(st.setup.problem) !== problemKey(fallback)) st.setProblem(fallback);
  }
}

type Outcome = 'loaded' | 'failed' | 'superseded';

/** A worker answer that does not match its schema counts as a failed load, named once, like any other. */
function checkedAnswer<T>(what: string, schema: z.ZodType<T>, value: T): T | { ok: false; error: string } {
  try {
    return checkResult(what, schema, value);
  } catch (e) {
    return { ok: false, error: (e as Error).message };
  }
}

async function load(spec: ProblemSpec, custom?: CustomProblemData): Promise<Outcome> {
  const ticket = issue('problem');
  store.getState().setProblemInfo(store.getState().problemInfo, true);
  if (custom) {
    // Parsing needs no backend: a bad file is answered at once, even while auto is still timing or a run goes on.
    const check = checkedAnswer('upload check', uploadCheckSchema, await worker().checkUpload({ ...ticket, custom }));
    if (!isNewest('problem', ticket)) return 'superseded';
    if (!check.ok) {
      fail(check.error);
      return 'failed';
    }
  }
  if (isNetworkProblem(spec) && !(await ensureBackend())) {
    if (!isNewest('problem', ticket)) return 'superseded';
    fail('no tensor backend could start for this network');
    return 'failed';
  }
  if (!isNewest('problem', ticket)) return 'superseded';
  const data = custom ?? (spec.kind === 'custom' ? customData ?? undefined : undefined);
  const result = checkedAnswer('problem', problemLoadSchema, await worker().setProblem({ ...ticket, spec, custom: data, idx: idxFilesFor(spec) }));
  if (!isNewest('problem', ticket)) return 'superseded';
  if (!result.ok) {
    fail(result.error);
    return 'failed';
  }
  if (custom) customData = custom;
  const firstLoad = loadedSpec === null;
  const previous = loadedSpec;
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
  // A newly chosen dataset brings Network mode's stable step size; a link's own step size is kept.
  const chosenDataset = spec.kind === 'dataset' && !(previous?.kind === 'dataset' && previous.dataset === spec.dataset);
  if (spec.kind === 'dataset' && chosenDataset && (!firstLoad || st.network.lr === DEFAULT_NETWORK_SETTINGS.lr)) st.setNetwork({ lr: DEFAULT_NETWORK_LR[spec.dataset] });
  if (st.setup.problem !== spec) st.setProblem(spec);
  await refreshSurface();
  return 'loaded';
}

/** Loads `spec` (with uploaded data for a custom problem); resolves to whether it is now the loaded problem. */
export async function loadProblem(spec: ProblemSpec, custom?: CustomProblemData): Promise<boolean> {
  return (await load(spec, custom)) === 'loaded';
}

/** Loads the setup's problem unless it is already loaded or loading; resolves to whether it loaded. */
export function ensureProblem(): Promise<boolean> {
  const spec = store.getState().setup.problem;
  const key = problemKey(spec);
  // back to the loaded problem while another is loading: that load would win, so this one is loaded again
  if (key === loadedKey() && (!pending || pending.key === key)) return Promise.resolve(true);
  if (pending?.key === key) return pending.promise;
  const promise = loadProblem(spec);
  pending = { key, promise };
  void promise.finally(() => {
    if (pending?.promise === promise) pending = null;
  });
  return promise;
}

/** Forgets the loaded problem so the next ensureProblem rebuilds it (a network after a backend change). */
export function reloadProblem(): Promise<boolean> {
  loadedSpec = null;
  pending = null;
  return ensureProblem();
}

function mebibytes(bytes: number): string {
  return `${(bytes / 2 ** 20).toFixed(1)} MiB`;
}

/** The architecture the loaded CSV was built with, or null when no CSV is loaded. */
export function csvArchitecture(): NetworkArchitecture | null {
  const spec = store.getState().setup.problem;
  if (spec.kind !== 'custom' || spec.source !== 'csv' || customData?.source !== 'csv') return null;
  return customData.architecture ?? DEFAULT_CSV_ARCHITECTURE;
}

/**
 * Rebuilds the loaded CSV's network with a new architecture (issue 9: the architecture stays
 * editable after an upload); on failure the previous network stays loaded and a notice says why.
 */
export async function reloadCsv(architecture: NetworkArchitecture): Promise<boolean> {
  const spec = store.getState().setup.problem;
  if (spec.kind !== 'custom' || customData?.source !== 'csv') return false;
  return (await load(spec, { ...customData, architecture })) === 'loaded';
}

/**
 * Reads a dropped or picked file: a `.csv` becomes a dataset for the current architecture,
 * anything else a problem file. A file over the size budget is refused before it is read.
 */
export async function loadProblemFile(file: File): Promise<boolean> {
  const st = store.getState();
  if (file.size > LIMITS.fileBytes) {
    st.setNotice({ kind: 'error', text: `${file.name}: ${mebibytes(file.size)} is over the ${mebibytes(LIMITS.fileBytes)} file limit (LIMITS.fileBytes); nothing was loaded` });
    return false;
  }
  const text = await file.text();
  const isCsv = file.name.toLowerCase().endsWith('.csv');
  const current = st.setup.problem;
  const architecture =
    current.kind === 'dataset'
      ? { hidden: current.hidden, activation: current.activation, loss: current.loss, weightDecay: current.weightDecay, initSeed: current.initSeed }
      : DEFAULT_CSV_ARCHITECTURE;
  const spec: ProblemSpec = { kind: 'custom', name: file.name.slice(0, 256), source: isCsv ? 'csv' : 'problem-file' };
  const outcome = await load(spec, { source: spec.source, name: spec.name, text, architecture });
  if (outcome === 'failed') {
    const notice = store.getState().notice;
    store.getState().setNotice({ kind: 'error', text: `${file.name}: ${notice?.text ?? 'could not be read'}` });
  } else if (outcome === 'loaded') store.getState().setNotice({ kind: 'info', text: `Loaded ${file.name}.` });
  return outcome === 'loaded';
}
