/**
 * Starts the requested TF.js backend, falling back (and saying so) when it cannot start or when
 * its WebGPU device is lost later. `auto` times the app's own workload, median of several runs.
 */
import { buildProblem } from '../engine/datasets';
import { selectBackend, setBackend } from '../engine/backend';
import { probeGradient } from '../engine/mlp-objective';
import { defaultDatasetSpec, type BackendRequest } from '../state/problem-spec';
import type { BackendInfo, ProbeRow } from './api';
import { fallbackOnLoss, lossMessage } from './device-loss';
import { createMedianProbe, fastestByMedian, type ProbeSummary } from './probe-timings';
import { activeBackend, forgetWebgpu, webgpuDeviceLost } from '../engine/runtime';

/** Fallback order when an explicit request fails: the next most capable backend first. */
const FALLBACKS: readonly ('webgl' | 'wasm' | 'cpu')[] = ['webgl', 'wasm', 'cpu'];
/** Timed gradients per backend after the warm-up. */
export const PROBE_REPEATS = 5;

/** Counts starts, so a lost device from an earlier start is recognised as stale. */
let starts = 0;

/** The default spiral network's gradient: what the app runs most, so what auto should be fast at. */
function appWorkload(): () => Promise<void> {
  const spec = defaultDatasetSpec('spiral');
  const problem = buildProblem({
    dataset: spec.dataset,
    n: spec.n,
    noise: spec.noise,
    seed: spec.seed,
    layers: [2, ...spec.hidden, 3],
    activation: spec.activation,
    loss: spec.loss,
    weightDecay: spec.weightDecay,
    initSeed: spec.initSeed,
  });
  return probeGradient(problem);
}

/** One row per candidate: its median and samples, or why it was not timed. */
function probeRows(summary: ProbeSummary[], skipped: Record<string, number | string>): ProbeRow[] {
  const rows: ProbeRow[] = summary.map((s) => ({ backend: s.backend, median: s.median, samples: s.samples }));
  for (const [backend, t] of Object.entries(skipped)) {
    if (typeof t === 'string' && !rows.some((r) => r.backend === backend)) rows.push({ backend, median: null, samples: [], note: t });
    else if (typeof t === 'string') rows.find((r) => r.backend === backend)!.note = t;
  }
  return rows;
}

async function selectAuto(): Promise<BackendInfo> {
  const timer = createMedianProbe(appWorkload(), activeBackend, PROBE_REPEATS);
  const sel = await selectBackend('auto', timer.probe);
  const summary = timer.summary();
  const best = fastestByMedian(summary);
  let backend = sel.backend;
  if (best && best.backend !== sel.backend) backend = await setBackend(best.backend as 'cpu' | 'wasm' | 'webgl' | 'webgpu');
  const rows = probeRows(summary, sel.timings);
  const measured = rows
    .filter((r) => r.median !== null)
    .map((r) => `${r.backend} ${(r.median as number).toFixed(2)} ms`)
    .join(', ');
  return {
    backend,
    requested: 'auto',
    reason: `auto: ${backend} had the lowest median time for one network gradient (${measured})`,
    probes: rows,
  };
}

async function startRequested(request: BackendRequest): Promise<BackendInfo> {
  try {
    if (request === 'auto') return await selectAuto();
    const sel = await selectBackend(request);
    return { backend: sel.backend, requested: request, reason: sel.reason };
  } catch (e) {
    const why = (e as Error).message;
    for (const name of FALLBACKS) {
      if (name === request) continue;
      try {
        const backend = await setBackend(name);
        return { backend, requested: request, reason: `${request} could not start (${why}); fell back to ${backend}`, fallback: why };
      } catch {
        // try the next one
      }
    }
    throw new Error(`no TF.js backend could start: ${why}`);
  }
}

/** On a lost WebGPU device: move to the next backend and tell the page; the page keeps its run state. */
function watchDevice(start: number, request: BackendRequest, onLost: (info: BackendInfo) => void): void {
  const lost = webgpuDeviceLost();
  if (!lost) return;
  void lost.then(async (loss) => {
    const order = fallbackOnLoss({ deviceStart: start, currentStart: starts, active: activeBackend() });
    if (!order) return;
    for (const name of order) {
      try {
        const backend = await setBackend(name);
        forgetWebgpu();
        const reason = lossMessage(backend, loss.reason, loss.message);
        onLost({ backend, requested: request, reason, fallback: reason });
        return;
      } catch {
        // try the next one
      }
    }
    onLost({ backend: 'none', requested: request, reason: 'WebGPU device lost and no other backend could start', fallback: 'device lost' });
  });
}

export async function initBackend(request: BackendRequest, onLost?: (info: BackendInfo) => void): Promise<BackendInfo> {
  const start = ++starts;
  const info = await startRequested(request);
  if (onLost) watchDevice(start, request, onLost);
  return info;
}
