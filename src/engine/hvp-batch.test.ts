import { readdirSync, readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { computeSpectrum } from '../core/analysis/spectrum';
import { parseProblem } from '../core/problem/parse';
import type { Problem } from '../core/problem/problem';
import { createRng, randomNormalVector } from '../core/random';
import { setBackend } from './backend';
import { createNetworkObjective } from './mlp-objective';
import { FIXTURES_DIR, relErr } from '../../test/fixtures';

const problems: Problem[] = readdirSync(FIXTURES_DIR)
  .filter((f) => f.endsWith('.json'))
  .sort()
  .map((f) => parseProblem(JSON.parse(readFileSync(`${FIXTURES_DIR}/${f}`, 'utf8'))));

describe.each(['cpu', 'wasm'] as const)('batched HVPs on %s against the float64 fixtures', (backend) => {
  beforeAll(async () => {
    expect(await setBackend(backend)).toBe(backend);
  });

  it.each(problems.map((p) => [p.name, p] as const))('%s: each row of a batch is its HVP; the exact trace from batches', async (_, p) => {
    const ref = p.reference!;
    const f = createNetworkObjective(p);
    try {
      const n = f.dim;
      // Row 1 is the fixture's probe; rows 0 and 2 are random, checked against single products.
      const rng = createRng(4);
      const V = new Float64Array(3 * n);
      V.set(randomNormalVector(n, rng), 0);
      V.set(ref.hvpProbe!.v, n);
      V.set(randomNormalVector(n, rng), 2 * n);
      const out = await f.hvpBatch!(p.params, V, 3);
      expect(f.counts.hvps).toBe(3);
      expect(relErr(out.subarray(n, 2 * n), ref.hvpProbe!.Hv)).toBeLessThan(1e-4);
      for (const row of [0, 2]) expect(relErr(out.subarray(row * n, (row + 1) * n), await f.hvp(p.params, V.subarray(row * n, (row + 1) * n)))).toBeLessThan(1e-5);

      const before = f.counts.hvps;
      const report = await computeSpectrum(f, p.params, { method: 'lanczos', k: 1, which: 'top', trace: 'exact', tol: 1e-6, seed: 0, probes: 0 });
      expect(Math.abs(report.trace!.value - ref.trace!) / Math.abs(ref.trace!)).toBeLessThan(1e-4);
      expect(report.hvps).toBe(f.counts.hvps - before);
      expect(report.hvps - report.eigenHvps).toBe(n);
    } finally {
      f.dispose();
    }
  });
});
