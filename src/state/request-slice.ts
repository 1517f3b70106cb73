/**
 * The newest request of each kind. A result is applied only if it answers the newest request of
 * its kind: a late answer to a replaced request (a slow `auto` after the person chose `cpu`, a
 * surface for the previous problem) is dropped instead of overwriting what the page shows.
 */
import type { StateCreator } from 'zustand';
import { makeTicket, REQUEST_KINDS, type RequestKind, type Ticket } from '../protocol/ticket';
import type { AppState } from './store';

export interface RequestSlice {
  newest: Record<RequestKind, number>;
  /** A ticket for a new request of `kind`; every earlier one of that kind is now stale. */
  issue(kind: RequestKind): Ticket;
  /** Makes every outstanding request of `kind` stale without starting a new one. */
  retire(kind: RequestKind): void;
  isNewest(kind: RequestKind, ticket: Ticket): boolean;
}

function zeros(): Record<RequestKind, number> {
  return Object.fromEntries(REQUEST_KINDS.map((k) => [k, 0])) as Record<RequestKind, number>;
}

export const createRequestSlice: StateCreator<AppState, [], [], RequestSlice> = (set, get) => ({
  newest: zeros(),
  issue: (kind) => {
    const generation = get().newest[kind] + 1;
    set((s) => ({ newest: { ...s.newest, [kind]: generation } }));
    return makeTicket(kind, generation);
  },
  retire: (kind) => set((s) => ({ newest: { ...s.newest, [kind]: s.newest[kind] + 1 } })),
  isNewest: (kind, ticket) => get().newest[kind] === ticket.generation,
});
