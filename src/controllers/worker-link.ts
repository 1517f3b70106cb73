/**
 * The page's one handle on the compute worker, and the tickets its requests carry. Only the
 * controllers talk to the worker; components read the store and call the controllers' intents.
 */
import * as Comlink from 'comlink';
import type { ComputeApi } from '../protocol/api';
import type { RequestKind, Ticket } from '../protocol/ticket';
import { useAppStore } from '../state/store';
import { computeWorker } from './compute-worker';

export type ComputeClient = Comlink.Remote<ComputeApi>;

let client: ComputeClient | null = null;

export function worker(): ComputeClient {
  if (!client) {
    client = Comlink.wrap<ComputeApi>(computeWorker());
  }
  return client;
}

export const proxy = Comlink.proxy;

/** A ticket for a new request of `kind`: earlier requests of that kind are stale from now on. */
export function issue(kind: RequestKind): Ticket {
  return useAppStore.getState().issue(kind);
}

/** Whether `ticket` still answers the newest request of its kind (else its result is dropped). */
export function isNewest(kind: RequestKind, ticket: Ticket): boolean {
  return useAppStore.getState().isNewest(kind, ticket);
}
