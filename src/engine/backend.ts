/** Choosing the TF.js backend: explicitly, or 'auto' by timing one gradient on each candidate. */
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';

export const BACKEND_NAMES = ['cpu', 'wasm', 'webgl', 'webgpu'] as const;
export type BackendName = (typeof BACKEND_NAMES)[number];
export type BackendRequest = 'auto' | BackendName;

export interface BackendSelection {
  backend: string;
  reason: string;
  /** Milliseconds of one probe per candidate, or why the candidate was skipped or failed. */
  timings: Record<string, number | string>;
}

type WasmPaths = string | Partial<Record<'tfjs-backend-wasm.wasm' | 'tfjs-backend-wasm-simd.wasm' | 'tfjs-backend-wasm-threaded-simd.wasm', string>>;

let wasmPaths: WasmPaths | null = null;
let wasmPathsApplied = false;

/**
 * Where the wasm binaries are served from: a prefix ending in '/' or a map of file names to URLs
 * (in the browser, Vite's `?url` imports). Must be called before the wasm backend first starts.
 */
export function configureWasmPaths(prefixOrFileMap: WasmPaths): void {
  wasmPaths = prefixOrFileMap;
  wasmPathsApplied = false;
}

function isNode(): boolean {
  return typeof process !== 'undefined' && typeof process.versions?.node === 'string';
}

/** A page or a worker in one: both can run WebGL (a worker through OffscreenCanvas). */
function isBrowser(): boolean {
  return !isNode() && (typeof document !== 'undefined' || typeof OffscreenCanvas !== 'undefined');
}

/** In Node the binaries are read from the installed package's dist/ folder (a file path with a trailing slash). */
async function nodeWasmDir(): Promise<string> {
  // A variable specifier keeps browser bundlers from trying to resolve a Node built-in.
  const moduleBuiltin = 'node:module';
  const pathBuiltin = 'node:path';
  const { createRequire } = (await import(/* @vite-ignore */ moduleBuiltin)) as typeof import('node:module');
  const path = (await import(/* @vite-ignore */ pathBuiltin)) as typeof import('node:path');
  const require = createRequire(import.meta.url);
  return path.dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json')) + path.sep + 'dist' + path.sep;
}

async function applyWasmPaths(): Promise<void> {
  if (wasmPathsApplied) return;
  if (wasmPaths === null && isNode()) wasmPaths = await nodeWasmDir();
  if (wasmPaths !== null) setWasmPaths(wasmPaths);
  wasmPathsApplied = true;
}

let webgpuRegistered = false;

async function registerWebgpu(): Promise<void> {
  if (webgpuRegistered) return;
  // Only browsers load the WebGPU backend; Node cannot evaluate it.
  await import('@tensorflow/tfjs-backend-webgpu');
  webgpuRegistered = true;
}

/** Switches TF.js to a backend and returns the name now active; throws if it cannot start. */
export async function setBackend(name: BackendName): Promise<string> {
  // Prod mode silences the cpu backend's "install tfjs-node" banner, which would pollute CLI JSON output.
  if (isNode()) tf.enableProdMode();
  if (name === 'wasm') await applyWasmPaths();
  if (name === 'webgpu') await registerWebgpu();
  if (name === 'webgl' && !isBrowser()) throw new Error('webgl backend: only available in a browser');
  const ok = await tf.setBackend(name);
  if (!ok) throw new Error(`${name} backend: failed to initialise`);
  await tf.ready();
  return tf.getBackend();
}

/** Whether WebGPU is usable: a non-null adapter, noting a software (fallback) adapter. */
async function webgpuAvailability(): Promise<{ ok: boolean; note: string }> {
  const gpu = (globalThis.navigator as Navigator & { gpu?: GPULike } | undefined)?.gpu;
  if (!gpu) return { ok: false, note: 'navigator.gpu missing' };
  const adapter = await gpu.requestAdapter();
  if (!adapter) return { ok: false, note: 'requestAdapter() returned null' };
  // Chrome moved the flag from the adapter to adapter.info; read either.
  const fallback = adapter.info?.isFallbackAdapter ?? adapter.isFallbackAdapter;
  return { ok: true, note: fallback ? 'fallback (software) adapter' : '' };
}

interface GPULike {
  requestAdapter(): Promise<{ info?: { isFallbackAdapter?: boolean }; isFallbackAdapter?: boolean } | null>;
}

/** A gradient of a small tanh layer, for when the caller has no problem of its own to time. */
async function defaultProbe(): Promise<void> {
  const grad = tf.tidy(() => {
    const x = tf.randomNormal([300, 16], 0, 1, 'float32', 1);
    const w = tf.randomNormal([16, 16], 0, 0.3, 'float32', 2);
    return tf.grad((v: tf.Tensor) => tf.sum(tf.square(tf.matMul(x, v as tf.Tensor2D))))(w);
  });
  await grad.data();
  grad.dispose();
}

async function timeProbe(probe: () => Promise<void>): Promise<number> {
  await probe(); // warm-up: shader compilation and kernel caches
  const t0 = performance.now();
  await probe();
  return performance.now() - t0;
}

/**
 * Sets the requested backend, or for 'auto' times `probe` on every available candidate
 * (webgpu with an adapter, webgl in browsers, wasm, cpu) and keeps the fastest.
 */
export async function selectBackend(request: BackendRequest, probe?: () => Promise<void>): Promise<BackendSelection> {
  if (request !== 'auto') {
    const backend = await setBackend(request);
    return { backend, reason: `requested ${request}`, timings: {} };
  }
  const run = probe ?? defaultProbe;
  const timings: Record<string, number | string> = {};
  const notes: string[] = [];
  const candidates: BackendName[] = [];
  const gpu = await webgpuAvailability();
  if (gpu.ok) {
    candidates.push('webgpu');
    if (gpu.note) notes.push(`webgpu: ${gpu.note}`);
  } else timings.webgpu = `unavailable: ${gpu.note}`;
  if (isBrowser()) candidates.push('webgl');
  else timings.webgl = 'unavailable: not a browser';
  candidates.push('wasm', 'cpu');

  let best: { name: string; ms: number } | null = null;
  for (const name of candidates) {
    try {
      await setBackend(name);
      const ms = await timeProbe(run);
      timings[name] = ms;
      if (!best || ms < best.ms) best = { name, ms };
    } catch (e) {
      timings[name] = `failed: ${(e as Error).message}`;
    }
  }
  if (!best) throw new Error(`no backend could run the probe: ${JSON.stringify(timings)}`);
  await setBackend(best.name as BackendName);
  const measured = Object.entries(timings)
    .filter(([, t]) => typeof t === 'number')
    .map(([n, t]) => `${n} ${(t as number).toFixed(2)} ms`)
    .join(', ');
  const reason = [`auto: ${best.name} was fastest for one gradient (${measured})`, ...notes].join('; ');
  return { backend: best.name, reason, timings };
}
