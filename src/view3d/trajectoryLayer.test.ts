import { describe, expect, it } from 'vitest';
import type { Group, LineBasicMaterial, LineSegments, Mesh } from 'three';
import type { LineSegments2 } from 'three/examples/jsm/lines/LineSegments2.js';
import type { TrajectoryView } from '../ui/views/types';
import { TRAJECTORY_LIFT, type BoxMapping } from './surfaceGeometry';
import { TrajectoryLayer, UPLOAD_BUDGET } from './trajectoryLayer';

/** x and y as given, z = loss: box coordinates are the data's, so expected positions read off directly. */
const identity: BoxMapping = { x: (v) => v, y: (v) => v, z: (loss) => loss };

function view(color: string, points: [number, number][]): TrajectoryView {
  const n = points.length;
  return { name: color, label: color, color, points, losses: points.map(() => 0.5), gradNorms: [], cost: [...Array(n).keys()], timeMs: [...Array(n).keys()] };
}

/** Rows of 100 points along x, 0.01 apart (above the 0.003 path tolerance, so every point is kept), rows 0.01 apart in y: all inside the box's 1.35 margin. */
function straight(color: string, n: number): TrajectoryView {
  return view(color, Array.from({ length: n }, (_, k): [number, number] => [0.01 * (k % 100), 0.01 * Math.floor(k / 100)]));
}

/** Slot k's objects (slot 0 is the warm-up path): the three passes, the start and the current marker. */
function slot(layer: TrajectoryLayer, k: number): { group: Group; passes: LineSegments2[]; start: Mesh; current: Mesh } {
  const group = layer.group.children[k] as Group;
  const [faint, halo, line, start, current] = group.children;
  return { group, passes: [faint, halo, line] as LineSegments2[], start: start as Mesh, current: current as Mesh };
}

const z = 0.5 + TRAJECTORY_LIFT;

