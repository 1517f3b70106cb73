/** The explorer's surface: evaluated in the worker over the problem's window, refitted to a network's trajectories after a run. */
import { checkResult } from '../protocol/parse';
import type { Domain } from '../protocol/problem';
import { surfaceGridSchema } from '../protocol/surface';
import { useAppStore } from '../state/store';
import { errorText } from './error-text';
import { coveringDomain, domainChanged } from './surface-domain';
import { isNewest, issue, proxy, worker } from './worker-link';

const store = useAppStore;
const SURFACE_RESOLUTION_FUNCTION = 81;
const SURFACE_RESOLUTION_NETWORK = 25;
/** Progress is shown only for surfaces that take longer than this. */
const PROGRESS_AFTER_MS = 500;

/** Evaluates the surface over `domain` (the problem's own window when absent); a newer request supersedes it. */
export async function refreshSurface(domain?: Domain): Promise<void> {
  const s = store.getState();
  const network = s.problemInfo?.network ?? false;
  const ticket = issue('surface');
  s.setSurfaceProgress(0);
  const t0 = performance.now();
  // Progress callbacks travel on their own channel and may land after the result: drop those.
  let settled = false;
  try {
    const grid = checkResult('surface', surfaceGridSchema, await worker().surface(
      { ...ticket, resolution: network ? SURFACE_RESOLUTION_NETWORK : SURFACE_RESOLUTION_FUNCTION, domain },
      proxy((fraction: number) => {
        if (!settled && isNewest('surface', ticket) && performance.now() - t0 > PROGRESS_AFTER_MS) store.getState().setSurfaceProgress(fraction);
      }),
    ));
    if (isNewest('surface', ticket)) store.getState().setSurface(grid);
  } catch (e) {
    // The worker stops a surface that a newer request or problem replaced; that is not an error.
    const cancelled = ['SurfaceCancelledError', 'CancelledError'].includes((e as Error).name);
    if (!cancelled && isNewest('surface', ticket)) store.getState().setNotice({ kind: 'error', text: `Surface: ${errorText(e)}` });
  } finally {
    settled = true;
    if (isNewest('surface', ticket)) store.getState().setSurfaceProgress(null);
  }
}

/**
 * A network's trajectories are projections onto a plane whose default window knows nothing of
 * how far they go: after a run the window is refitted to cover them, with a margin.
 */
export async function fitNetworkSurface(): Promise<void> {
  const s = store.getState();
  const info = s.problemInfo;
  const grid = s.surface;
  if (!info?.network || !grid) return;
  const paths = s.trajectories.map((t) => Array.from({ length: t.records.length }, (_, k) => t.records.point(k)));
  const current: Domain = { x: [grid.xs[0], grid.xs[grid.xs.length - 1]], y: [grid.ys[0], grid.ys[grid.ys.length - 1]] };
  const next = coveringDomain(paths, info.domain);
  if (domainChanged(current, next)) await refreshSurface(next);
}
