import { describe, expect, it } from 'vitest';
import type { BufferAttribute, Group, LineSegments } from 'three';
import { packRecords } from '../protocol/record-columns';
import type { StreamedRecord } from '../protocol/run';
import { RecordSeries } from '../state/record-series';
import { thinForDrawing, type DrawSource } from '../ui/trajectory-views';
import type { PathView } from './pathBuffer';
import { decodePaths, deltaBuffers, encodePaths, type PathsDelta } from './pathDelta';
import type { BoxMapping } from './surfaceGeometry';
import { TrajectoryLayer } from './trajectoryLayer';

/** Record i: point (i / 1000, -i / 1000), loss 1 / (i + 1). */
function record(i: number): StreamedRecord {
  return { iteration: i, point: [i / 1000, -i / 1000], loss: 1 / (i + 1), gradNorm: i, stepSize: 0, nfev: i, ngev: i, nhvp: 0, timeMs: i };
}

function batch(from: number, to: number): StreamedRecord[] {
  return Array.from({ length: to - from }, (_, j) => record(from + j));
}

/** Box coordinates are the data's (z = loss), so positions compare directly. */
const identity: BoxMapping = { x: (v) => v, y: (v) => v, z: (loss) => loss };

/** The thin-line pass of the layer's slot k (slot 0 is the warm-up path). */
function line(layer: TrajectoryLayer, k: number): LineSegments {
  return (layer.group.children[k] as Group).children[0] as LineSegments;
}

/** What slot k draws and what its last update uploads: the drawn segment floats and the buffer's update ranges. */
function drawing(layer: TrajectoryLayer, k: number): { floats: number[]; ranges: { start: number; count: number }[] } {
  const { geometry } = line(layer, k);
  // thin lines' segments are a plain position attribute (segmentLines.ts)
  const position = geometry.attributes.position as BufferAttribute;
  const floats = Array.from((position.array as Float32Array).subarray(0, 3 * (geometry.drawRange.count === Infinity ? position.count : geometry.drawRange.count)));
  const ranges = position.updateRanges.map((r) => ({ ...r }));
  position.clearUpdateRanges();
  return { floats, ranges };
}

describe('trajectories sent to the 3-D view worker as deltas', () => {
  it('a streamed run drawn from the decoded deltas is drawn as from the page\'s views, uploading the same new segments', () => {
    const a = RecordSeries.of(batch(0, 50));
    const b = RecordSeries.of(batch(0, 30));
    const sources: DrawSource[] = [
      { optimizer: 'gd', label: 'GD', entry: 'gd', records: a },
      { optimizer: 'adam', label: 'Adam', entry: 'adam', records: b },
    ];
    const direct = new TrajectoryLayer(false);
    const remote = new TrajectoryLayer(false);
    let sent: PathView[] | null = null;
    let held: PathView[] = [];
    const sizes: number[] = [];
    // batches of 700 until past 2 x 2,000 entries, so the stride grows from 1 to 2 to 3 on the way
    for (let n = 50; n <= 5000; n += 700) {
      if (n > 50) a.append(packRecords(0, batch(a.length, n)));
      if (n <= 1450 && n > 50) b.append(packRecords(1, batch(b.length, n - 20)));
      const { views } = thinForDrawing(sources);
      const delta: PathsDelta = encodePaths(sent, views);
      sizes.push(delta.reduce((s, c) => s + (c ? c.losses.length : 0), 0));
      // through structured cloning, as postMessage copies it
      held = decodePaths(held, structuredClone(delta));
      sent = views;
      direct.update(views, identity, n);
      remote.update(held, identity, n);
      for (const k of [1, 2]) expect(drawing(remote, k)).toEqual(drawing(direct, k));
      expect(held.map((v) => v.points)).toEqual(views.map((v) => v.points));
      expect(held.map((v) => v.losses)).toEqual(views.map((v) => v.losses));
    }
    // Entries sent per batch. 1: both whole (50 + 30). 2, 3: only the 700 new entries of each (stride 1).
    // 4: a passes 2,000 records, so the stride becomes 2 and both are sent whole as new tuples: a's
    // 1,075 even entries and its last (odd) one, b's 715 and its last. 5: a's 1,425 entries less the
    // 1,075 it shares (its old off-stride last is replaced), and b, unchanged, is not sent.
    expect(sizes.slice(0, 5)).toEqual([80, 1400, 1400, 1076 + 716, 1426 - 1075]);
    direct.dispose();
    remote.dispose();
  });

  it('an unchanged trajectory stays the very object held; a changed colour or a new run travels whole', () => {
    const p: [number, number][] = [[0, 0], [1, 1], [2, 2]];
    const first: PathView[] = [{ color: '#111111', points: p, losses: [3, 2, 1] }, { color: '#222222', points: p.slice(), losses: [1, 1, 1] }];
    const held = decodePaths([], encodePaths(null, first));
    const next: PathView[] = [first[0], { color: '#333333', points: p.map(([x, y]): [number, number] => [x + 1, y]), losses: [5, 5, 5] }];
    const delta = encodePaths(first, next);
    expect(delta[0]).toBeNull();
    expect(delta[1]?.from).toBe(0);
    expect(Array.from(delta[1]!.xy)).toEqual([1, 0, 2, 1, 3, 2]);
    const after = decodePaths(held, delta);
    expect(after[0]).toBe(held[0]);
    expect(after[1]).toEqual(next[1]);
    // both typed arrays of each change are handed over, not copied
    expect(deltaBuffers(delta)).toEqual([delta[1]!.xy.buffer, delta[1]!.losses.buffer]);
  });

  it('a delta naming a trajectory as unchanged that the worker does not hold is refused', () => {
    expect(() => decodePaths([], [null])).toThrow(/unchanged/);
  });
});
