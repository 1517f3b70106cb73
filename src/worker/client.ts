/** The page's handle on the compute worker. */
import * as Comlink from 'comlink';
import type { ComputeApi } from './api';

export type ComputeClient = Comlink.Remote<ComputeApi>;

export function createComputeClient(): { client: ComputeClient; terminate(): void } {
  const worker = new Worker(new URL('./compute.worker.ts', import.meta.url), { type: 'module' });
  const client = Comlink.wrap<ComputeApi>(worker);
  return {
    client,
    terminate: () => {
      client[Comlink.releaseProxy]();
      worker.terminate();
    },
  };
}

export const proxy = Comlink.proxy;
