import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { lanczos } from '../src/core/eigen/lanczos';
import { power } from '../src/core/eigen/power';
import { exactTrace } from '../src/core/eigen/trace';
import { parseProblemText } from '../src/core/problem/parse';
import { setBackend } from '../src/engine/backend';
import { createNetworkObjective } from '../src/engine/mlp-objective';
import { FIXTURES_DIR } from './fixtures';

const files = readdirSync(FIXTURES_DIR).filter((f) => f.endsWith('.json')).sort();
const report: string[] = [];

describe.each(['cpu', 'wasm'] as const)('issue 2 fixture spectra through the engine on %s', (backend) => {
  beforeAll(async () => {
    await setBackend(backend);
  });

  for (const file of files) {
    it(`${file}: Lanczos top-5 and smallest within 1e-4 of |lambda_max|, exact trace within 1e-4; power iteration beside it`, async () => {
      const problem = parseProblemText(readFileSync(join(FIXTURES_DIR, file), 'utf8'));
      const ref = problem.reference!;
      const eig = Array.from(ref.eigenvaluesAscending!);
      const lmax = Math.abs(eig[eig.length - 1]);
      const objective = createNetworkObjective(problem);
      const op = (v: Float64Array): Promise<Float64Array> => objective.hvp(problem.params, v);
      try {
        const lz = await lanczos.solve(op, objective.dim, { k: 5, which: 'both', tol: 1e-6, seed: 0 });
        lz.top.forEach((p, i) => expect(Math.abs(p.value - eig[eig.length - 1 - i]) / lmax).toBeLessThan(1e-4));
        expect(Math.abs(lz.bottom[0].value - eig[0]) / lmax).toBeLessThan(1e-4);

        const trace = await exactTrace(op, objective.dim);
        expect(Math.abs(trace.trace - ref.trace!) / Math.abs(ref.trace!)).toBeLessThan(1e-4);

        const pw = await power.solve(op, objective.dim, { k: 5, which: 'top', seed: 0 });
        // PyHessian's stopping rule bounds the change between iterations, not the error: 1e-2 is its honest bar here.
        pw.top.forEach((p, i) => expect(Math.abs(p.value - eig[eig.length - 1 - i]) / lmax).toBeLessThan(1e-2));
        const lzErr = Math.max(...lz.top.map((p, i) => Math.abs(p.value - eig[eig.length - 1 - i]) / lmax));
        const pwErr = Math.max(...pw.top.map((p, i) => Math.abs(p.value - eig[eig.length - 1 - i]) / lmax));
        report.push(
          `${backend} ${problem.name}: lanczos top-5 + bottom-5 ${lz.products} HVPs, top-5 err ${lzErr.toExponential(1)}; ` +
            `power top-5 ${pw.products} HVPs, err ${pwErr.toExponential(1)}`,
        );
      } finally {
        objective.dispose();
      }
    });
  }
});

afterAll(() => {
  console.log(report.join('\n'));
});
