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

/**
 * Drops the WebGPU backend whose device was lost, keeping its factory registered: a later request
 * for webgpu builds a fresh backend on a new device instead of failing with "not found in registry".
 */
export function forgetWebgpu(): void {
  const factory = tf.findBackendFactory('webgpu');
  try {
    tf.removeBackend('webgpu');
  } catch {
    // disposing a backend whose device is gone may throw; it is unusable either way
  }
  if (factory) tf.registerBackend('webgpu', factory, WEBGPU_PRIORITY);
}

/** The priority @tensorflow/tfjs-backend-webgpu registers itself with. */
const WEBGPU_PRIORITY = 3;
