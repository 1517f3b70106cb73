/** Starts the requested TF.js backend, falling back (and saying so) when it cannot start. */
import { selectBackend, setBackend } from '../engine/backend';
import type { BackendRequest } from '../state/problem-spec';
import type { BackendInfo } from './api';

/** Fallback order when an explicit request fails: the next most capable backend first. */
const FALLBACKS: readonly ('webgl' | 'wasm' | 'cpu')[] = ['webgl', 'wasm', 'cpu'];

function describeTimings(timings: Record<string, number | string>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [k, v] of Object.entries(timings)) if (typeof v === 'number') out[k] = v;
  return out;
}

export async function initBackend(request: BackendRequest): Promise<BackendInfo> {
  try {
    const sel = await selectBackend(request);
    return { backend: sel.backend, requested: request, reason: sel.reason, timings: describeTimings(sel.timings) };
  } catch (e) {
    const why = (e as Error).message;
    for (const name of FALLBACKS) {
      if (name === request) continue;
      try {
        const backend = await setBackend(name);
        return {
          backend,
          requested: request,
          reason: `${request} could not start (${why}); fell back to ${backend}`,
          fallback: why,
        };
      } catch {
        // try the next one
      }
    }
    throw new Error(`no TF.js backend could start: ${why}`);
  }
}
