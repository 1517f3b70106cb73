/**
 * The two things the worker needs from the TF.js runtime that src/engine does not export yet:
 * which backend is active, and the WebGPU backend's device (for its `lost` promise). Kept in this
 * one file so it can move into the engine unchanged.
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
