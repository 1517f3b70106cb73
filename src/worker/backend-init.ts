/**
 * Starts the requested TF.js backend, falling back (and saying so) when it cannot start or when
 * its WebGPU device is lost later. `auto` times the app's own workload, median of several runs,
 * unless the page hands it the choice it measured earlier in this browser. Requests are served
 * one at a time and a request a newer one replaced stops timing at once and changes nothing.
 */
import { configureBrowserWasmPaths } from '../engine/browser-wasm-paths';
import { buildProblem } from '../engine/datasets';
import { selectBackend, setBackend } from '../engine/backend';
import { probeGradient } from '../engine/mlp-objective';
import { activeBackend, forgetWebgpu, webgpuDeviceLost } from '../engine/runtime';
import type { BackendInfo, BackendInitRequest, CachedChoice, ProbeRow } from '../protocol/backend';
import { defaultDatasetSpec, type BackendRequest } from '../state/problem-spec';
import { fallbackOnLoss, isDeviceFailure, lossMessage } from './device-loss';
import type { Generations } from './generations';
import { createMedianProbe, fastestByMedian, type ProbeSummary } from './probe-timings';

configureBrowserWasmPaths();

/** Fallback order when an explicit request fails: the next most capable backend first. */
const FALLBACKS: readonly ('webgl' | 'wasm' | 'cpu')[] = ['webgl', 'wasm', 'cpu'];
/** Timed gradients per backend after the warm-up. */
export const PROBE_REPEATS = 5;
/** How long a failed computation waits for the device's `lost` promise to settle before its error stands. */
const LOSS_SETTLE_MS = 3000;

class SupersededError extends Error {
  constructor() {
    super('superseded by a newer backend request');
    this.name = 'SupersededError';
  }
}

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

async function selectAuto(stale: () => boolean): Promise<BackendInfo> {
  const workload = appWorkload();
  const timer = createMedianProbe(
    async () => {
      if (stale()) throw new SupersededError();
      await workload();
    },
    activeBackend,
    PROBE_REPEATS,
  );
  const sel = await selectBackend('auto', timer.probe).catch((e) => {
    throw stale() ? new SupersededError() : e;
  });
  if (stale()) throw new SupersededError();
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

/** auto's earlier choice in this browser, if that backend still starts. */
async function reuseCached(cached: CachedChoice): Promise<BackendInfo | null> {
  try {
    const backend = await setBackend(cached.backend);
    return {
      backend,
      requested: 'auto',
      reason: `auto: ${backend}, chosen by the timings measured in this browser on ${cached.measuredAt.slice(0, 10)} (re-measure to time the backends again)`,
      probes: cached.probes,
      cachedFrom: cached.measuredAt,
    };
  } catch {
    return null;
  }
}

async function startRequested(req: BackendInitRequest, stale: () => boolean): Promise<BackendInfo> {
  const request = req.request;
  try {
    if (request === 'auto') {
      const reused = req.cached ? await reuseCached(req.cached) : null;
      return reused ?? (await selectAuto(stale));
    }
    const sel = await selectBackend(request);
    return { backend: sel.backend, requested: request, reason: sel.reason };
  } catch (e) {
    if (e instanceof SupersededError) throw e;
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

export class BackendQueue {
  private chain: Promise<unknown> = Promise.resolve();
  /** Counts starts, so a lost device from an earlier start is recognised as stale. */
  private starts = 0;
  /** Device losses answered so far; a run compares it before and after a failure. */
  losses = 0;
  private lastLoss = '';
  private lossWaiters: (() => void)[] = [];

  constructor(private readonly generations: Generations) {}

  init(req: BackendInitRequest, onLost?: (info: BackendInfo) => void): Promise<BackendInfo> {
    this.generations.begin('backend', req.generation);
    const stale = (): boolean => this.generations.isStale('backend', req.generation);
    const next = this.chain.then(async () => {
      if (stale()) throw new SupersededError();
      const start = ++this.starts;
      const info = await startRequested(req, stale);
      if (onLost) this.watchDevice(start, req.request, onLost);
      return info;
    });
    this.chain = next.catch(() => undefined);
    return next;
  }

  /**
   * Whether the failure `e` came from a device loss after `lossesBefore`: resolves to the loss's
   * words (what it fell back to), or null when the failure is the computation's own.
   */
  async lostSince(lossesBefore: number, e: unknown): Promise<string | null> {
    if (this.losses === lossesBefore && isDeviceFailure(e)) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, LOSS_SETTLE_MS);
        this.lossWaiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
    return this.losses > lossesBefore ? this.lastLoss : null;
  }

  /** On a lost WebGPU device: move to the next backend and tell the page; the page keeps its run state. */
  private watchDevice(start: number, request: BackendRequest, onLost: (info: BackendInfo) => void): void {
    const lost = webgpuDeviceLost();
    if (!lost) return;
    void lost.then(async (loss) => {
      const order = fallbackOnLoss({ deviceStart: start, currentStart: this.starts, active: activeBackend() });
      if (!order) return;
      let info: BackendInfo = { backend: 'none', requested: request, reason: 'WebGPU device lost and no other backend could start', fallback: 'device lost' };
      for (const name of order) {
        try {
          const backend = await setBackend(name);
          // The lost device's backend goes; a fresh WebGPU can be chosen again later.
          forgetWebgpu();
          const reason = lossMessage(backend, loss.reason, loss.message);
          info = { backend, requested: request, reason, fallback: reason };
          break;
        } catch {
          // try the next one
        }
      }
      this.losses++;
      this.lastLoss = info.reason;
      for (const w of this.lossWaiters.splice(0)) w();
      onLost(info);
    });
  }
}
