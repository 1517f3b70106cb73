/**
 * The studies' own worker: a study trains for a minute or two, so it runs apart from the compute
 * worker (the Explorer stays responsive) on the wasm backend its defaults were sized for. Every
 * ~50 ms of work it yields a macrotask, so a cancel message is handled between steps.
 */
import * as Comlink from 'comlink';
import { runStudy, type StudyReport } from '../core/studies/run';
import type { DisposableObjective, StudyEnv } from '../core/studies/env';
import type { StudyProgress } from '../core/studies/types';
import { fetchDigits } from '../data/digits/read-browser';
import { configureBrowserWasmPaths } from '../engine/browser-wasm-paths';
import { setBackend } from '../engine/backend';
import { createStudyEnv } from '../engine/studies/env';

const YIELD_EVERY_MS = 50;

let controller: AbortController | null = null;
let started: Promise<string> | null = null;
let lastYield = 0;

async function yieldNow(): Promise<void> {
  if (performance.now() - lastYield < YIELD_EVERY_MS) return;
  await new Promise((r) => setTimeout(r, 0));
  lastYield = performance.now();
}

/** An objective that yields before each gradient and Hessian-vector product. */
function yielding(f: DisposableObjective): DisposableObjective {
  const valueAndGrad = f.valueAndGrad.bind(f);
  const hvp = f.hvp.bind(f);
  f.valueAndGrad = async (w) => {
    await yieldNow();
    return valueAndGrad(w);
  };
  f.hvp = async (w, v) => {
    await yieldNow();
    return hvp(w, v);
  };
  return f;
}

/** The engine's env with yielding objectives, so messages get through a long run. */
function yieldingEnv(env: StudyEnv): StudyEnv {
  return {
    get backend() {
      return env.backend;
    },
    digits: env.digits,
    initParams: env.initParams,
    network: (spec, data, rows) => yielding(env.network(spec, data, rows)),
    model: (spec, data, rows) => yielding(env.model(spec, data, rows)),
  };
}

export interface StudiesApi {
  run(name: string, settings: Record<string, unknown>, onProgress: (p: StudyProgress) => void): Promise<StudyReport>;
  cancel(): void;
}

const api: StudiesApi = {
  async run(name, settings, onProgress) {
    started ??= (configureBrowserWasmPaths(), setBackend('wasm'));
    await started;
    controller?.abort();
    const own = new AbortController();
    controller = own;
    try {
      return await runStudy(name, settings, yieldingEnv(createStudyEnv(fetchDigits)), { signal: own.signal, onProgress });
    } finally {
      if (controller === own) controller = null;
    }
  },
  cancel() {
    controller?.abort();
  },
};

Comlink.expose(api);
