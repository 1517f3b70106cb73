/**
 * What the worker needs to know about the running TF.js backend: its name, and for WebGPU the
 * device's `lost` promise, so a lost GPU can be answered by falling back instead of failing later.
 */
import * as tf from '@tensorflow/tfjs';

export interface DeviceLostInfo {
  reason: string;
  message: string;
}

export function activeBackend(): string {
  return tf.getBackend() ?? '';
}

/** The active WebGPU device's `lost` promise; null when the backend in use is not WebGPU. */
export function webgpuDeviceLost(): Promise<DeviceLostInfo> | null {
  if (tf.getBackend() !== 'webgpu') return null;
  const device = (tf.backend() as unknown as { device?: { lost?: Promise<DeviceLostInfo> } }).device;
  return device?.lost ?? null;
}

/** Drops the WebGPU backend so a later request fails cleanly instead of reusing a dead device. */
export function forgetWebgpu(): void {
  try {
    tf.removeBackend('webgpu');
  } catch {
    // disposing a backend whose device is gone may throw; it is unusable either way
  }
}
