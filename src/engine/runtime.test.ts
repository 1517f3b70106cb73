import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { setBackend } from './backend';
import { activeBackend, forgetWebgpu, webgpuDeviceLost } from './runtime';

describe('runtime queries', () => {
  it('names the backend TF.js is running on after each switch', async () => {
    await setBackend('wasm');
    expect(activeBackend()).toBe('wasm');
    await setBackend('cpu');
    expect(activeBackend()).toBe(tf.getBackend());
    expect(activeBackend()).toBe('cpu');
  });

  it('has no device-loss promise off WebGPU, and forgetting an unregistered WebGPU leaves the backend alone', async () => {
    await setBackend('cpu');
    expect(webgpuDeviceLost()).toBeNull();
    forgetWebgpu();
    expect(activeBackend()).toBe('cpu');
    const t = tf.add(tf.scalar(2), tf.scalar(3));
    expect((await t.data())[0]).toBe(5);
    t.dispose();
  });
});
