import { describe, expect, it } from 'vitest';
import { fixturePath, runCli as run } from '../../../test/helpers';

const SPIRAL = fixturePath('spiral-tanh-ce.json');

/**
 * The Gauss-Newton products and K-FAC factor passes a run spent, against K-FAC's own schedule
 * (Martens & Grosse 2015, Optimizing Neural Networks with Kronecker-factored Approximate
 * Curvature): factors at steps 0, T, 2T, ... and, with the quadratic-model rescaling of Sec. 6.4,
 * one Gauss-Newton product per step.
 */
describe('curvscape optimize / train print nggnvp and nkfac', () => {
  it('K-FAC for 7 steps with factors every 3: 3 factor passes, 7 Gauss-Newton products, the last record agreeing', async () => {
    const { code, stdout } = await run(['optimize', '--problem', SPIRAL, '--optimizer', 'kfac', '--set', 'updateInterval=3', '--steps', '7', '--backend', 'cpu', '--json']);
    expect(code).toBe(0);
    const out = JSON.parse(stdout);
    expect(out.nit).toBe(7);
    expect(out.nkfac).toBe(3);
    expect(out.nggnvp).toBe(7);
    const last = out.records[out.records.length - 1];
    expect(last.nkfac).toBe(3);
    expect(last.nggnvp).toBe(7);
  }, 120_000);

  it('train with SGD on a network spends none, nor does a 2-D function (counts, never null)', async () => {
    const sgd = JSON.parse((await run(['train', '--problem', SPIRAL, '--optimizer', 'sgd', '--steps', '3', '--every', '3', '--backend', 'cpu', '--json'])).stdout);
    expect(sgd.nggnvp).toBe(0);
    expect(sgd.nkfac).toBe(0);
    const fn = JSON.parse((await run(['optimize', '--problem', 'booth', '--optimizer', 'sgd', '--steps', '3', '--json'])).stdout);
    expect(fn.nggnvp).toBe(0);
    expect(fn.nkfac).toBe(0);
  }, 120_000);
});
