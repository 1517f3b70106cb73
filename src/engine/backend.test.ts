import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { parseProblem } from '../core/problem/parse';
import { selectBackend, setBackend } from './backend';
import { probeGradient } from './mlp-objective';
import { readFileSync } from 'node:fs';
import { FIXTURES_DIR } from '../../test/fixtures';

const FIXTURES = FIXTURES_DIR;

describe('backend selection in Node', () => {
  it('starts cpu and wasm (binaries read from the installed package)', async () => {
    expect(await setBackend('wasm')).toBe('wasm');
    const t = tf.square(tf.tensor1d([1, -2, 3]));
    expect(Array.from(await t.data())).toEqual([1, 4, 9]);
    t.dispose();
    expect(await setBackend('cpu')).toBe('cpu');
  });

  it('refuses webgl outside a browser', async () => {
    await expect(setBackend('webgl')).rejects.toThrow(/only available in a browser/);
  });

  it('an explicit request is honoured without timing', async () => {
    const s = await selectBackend('wasm');
    expect(s).toEqual({ backend: 'wasm', reason: 'requested wasm', timings: {} });
    expect(tf.getBackend()).toBe('wasm');
  });

  it('auto times the probe on wasm and cpu, skips the GPU backends with a reason, and keeps the fastest', async () => {
    const problem = parseProblem(JSON.parse(readFileSync(`${FIXTURES}/spiral-tanh-ce.json`, 'utf8')));
    const seen: string[] = [];
    const probe = probeGradient(problem);
    const s = await selectBackend('auto', async () => {
      seen.push(tf.getBackend());
      await probe();
    });
    // one warm-up and one timed probe per candidate
    expect(seen).toEqual(['wasm', 'wasm', 'cpu', 'cpu']);
    expect(typeof s.timings.wasm).toBe('number');
    expect(typeof s.timings.cpu).toBe('number');
    expect(s.timings.webgpu).toMatch(/^unavailable: /);
    expect(s.timings.webgl).toBe('unavailable: not a browser');
    const fastest = (s.timings.wasm as number) <= (s.timings.cpu as number) ? 'wasm' : 'cpu';
    expect(s.backend).toBe(fastest);
    expect(tf.getBackend()).toBe(fastest);
    expect(s.reason).toMatch(new RegExp(`^auto: ${fastest} was fastest for one gradient \\(wasm [0-9.]+ ms, cpu [0-9.]+ ms\\)`));
  });

  it('auto reports a candidate whose probe fails and picks among the rest', async () => {
    const s = await selectBackend('auto', async () => {
      if (tf.getBackend() === 'wasm') throw new Error('boom');
    });
    expect(s.timings.wasm).toBe('failed: boom');
    expect(s.backend).toBe('cpu');
  });
});
