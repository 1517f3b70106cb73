/**
 * The worker's answer to a lost WebGPU device, with the engine scripted: TF.js moves to wasm, the
 * page hears the backend that runs and the words, and a run that failed on the lost device hears
 * the same words (side-by-side.ts then restarts it from its last iterate).
 */
import { describe, expect, it, vi } from 'vitest';
import type { BackendInfo } from '../protocol/backend';
import { backendInfoSchema } from '../protocol/backend';
import { Generations } from './generations';

let active = 'webgpu';
let loseDevice: (info: { reason: string; message: string }) => void = () => {};
const forgotten: string[] = [];
vi.mock('../engine/backend', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../engine/backend')>()),
  selectBackend: async (request: string) => ({ backend: request, reason: `requested ${request}` }),
  setBackend: async (name: string) => {
    if (name === 'wasm') active = 'wasm';
    return active;
  },
}));
vi.mock('../engine/runtime', () => ({
  activeBackend: () => active,
  webgpuDeviceLost: () => (active === 'webgpu' ? new Promise((resolve) => (loseDevice = resolve)) : null),
  forgetWebgpu: () => void forgotten.push('webgpu'),
}));

describe('BackendQueue after a device loss', () => {
  it('moves to wasm, tells the page in words, frees webgpu for a retry, and answers a failed run with the same words', async () => {
    const { BackendQueue } = await import('./backend-init');
    const queue = new BackendQueue(new Generations());
    const heard: BackendInfo[] = [];
    const info = await queue.init({ id: 'backend-1', generation: 1, request: 'webgpu', cached: null }, (i) => heard.push(i));
    expect(info.backend).toBe('webgpu');
    const before = queue.losses;
    const failure = new Error('mapAsync: Buffer was destroyed');
    const lost = queue.lostSince(before, failure);
    loseDevice({ reason: 'destroyed', message: 'Device was destroyed.' });
    const words = 'WebGPU device was lost (destroyed: Device was destroyed.); continued on wasm';
    expect(await lost).toBe(words);
    expect(heard).toHaveLength(1);
    expect(heard[0]).toMatchObject({ backend: 'wasm', requested: 'webgpu', reason: words });
    expect(backendInfoSchema.safeParse(heard[0]).success).toBe(true);
    expect(forgotten).toEqual(['webgpu']);
    // A computation's own error is not a device loss.
    expect(await queue.lostSince(queue.losses, new Error('matrix is singular'))).toBeNull();
  });
});
