import { describe, expect, it } from 'vitest';
import { runCli as run } from '../../../test/helpers';

describe('curvscape study', () => {
  it('prints the claim, citation, settings, the runs of equal-length series, the verdict and ms', async () => {
    const { code, stdout } = await run(['study', 'edge-of-stability', '--set', 'steps=6', '--set', 'every=3', '--set', 'lrs=0.5,1', '--set', 'trainRows=40', '--set', 'hidden=4', '--backend', 'cpu', '--json']);
    expect(code).toBe(0);
    const out = JSON.parse(stdout);
    expect(out.study).toBe('edge-of-stability');
    expect(out.citation[0]).toMatchObject({ authors: expect.stringContaining('Cohen'), year: 2021 });
    expect(out.settings).toMatchObject({ steps: 6, every: 3, lrs: [0.5, 1], trainRows: 40, hidden: [4] });
    expect(out.runs.map((r: { lr: number }) => r.lr)).toEqual([0.5, 1]);
    for (const r of out.runs) {
      expect(r.steps).toEqual([0, 3, 6]);
      expect(r.lambda_max).toHaveLength(3);
      expect(r.loss).toHaveLength(3);
    }
    expect(['agrees', 'partly', 'disagrees']).toContain(out.verdict.outcome);
    expect(out.backend).toBe('cpu');
    expect(out.ms).toBeGreaterThan(0);
  }, 120_000);

  it('exits 2 naming the setting for a bad --set, and names the studies for an unknown one', async () => {
    const bad = await run(['study', 'outliers', '--set', 'classes=1,5']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--set: classes\.0: must be >= 2/);
    const unknown = await run(['study', 'nope']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/edge-of-stability/);
  });
});