describe('TrajectoryLayer', () => {
  it('fills one segment buffer per trajectory, shared by its three passes, and places both markers', () => {
    const layer = new TrajectoryLayer();
    expect(layer.update([straight('#111111', 4), straight('#222222', 3)], identity, 2)).toBe('paths');
    const a = slot(layer, 1);
    const geometry = a.passes[0].geometry;
    expect(a.passes.every((p) => p.geometry === geometry)).toBe(true);
    expect(geometry.instanceCount).toBe(3);
    const f = Math.fround;
    expect(Array.from(geometry.attributes.instanceStart.array.slice(0, 18))).toEqual(
      [0, 0, z, 0.01, 0, z, 0.01, 0, z, 0.02, 0, z, 0.02, 0, z, 0.03, 0, z].map(f),
    );
    expect(a.start.position.toArray()).toEqual([0, 0, f(z)]);
    expect(a.current.position.toArray()).toEqual([f(0.02), 0, f(z)]);
    expect(slot(layer, 2).passes[0].geometry.instanceCount).toBe(2);
    layer.dispose();
  });

  it('refills the same buffer for a longer run, grows it past its capacity, and hides slots no longer needed', () => {
    const layer = new TrajectoryLayer();
    layer.update([straight('#111111', 4), straight('#222222', 3)], identity, 0);
    const before = slot(layer, 1).passes[0].geometry;
    const buffer = before.attributes.instanceStart.array;
    layer.update([straight('#111111', 200)], identity, 0);
    expect(slot(layer, 1).passes[0].geometry).toBe(before);
    expect(before.attributes.instanceStart.array).toBe(buffer);
    expect(before.instanceCount).toBe(199);
    expect(slot(layer, 2).group.visible).toBe(false);
    // past the first capacity (2,048 segments): a new geometry for all three passes, holding the whole run
    layer.update([straight('#111111', 3000)], identity, 2999);
    const grown = slot(layer, 1);
    expect(grown.passes[0].geometry).not.toBe(before);
    expect(grown.passes.every((p) => p.geometry === grown.passes[0].geometry)).toBe(true);
    expect(grown.passes[0].geometry.instanceCount).toBe(2999);
    // the last segment ends at point 2999: (0.99, 0.29)
    expect(grown.passes[0].geometry.attributes.instanceEnd.getX(2998)).toBeCloseTo(0.99, 6);
    expect(grown.passes[0].geometry.attributes.instanceEnd.getY(2998)).toBeCloseTo(0.29, 6);
    expect(grown.current.position.x).toBeCloseTo(0.99, 6);
    expect(grown.current.position.y).toBeCloseTo(0.29, 6);
    layer.dispose();
  });

  it('moves only the current marker for a new iteration and reports whether anything moved', () => {
    const layer = new TrajectoryLayer();
    const views = [straight('#111111', 5)];
    layer.update(views, identity, 0);
    const s = slot(layer, 1);
    const count = s.passes[0].geometry.instanceCount;
    expect(layer.update(views, identity, 3)).toBe('markers');
    expect(layer.update(views, identity, 3)).toBe('none');
    expect(s.current.position.x).toBeCloseTo(0.03, 7);
    expect(layer.setIteration(3)).toBe(false);
    // past the end: the marker stays on the last point
    expect(layer.setIteration(50)).toBe(true);
    expect(s.current.position.x).toBeCloseTo(0.04, 7);
    expect(s.start.position.x).toBe(0);
    expect(s.passes[0].geometry.instanceCount).toBe(count);
    layer.dispose();
  });

  it('keeps one set of materials per colour across slots and updates', () => {
    const layer = new TrajectoryLayer();
    layer.update([straight('#111111', 3), straight('#222222', 3)], identity, 0);
    const first = slot(layer, 1).passes[2].material;
    const halo = slot(layer, 1).passes[1].material;
    // the colours swap slots: each slot takes the other's materials, none are made anew
    layer.update([straight('#222222', 3), straight('#111111', 3)], identity, 0);
    expect(slot(layer, 2).passes[2].material).toBe(first);
    expect(slot(layer, 2).passes[1].material).toBe(halo);
    expect(slot(layer, 1).passes[1].material).toBe(halo);
    expect((slot(layer, 1).passes[2].material as { color: { getHexString(): string } }).color.getHexString()).toBe('222222');
    layer.dispose();
  });

  it('draws no line for a run that blows up at its first point, and no segment for a single point', () => {
    const layer = new TrajectoryLayer();
    const blown = view('#111111', [[Number.NaN, 0], [1, 1]]);
    layer.update([blown, view('#222222', [[0.5, 0.5]])], identity, 0);
    expect(slot(layer, 1).group.visible).toBe(false);
    const single = slot(layer, 2);
    expect(single.group.visible).toBe(true);
    expect(single.passes.every((p) => !p.visible)).toBe(true);
    expect(single.current.position.toArray()).toEqual([0.5, 0.5, Math.fround(z)]);
    layer.dispose();
  });
  it('leaves an unchanged drawing alone and uploads only the changed segments of a grown one', () => {
    const layer = new TrajectoryLayer();
    const f = Math.fround;
    const tuples = straight('#111111', 6).points;
    // the first drawing: three points on the stride and its newest iterate off it, (0.5, 0.5)
    const earlier = view('#111111', [...tuples.slice(0, 3), [0.5, 0.5]]);
    layer.update([earlier], identity, 3);
    const geometry = slot(layer, 1).passes[0].geometry;
    const buffer = (geometry.attributes.instanceStart as unknown as { data: { version: number; updateRanges: { start: number; count: number }[] } }).data;
    const version = buffer.version;
    // a new list holding the same drawing: nothing written
    layer.update([earlier], identity, 3);
    expect(buffer.version).toBe(version);
    // grown: the same first three tuples, then points 3 to 5 of the line
    buffer.updateRanges.length = 0;
    layer.update([view('#111111', tuples)], identity, 5);
    expect(buffer.version).toBe(version + 1);
    expect(geometry.instanceCount).toBe(5);
    // segments 0 (0 -> 0.01) and 1 (0.01 -> 0.02) stay; from segment 2 on (floats 12 to 30) it is new
    expect(buffer.updateRanges).toEqual([{ start: 12, count: 18 }]);
    expect(Array.from(geometry.attributes.instanceStart.array.slice(0, 30))).toEqual(
      [0, 0, z, 0.01, 0, z, 0.01, 0, z, 0.02, 0, z, 0.02, 0, z, 0.03, 0, z, 0.03, 0, z, 0.04, 0, z, 0.04, 0, z, 0.05, 0, z].map(f),
    );
    expect(slot(layer, 1).current.position.toArray()).toEqual([f(0.05), 0, f(z)]);
    // the same numbers in new tuples (a new run or stride) and a new mapping are each written whole
    buffer.updateRanges.length = 0;
    layer.update([straight('#111111', 6)], identity, 5);
    expect(buffer.updateRanges).toEqual([{ start: 0, count: 30 }]);
    buffer.updateRanges.length = 0;
    const shifted: BoxMapping = { x: (v) => v + 0.1, y: (v) => v, z: (loss) => loss };
    const same = view('#111111', tuples);
    layer.update([same], identity, 5);
    buffer.updateRanges.length = 0;
    layer.update([same], shifted, 5);
    expect(buffer.updateRanges).toEqual([{ start: 0, count: 30 }]);
    expect(geometry.attributes.instanceStart.getX(0)).toBeCloseTo(0.1, 6);
    layer.dispose();
  });

  it('stops refilling slots once an update\'s uploads pass UPLOAD_BUDGET; the next updates with the same views finish', () => {
    const layer = new TrajectoryLayer();
    const colours = Array.from({ length: 10 }, (_, k) => `#0000${(16 + k).toString(16)}`);
    const visible = (): number => colours.filter((_, k) => layer.group.children[k + 1]?.visible).length;
    /** Calls update with `views` until the layer is complete; the visible slots after each call. */
    const finish = (views: TrajectoryView[], iteration: number): number[] => {
      const after: number[] = [];
      for (let calls = 0; calls < 50; calls++) {
        layer.update(views, identity, iteration);
        after.push(visible());
        if (layer.complete) break;
      }
      return after;
    };
    // ten first draws (each a new GL buffer of 2,048 segments): spread over several updates, each drawing at least one more
    const first = finish(colours.map((c) => straight(c, 5)), 4);
    expect(first.length).toBeGreaterThan(1);
    expect(first.at(-1)).toBe(colours.length);
    expect(first.every((n, i) => n > (i === 0 ? 0 : first[i - 1]))).toBe(true);
    expect(layer.update(colours.map((c) => straight(c, 5)), identity, 4)).toBe('paths');
    // every slot drawn: short growth is one update
    layer.update(colours.map((c) => straight(c, 9)), identity, 8);
    expect(layer.complete).toBe(true);
    // ten paths of 1,500 segments (15,000 > UPLOAD_BUDGET): the first update refills some, the others keep their 8 segments
    const long = colours.map((c) => straight(c, 1501));
    layer.update(long, identity, 0);
    expect(layer.complete).toBe(false);
    const counts = (): number[] => colours.map((_, k) => slot(layer, k + 1).passes[0].geometry.instanceCount);
    const refilled = counts().filter((n) => n === 1500).length;
    expect(refilled).toBeGreaterThan(0);
    expect(refilled * 1500).toBeLessThan(UPLOAD_BUDGET + 1500);
    expect(counts().filter((n) => n === 8).length).toBe(colours.length - refilled);
    finish(long, 0);
    expect(counts()).toEqual(colours.map(() => 1500));
    layer.dispose();
  });
});

