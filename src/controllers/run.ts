/**
 * The explorer's runs: every ticked optimizer from the same start, records streamed into the store
 * while the run is the newest; pause, single steps, cancel and reset act on the worker's run too.
 */
import { checkResult } from '../protocol/parse';
import { checkRecordColumns, type RecordColumns } from '../protocol/record-columns';
import { runResultSchema } from '../protocol/run';
import { runEntries } from '../state/optimizer-entries';
import { isNetworkProblem } from '../state/problem-spec';
import { useAppStore } from '../state/store';
import { createBatchGate } from './batch-gate';
import { requestCurvature } from './curvature';
import { errorText } from './error-text';
import { ensureProblem } from './problem';
import { fitNetworkSurface } from './surface';
import { isNewest, issue, proxy, worker } from './worker-link';

const store = useAppStore;

/** Gradient-norm tolerance of every run: tight, so converged runs land within 1e-3 of a minimiser. */
export const RUN_GTOL = 1e-8;

let runPromise: Promise<void> | null = null;

/** Stops the current run: its late records are dropped here, and the worker stops it at its next turn. */
export function cancelRun(): void {
  store.getState().retire('run');
  void worker().cancel();
}

function startPoint(): [number, number] {
  const s = store.getState();
  return s.setup.start ?? s.problemInfo?.start ?? [0, 0];
}

/** Starts a fresh run of the ticked optimizers; resolves when every one has stopped. */
export function run(paused = false): Promise<void> {
  const ticket = issue('run');
  void worker().cancel();
  const s = store.getState();
  // one run per setup entry: an optimizer ticked twice with different hyper-parameters runs twice, each under its entry id
  const entries = runEntries(s.setup, isNetworkProblem(s.setup.problem) ? 'network' : 'function');
  const optimizers = entries.map((e) => ({ name: e.name, entry: e.entry, hyperParams: e.hyperParams }));
  s.startRun(ticket.id, entries, paused);
  s.setNotice(null);
  const current = (): boolean => isNewest('run', ticket);
  // The first malformed message stops the run in the worker; what arrived well formed stays, and the error is named once.
  let malformed: string | null = null;
  const checked = <T>(check: () => T, use: (value: T) => void): void => {
    if (malformed) return;
    try {
      use(check());
    } catch (e) {
      malformed = errorText(e);
      void worker().cancel();
    }
  };
  const gate = createBatchGate<RecordColumns>((batches) => {
    if (current()) store.getState().appendRecords(batches);
  });
  const previous = runPromise ?? Promise.resolve();
  const p = previous
    .catch(() => undefined)
    .then(() => ensureProblem())
    .then((loaded) => {
      if (!current()) return;
      if (!loaded) throw new Error('no problem is loaded; choose one and run again');
      return worker().run(
        { ...ticket, optimizers, start: startPoint(), steps: s.setup.steps, gtol: RUN_GTOL, paused },
        proxy({
          // checked as each message arrives (about 100 ms of the worker's records), and kept as columns into the store
          onBatch: (batches) => checked(() => checkRecordColumns(batches), (b) => gate.push(b)),
          onDone: (index, result) => {
            gate.flush();
            checked(
              () => checkResult('run', runResultSchema, result),
              (r) => {
                if (current()) store.getState().finishTrajectory(index, r);
              },
            );
          },
          onError: (index, text) => {
            gate.flush();
            if (current()) store.getState().failTrajectory(index, text);
          },
          onNote: (index, text) => {
            if (!current()) return;
            store.getState().noteTrajectory(index, text);
            store.getState().setNotice({ kind: 'info', text });
          },
        }),
      );
    })
    .finally(() => gate.flush())
    .then(() => {
      if (malformed) throw new Error(malformed);
    })
    .then(
      () => {
        if (!current()) return;
        store.getState().setStatus('done');
        requestCurvature();
        void fitNetworkSurface();
      },
      (e) => {
        if (!current()) return;
        store.getState().setStatus('done');
        store.getState().setNotice({ kind: 'error', text: `Run: ${errorText(e)}` });
      },
    );
  runPromise = p;
  return p;
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

/** Clears the runs here and in the worker, which forgets their iterates (nothing can draw them afterwards). */
export function reset(): void {
  cancelRun();
  void worker().dropRuns();
  const s = store.getState();
  s.clearRun();
  s.retire('curvature');
  s.retire('escape');
  s.setCurvature(null, false);
  s.setEscape(null);
}

/** Waits for the current run (used by demos that need the numbers before they speak). */
export function currentRun(): Promise<void> {
  return runPromise ?? Promise.resolve();
}
