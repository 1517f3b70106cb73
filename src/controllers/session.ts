/**
 * Start-up and the address bar: the link's setup goes into the store (its bad fields reported,
 * the rest applied), the store's setup goes back into the link, and setup changes that need the
 * worker are sent there. A link that failed validation stays in the address bar until the person
 * changes something, so it can be read and corrected.
 */
import { useAppStore, type AppState } from '../state/store';
import { urlStateFromHash, urlStateToHash } from '../state/url';
import { backendRequested, startBackend } from './backend';
import { requestCurvature } from './curvature';
import { ensureProblem, reloadProblem } from './problem';
import { isNetworkProblem } from '../state/problem-spec';
import { TrailingWrite } from './trailing-write';

const store = useAppStore;

function writeHash({ setup, mode, network }: AppState): void {
  const hash = urlStateToHash({ setup, mode, network });
  if (window.location.hash !== hash) history.replaceState(null, '', hash);
}

/**
 * How long the link waits after a setup change before it is written. Each address change costs the
 * browser process 10-14 ms of CPU (the frame's same-document navigation, then its own UI), in traces
 * of a function switch on 2 cores at the moment the page re-renders for it, and a switch changes the
 * setup twice (the problem, then the problem's default scale once it loads): one write, a little
 * later, leaves those cores to the page.
 */
const LINK_DELAY_MS = 300;
const link = new TrailingWrite(() => writeHash(store.getState()), LINK_DELAY_MS);

/** Writes a pending setup change into the address bar now: before the link is shared or exported, and as the page is left. */
export function flushLink(): void {
  link.flush();
}

/** Applies the link, loads its problem (a 2-D function at once, a network once a backend runs) and keeps link and store in step. */
export function startSession(): () => void {
  const parsed = urlStateFromHash(window.location.hash);
  let keepLink = false;
  if (parsed.ok !== 'empty') {
    const st = store.getState();
    st.replaceSetup(parsed.state.setup);
    st.setNetwork(parsed.state.network);
    st.setMode(parsed.state.mode);
    if (parsed.ok === false) {
      keepLink = true;
      st.setNotice({ kind: 'error', text: `Not applied from the link (the rest was): ${parsed.errors.join('; ')}` });
    }
  }
  const initial = store.getState().setup;
  if (initial.problem.kind === 'custom') {
    store.getState().setNotice({ kind: 'info', text: `${initial.problem.name} was uploaded in another tab; showing Rosenbrock instead.` });
    store.getState().setProblem({ kind: 'function', name: 'rosenbrock' });
  }

  const unsubscribe = store.subscribe((state, prev) => {
    if (state.setup !== prev.setup || state.mode !== prev.mode || state.network !== prev.network) {
      keepLink = false;
      link.schedule();
    }
    // After a device loss the setup names the backend the worker already moved to: nothing to start.
    if (state.setup.backend !== prev.setup.backend && !backendRequested()) {
      void startBackend();
      // A network's tensors live on the backend: rebuild it there.
      if (isNetworkProblem(state.setup.problem)) void reloadProblem();
      else if (state.setup.problem !== prev.setup.problem) void ensureProblem();
    } else if (state.setup.problem !== prev.setup.problem) void ensureProblem();
    if (state.iteration !== prev.iteration || state.selected !== prev.selected) requestCurvature();
  });
  if (!keepLink) writeHash(store.getState());
  window.addEventListener('pagehide', flushLink);
  void ensureProblem();
  // A backend the person named starts in the background; auto waits until a network needs it.
  if (store.getState().setup.backend !== 'auto') void startBackend();
  return () => {
    unsubscribe();
    window.removeEventListener('pagehide', flushLink);
  };
}