describe('TrajectoryLayer with thin lines (software renderers)', () => {
  it('draws each path as GL line segments over the same layout, in one pass over the surface, and grows past its capacity', () => {
    const layer = new TrajectoryLayer(false);
    layer.update([straight('#111111', 4), straight('#222222', 3)], identity, 2);
    const group = layer.group.children[1] as Group;
    expect(group.children).toHaveLength(3);
    const [line, start, current] = group.children as [LineSegments, Mesh, Mesh];
    expect(line.isLineSegments).toBe(true);
    // three segments of two vertices each; a segment's start and end are consecutive vertices
    expect(line.geometry.drawRange).toEqual({ start: 0, count: 6 });
    const f = Math.fround;
    expect(Array.from(line.geometry.attributes.position.array.slice(0, 18))).toEqual(
      [0, 0, z, 0.01, 0, z, 0.01, 0, z, 0.02, 0, z, 0.02, 0, z, 0.03, 0, z].map(f),
    );
    const material = line.material as LineBasicMaterial;
    expect(material.depthTest).toBe(false);
    expect(material.toneMapped).toBe(false);
    expect(material.color.getHexString()).toBe('111111');
    expect(start.position.toArray()).toEqual([0, 0, f(z)]);
    expect(current.position.toArray()).toEqual([f(0.02), 0, f(z)]);
    const before = line.geometry;
    layer.update([straight('#111111', 3000)], identity, 2999);
    expect(line.geometry).not.toBe(before);
    expect(line.geometry.drawRange.count).toBe(2 * 2999);
    // the last segment ends at point 2999: (0.99, 0.29)
    expect(line.geometry.attributes.position.getX(2 * 2998 + 1)).toBeCloseTo(0.99, 6);
    expect(line.geometry.attributes.position.getY(2 * 2998 + 1)).toBeCloseTo(0.29, 6);
    layer.dispose();
  });
});

describe('TrajectoryLayer start markers', () => {
  it('draws one start marker per distinct start point', () => {
    const layer = new TrajectoryLayer();
    const moved = view('#333333', [[0.5, 0.5], [0.6, 0.5]]);
    layer.update([straight('#111111', 4), straight('#222222', 3), moved], identity, 0);
    expect([1, 2, 3].map((k) => slot(layer, k).start.visible)).toEqual([true, false, true]);
    // the first path gone: the second's start is drawn in its place
    layer.update([straight('#222222', 3), moved], identity, 0);
    expect([1, 2].map((k) => slot(layer, k).start.visible)).toEqual([true, true]);
    layer.dispose();
  });
});
