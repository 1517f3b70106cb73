import { describe, expect, it } from 'vitest';
import { fixturePath, runCli } from '../../test/helpers';
import { flagValue, parseArgs } from './args';

const SPIRAL = fixturePath('spiral-tanh-ce.json');

describe('curvscape spectrum --copy-check', () => {
  it('parses on and off, and is on by default', () => {
    const copyCheck = (...rest: string[]): string => flagValue<string>(parseArgs(['spectrum', '--problem', SPIRAL, ...rest]), 'copy-check');
    expect(copyCheck()).toBe('on');
    expect(copyCheck('--copy-check', 'off')).toBe('off');
    expect(copyCheck('--copy-check=on')).toBe('on');
  });

  it('a bad value is one line on stderr and exit status 2', async () => {
    const { code, stdout, stderr } = await runCli(['spectrum', '--problem', SPIRAL, '--backend', 'cpu', '--copy-check', 'yes']);
    expect(stdout).toBe('');
    const lines = stderr.split('\n').filter((l) => l !== '');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^curvscape: --copy-check: "yes"/);
    expect(code).toBe(2);
  });

  it('off spends only the first run: the same top 5 with no more products', async () => {
    const run = async (copyCheck: string): Promise<{ top: number[]; eigen_hvps: number; converged: boolean }> => {
      const { code, stdout } = await runCli(['spectrum', '--problem', SPIRAL, '--backend', 'cpu', '--which', 'top', '--k', '5', '--trace', 'none', '--copy-check', copyCheck]);
      expect(code).toBe(0);
      return JSON.parse(stdout);
    };
    const on = await run('on');
    const off = await run('off');
    expect(off.converged).toBe(true);
    expect(off.eigen_hvps).toBeLessThan(on.eigen_hvps);
    // The spiral's top 5 are simple: both runs find the same values, to the tolerance (1e-6 of lambda_max).
    off.top.forEach((v, i) => expect(Math.abs(v - on.top[i])).toBeLessThan(1e-5 * on.top[0]));
  }, 120_000);
});
