/** Curvature at the selected run's iterate, at the start point or at a hovered point; the escape line along the lowest eigenvector. */
import { curvatureSchema, escapeLineSchema, type Curvature } from '../protocol/curvature';
import { checkResult } from '../protocol/parse';
import { useAppStore } from '../state/store';
import { errorText } from './error-text';
import { ensureProblem } from './problem';
import { isNewest, issue, worker } from './worker-link';

const store = useAppStore;
/** Slider drags within this many ms make one request. */
const DEBOUNCE_MS = 120;

let timer: ReturnType<typeof setTimeout> | null = null;

/** The selected trajectory's current iterate, named by the run's id, or null when there is none yet. */
function selectedIterate(): { runId: string; index: number; iteration: number } | null {
  const s = store.getState();
  const t = s.trajectories[s.selected];
  if (!s.runId || !t || t.records.length === 0) return null;
  return { runId: s.runId, index: s.selected, iteration: Math.min(s.iteration, t.records.length - 1) };
}

/** Curvature at the selected trajectory's current point, debounced so slider drags do not queue work. */
export function requestCurvature(): void {
  if (timer) clearTimeout(timer);
  const pending = store.getState();
  // busy at once, so the shown value never passes for the new point's while the debounce waits
  if (pending.trajectories[pending.selected]?.records.length) pending.setCurvature(pending.curvature, true);
  timer = setTimeout(async () => {
    const at = selectedIterate();
    if (!at) return;
    const ticket = issue('curvature');
    store.getState().setCurvature(store.getState().curvature, true);
    try {
      const c = checkResult('curvature', curvatureSchema, await worker().curvature({ ...ticket, at }));
      if (isNewest('curvature', ticket)) store.getState().setCurvature(c, false);
    } catch (e) {
      if (isNewest('curvature', ticket)) {
        store.getState().setCurvature(null, false);
        store.getState().setNotice({ kind: 'error', text: `Curvature: ${errorText(e)}` });
      }
    }
  }, DEBOUNCE_MS);
}

/** Curvature at the setup's start point, before (or without) any run. */
export async function curvatureAtStart(): Promise<void> {
  const where = 'the start point';
  const ticket = issue('curvature');
  store.getState().setCurvature(store.getState().curvature, true, where);
  try {
    if (!(await ensureProblem())) return;
    const s = store.getState();
    const point = s.setup.start ?? s.problemInfo?.start ?? [0, 0];
    const c = checkResult('curvature', curvatureSchema, await worker().curvatureAt({ ...ticket, point }));
    if (isNewest('curvature', ticket)) store.getState().setCurvature(c, false, where);
  } catch (e) {
    if (isNewest('curvature', ticket)) {
      store.getState().setCurvature(null, false);
      store.getState().setNotice({ kind: 'error', text: `Curvature: ${errorText(e)}` });
    }
  }
}

export async function computeEscape(maxStep: number): Promise<void> {
  const at = selectedIterate();
  if (!at) return;
  const ticket = issue('escape');
  try {
    const line = checkResult('escape line', escapeLineSchema, await worker().escapeLine({ ...ticket, at, maxStep, count: 41 }));
    if (isNewest('escape', ticket)) store.getState().setEscape(line);
  } catch (e) {
    if (isNewest('escape', ticket)) store.getState().setNotice({ kind: 'error', text: `Escape direction: ${errorText(e)}` });
  }
}

/** Exact eigenpairs at any point of a 2-D function (null for networks, and for a hover a newer one replaced). */
export async function pointCurvature(point: [number, number]): Promise<Curvature | null> {
  const ticket = issue('pointCurvature');
  const c = checkResult('point curvature', curvatureSchema.nullable(), await worker().pointCurvature({ ...ticket, point }));
  return isNewest('pointCurvature', ticket) ? c : null;
}
