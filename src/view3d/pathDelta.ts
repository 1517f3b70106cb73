/**
 * The trajectories the 3-D view draws, as the page sends them to the view's worker: for each one,
 * nothing when it is the same object as last sent, else only what changed. A streamed run's thinned
 * view reuses its point tuples while the stride holds (pathBuffer.ts sharedPrefix), so each batch
 * sends only the new tail; the worker extends the tuples it holds, and its trajectory layer sees the
 * same shared prefix the page would have, uploading only the new segments. The tail travels in
 * Float64Arrays, which are transferred, not copied.
 */
import { sharedPrefix, type PathView } from './pathBuffer';

export interface PathChange {
  color: string;
  /** Entries kept from the path held for this slot; xy and losses hold the entries from here on. */
  from: number;
  /** x then y of each entry from `from`. */
  xy: Float64Array;
  losses: Float64Array;
}

/** One entry per trajectory: null when it is the very object sent last time for that slot. */
export type PathsDelta = (PathChange | null)[];

/** What changed from `sent` (the views last sent, or none) to `next`. */
export function encodePaths(sent: readonly PathView[] | null, next: readonly PathView[]): PathsDelta {
  return next.map((view, k) => {
    const before = sent?.[k];
    if (before === view) return null;
    const from = before ? Math.min(sharedPrefix(before.points, view.points), view.losses.length) : 0;
    const n = Math.max(0, Math.min(view.points.length, view.losses.length) - from);
    const xy = new Float64Array(2 * n);
    const losses = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const p = view.points[from + i];
      xy[2 * i] = p[0];
      xy[2 * i + 1] = p[1];
      losses[i] = view.losses[from + i];
    }
    return { color: view.color, from, xy, losses };
  });
}

/** The buffers a delta carries, for postMessage's transfer list. */
export function deltaBuffers(delta: PathsDelta): ArrayBuffer[] {
  return delta.flatMap((c) => (c ? [c.xy.buffer as ArrayBuffer, c.losses.buffer as ArrayBuffer] : []));
}

/** The views `delta` describes, given those it was encoded against (`held`): unchanged ones are the held objects, changed ones keep the held prefix's tuples. */
export function decodePaths(held: readonly PathView[], delta: PathsDelta): PathView[] {
  return delta.map((change, k) => {
    const before = held[k];
    if (change === null) {
      if (!before) throw new Error(`path ${k} was sent as unchanged but none is held`);
      return before;
    }
    const points = before && change.from > 0 ? before.points.slice(0, change.from) : [];
    const losses = before && change.from > 0 ? before.losses.slice(0, change.from) : [];
    for (let i = 0; i < change.losses.length; i++) {
      points.push([change.xy[2 * i], change.xy[2 * i + 1]]);
      losses.push(change.losses[i]);
    }
    return { color: change.color, points, losses };
  });
}
