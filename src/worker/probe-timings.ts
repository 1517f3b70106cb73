/**
 * Robust timing for `auto`'s backend choice. One timed gradient per backend is at the mercy of a
 * GC pause or a busy core, so each candidate's probe is repeated and judged by its median. The
 * engine's selectBackend times whatever probe it is given, so the repetition lives inside the
 * probe: the first call on a backend is its warm-up (shader compilation, kernel caches) and is
 * not recorded; each later call runs the workload up to `repeats` times, timing every run.
 */
export interface ProbeSummary {
  backend: string;
  /** Median of the recorded runs in ms; null when none was recorded. */
  median: number | null;
  samples: number[];
}

/** A repeat slower than this many times the best median so far cannot win, so the rest are skipped. */
export const HOPELESS_FACTOR = 8;

export function median(xs: readonly number[]): number | null {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

export interface MedianProbe {
  probe: () => Promise<void>;
  summary: () => ProbeSummary[];
}

export function createMedianProbe(
  workload: () => Promise<void>,
  backendName: () => string,
  repeats: number,
  now: () => number = () => performance.now(),
): MedianProbe {
  const samples = new Map<string, number[]>();
  const bestMedian = (): number => {
    let best = Infinity;
    for (const xs of samples.values()) {
      const m = median(xs);
      if (m !== null && m < best) best = m;
    }
    return best;
  };
  const probe = async (): Promise<void> => {
    const name = backendName();
    const mine = samples.get(name);
    if (!mine) {
      samples.set(name, []);
      await workload();
      return;
    }
    const bar = HOPELESS_FACTOR * bestMedian();
    for (let r = 0; r < repeats; r++) {
      const t0 = now();
      await workload();
      const ms = now() - t0;
      mine.push(ms);
      if (ms > bar) break;
    }
  };
  const summary = (): ProbeSummary[] => [...samples].map(([backend, xs]) => ({ backend, median: median(xs), samples: [...xs] }));
  return { probe, summary };
}

/** The backend with the smallest median; null when no backend recorded a run. */
export function fastestByMedian(summary: readonly ProbeSummary[]): ProbeSummary | null {
  let best: ProbeSummary | null = null;
  for (const s of summary) if (s.median !== null && (best === null || s.median < (best.median as number))) best = s;
  return best;
}
