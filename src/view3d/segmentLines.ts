/**
 * One trajectory's path as drawn objects over one buffer of segments (SEGMENT_FLOATS per segment:
 * start then end, pathBuffer.ts), in one of two styles (software-gl.ts RenderStyle.wideLines):
 * - wide: three's LineSegments2, a screen-space quad per segment and pass, drawn three times (faint
 *   through the surface, a white halo, the line), with widths in pixels;
 * - thin: plain GL lines, one pixel wide, drawn once over everything (no depth test). The buffer's
 *   layout is already LineSegments' (each segment's two points consecutive), so the same writer
 *   fills both. With Chromium's software compositing a frame of 17 paths held the main thread
 *   200-600 ms with the three wide passes, and about 30 ms with one thin pass and the surface's light
 *   baked (median over a 16x replay; SwiftShader, 2 cores).
 */
import { BufferAttribute, BufferGeometry, InstancedInterleavedBuffer, InterleavedBufferAttribute, LineSegments, type Material, type Object3D, Sphere, Vector3 } from 'three';
import type { LineMaterial } from 'three/examples/jsm/lines/LineMaterial.js';
import { LineSegments2 } from 'three/examples/jsm/lines/LineSegments2.js';
import { LineSegmentsGeometry } from 'three/examples/jsm/lines/LineSegmentsGeometry.js';
import { SEGMENT_FLOATS } from './pathBuffer';

/** Covers the box and its margins: the lines are never frustum-culled, this only keeps three from measuring the buffer. */
const BOX_SPHERE = new Sphere(new Vector3(0, 0, 0.5), 3);

/** A segment geometry over one instance buffer of `capacity` segments, of which none are drawn yet. */
export function segmentGeometry(capacity: number): { geometry: LineSegmentsGeometry; buffer: InstancedInterleavedBuffer } {
  const geometry = new LineSegmentsGeometry();
  const buffer = new InstancedInterleavedBuffer(new Float32Array(SEGMENT_FLOATS * capacity), SEGMENT_FLOATS, 1);
  geometry.setAttribute('instanceStart', new InterleavedBufferAttribute(buffer, 3, 0));
  geometry.setAttribute('instanceEnd', new InterleavedBufferAttribute(buffer, 3, 3));
  geometry.boundingSphere = BOX_SPHERE.clone();
  geometry.instanceCount = 0;
  return { geometry, buffer };
}

/** A fat line over `geometry` (LineSegments2: widths in pixels, which WebGL's own lines do not offer). */
export function fatLine(geometry: LineSegmentsGeometry, material: LineMaterial, renderOrder = 0): LineSegments2 {
  const line = new LineSegments2(geometry, material);
  line.frustumCulled = false;
  line.renderOrder = renderOrder;
  return line;
}

/** The materials of a path's passes, in drawing order: wide [faint, halo, line], thin [line] (MaterialCache in trajectoryLayer.ts). */
export type PassMaterials = readonly Material[];

/** A path's segments and the objects that draw them. */
export interface SegmentLines {
  /** SEGMENT_FLOATS per segment, `capacity` segments. */
  readonly array: Float32Array;
  readonly capacity: number;
  /** The drawn objects, added to the slot's group once (a regrown buffer keeps them). */
  readonly passes: readonly Object3D[];
  /** Draws the first `segments`. */
  setCount(segments: number): void;
  /** Uploads segments [first, first + count) with the next frame. */
  changed(first: number, count: number): void;
  /** A new, empty buffer of `capacity` segments (a GL buffer is sized once). */
  regrow(capacity: number): void;
  setMaterials(materials: PassMaterials): void;
  dispose(): void;
}

/** A buffer of `capacity` segments and the geometry that draws its first `count`. */
interface SegmentBuffer {
  geometry: BufferGeometry;
  array: Float32Array;
  setCount(segments: number): void;
  /** Marks segments [first, first + count) for upload (three merges the ranges and clears them once uploaded). */
  changed(first: number, count: number): void;
}

/** Instanced, for LineSegments2: one instance per segment. */
function wideBuffer(capacity: number): SegmentBuffer {
  const { geometry, buffer } = segmentGeometry(capacity);
  return {
    geometry,
    array: buffer.array as Float32Array,
    setCount: (segments) => void (geometry.instanceCount = segments),
    changed(first, count) {
      buffer.addUpdateRange(SEGMENT_FLOATS * first, SEGMENT_FLOATS * count);
      buffer.needsUpdate = true;
    },
  };
}

/** Plain vertices, for LineSegments: two per segment. */
function thinBuffer(capacity: number): SegmentBuffer {
  const geometry = new BufferGeometry();
  const position = new BufferAttribute(new Float32Array(SEGMENT_FLOATS * capacity), 3);
  geometry.setAttribute('position', position);
  geometry.boundingSphere = BOX_SPHERE.clone();
  geometry.setDrawRange(0, 0);
  return {
    geometry,
    array: position.array as Float32Array,
    setCount: (segments) => geometry.setDrawRange(0, 2 * segments),
    changed(first, count) {
      position.addUpdateRange(SEGMENT_FLOATS * first, SEGMENT_FLOATS * count);
      position.needsUpdate = true;
    },
  };
}

/** A plain GL line over `geometry`, never frustum-culled (as fatLine). */
function thinLine(geometry: BufferGeometry, material: Material, renderOrder: number): LineSegments {
  const line = new LineSegments(geometry, material);
  line.frustumCulled = false;
  line.renderOrder = renderOrder;
  return line;
}

type Pass = LineSegments2 | LineSegments;

class Lines implements SegmentLines {
  constructor(
    private readonly make: (capacity: number) => SegmentBuffer,
    private buffer: SegmentBuffer,
    readonly passes: readonly Pass[],
  ) {}

  get array(): Float32Array {
    return this.buffer.array;
  }

  get capacity(): number {
    return this.buffer.array.length / SEGMENT_FLOATS;
  }

  setCount(segments: number): void {
    this.buffer.setCount(segments);
  }

  changed(first: number, count: number): void {
    this.buffer.changed(first, count);
  }

  regrow(capacity: number): void {
    this.buffer.geometry.dispose();
    this.buffer = this.make(capacity);
    for (const pass of this.passes) pass.geometry = this.buffer.geometry;
  }

  setMaterials(m: PassMaterials): void {
    this.passes.forEach((pass, k) => (pass.material = m[k]));
  }

  dispose(): void {
    this.buffer.geometry.dispose();
  }
}

/**
 * Wide: the faint pass, drawn without depth test so the path shows through the surface, has
 * renderOrder 2 and so comes after the halo and the line. Thin: one pass, after the surface, over it.
 */
export function segmentLines(wide: boolean, capacity: number, m: PassMaterials): SegmentLines {
  if (wide) {
    const buffer = wideBuffer(capacity);
    const geometry = buffer.geometry as LineSegmentsGeometry;
    return new Lines(wideBuffer, buffer, [fatLine(geometry, m[0] as LineMaterial, 2), fatLine(geometry, m[1] as LineMaterial), fatLine(geometry, m[2] as LineMaterial)]);
  }
  const buffer = thinBuffer(capacity);
  return new Lines(thinBuffer, buffer, [thinLine(buffer.geometry, m[0], 2)]);
}
