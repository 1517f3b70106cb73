/**
 * The trajectories of the 3-D view as long-lived three.js objects, updated in place. Each drawn
 * trajectory has a slot: one segment buffer shared by its passes (wide lines: faint through the
 * surface, a white halo, the line; thin lines: one over everything; segmentLines.ts), allocated at
 * a capacity and refilled (only the segments drawn are counted), and two marker meshes that are
 * moved, never re-made. Materials are made once per colour and kept, so their shader programs stay
 * linked and a redraw uploads only the new points.
 * Slots are reused across runs; those not needed are hidden.
 */
import { Group, LineBasicMaterial, type Material, Mesh, MeshBasicMaterial, MeshStandardMaterial, SphereGeometry, type Vector3 } from 'three';
import { LineMaterial } from 'three/examples/jsm/lines/LineMaterial.js';
import { markerIndex } from '../ui/views/markerIndex';
import { type PathView, SEGMENT_FLOATS, segmentsBefore, sharedPrefix, withCapacity, writePathSegments, writeTrajectoryPositions } from './pathBuffer';
import { type PassMaterials, segmentLines, type SegmentLines } from './segmentLines';
import type { BoxMapping } from './surfaceGeometry';

export const MARKER_RADIUS = 0.035;
/** Path points closer than this (box units; the box is 2 wide, about a pixel at the default zoom) to the previous one are left out. */
const PATH_TOLERANCE = 0.003;
/**
 * Segments a slot's buffer holds before it first grows: the explorer draws a run thinned to at most
 * MAX_DRAWN = 2,000 entries (ui/trajectory-views.ts), so its slots never grow, and a new geometry
 * (a new GL buffer and vertex array, tens of ms on a loaded software GL) is made once per slot.
 */
const SLOT_SEGMENTS = 2048;
/**
 * The GL work one update may set off, in segments uploaded; a slot's first draw counts as a full
 * buffer (SLOT_SEGMENTS) besides its segments, for the GL buffer, vertex arrays and a new colour's
 * materials it makes. On software GL the first frame of 17 new trajectories took 150 ms of the main
 * thread, and the frame after a finished run's re-thinning (17 paths of 2,000 segments refilled)
 * 110 ms (three's createBuffer, bufferData, program and uniform set-up, and the uploads: traces of
 * 17 optimizers on Rosenbrock at load ~3). Slots past the budget keep their last drawing and are
 * refilled by the next updates, which the view makes after each frame until the layer is complete.
 */
export const UPLOAD_BUDGET = 4096;
interface ColourMaterials {
  passes: PassMaterials;
  start: MeshBasicMaterial;
  current: MeshStandardMaterial;
}

/** Materials by colour, made on first use and kept for the layer's life (their programs with them); lines wide or thin (segmentLines.ts). */
class MaterialCache {
  /** The wide style's white halo, one for every colour; thin lines have none. */
  private readonly halo: LineMaterial | null;
  private readonly byColour = new Map<string, ColourMaterials>();

  constructor(wide: boolean) {
    this.halo = wide ? new LineMaterial({ color: 0xffffff, linewidth: 5, transparent: true, opacity: 0.85 }) : null;
  }

  private passes(colour: string): PassMaterials {
    // unlit and not tone-mapped: a thin path's pixels are its legend colour
    if (!this.halo) return [new LineBasicMaterial({ color: colour, depthTest: false, toneMapped: false })];
    return [new LineMaterial({ color: colour, linewidth: 1.5, depthTest: false, transparent: true, opacity: 0.35 }), this.halo, new LineMaterial({ color: colour, linewidth: 2.5 })];
  }

  /** Whether `colour`'s materials exist (their programs and uniforms are set up on their first draw). */
  has(colour: string): boolean {
    return this.byColour.has(colour);
  }

  get(colour: string): ColourMaterials {
    let m = this.byColour.get(colour);
    if (!m) {
      m = {
        passes: this.passes(colour),
        start: new MeshBasicMaterial({ color: colour }),
        current: new MeshStandardMaterial({ color: colour, emissive: colour, emissiveIntensity: 0.35 }),
      };
      this.byColour.set(colour, m);
    }
    return m;
  }

  dispose(): void {
    const all = new Set<Material>(this.halo ? [this.halo] : []);
    for (const m of this.byColour.values()) for (const material of [...m.passes, m.start, m.current]) all.add(material);
    for (const m of all) m.dispose();
  }
}

/** One trajectory's objects and buffers. */
class Slot {
  readonly group = new Group();
  private positions: Float32Array = new Float32Array(0);
  private count = 0;
  /** Each segment's end point (index into positions), so a grown path is continued, not redrawn. */
  private ends: Int32Array = new Int32Array(0);
  private segments = 0;
  /** What the buffers were last filled from. */
  private view: PathView | null = null;
  private map: BoxMapping | null = null;
  private readonly lines: SegmentLines;
  private readonly start: Mesh;
  private readonly current: Mesh;
  private colour = '';
  private lastIndex = -1;
  /** Whether the slot has held points: its GL buffer and vertex arrays are made on its first draw. */
  private filled = false;

  constructor(
    private readonly materials: MaterialCache,
    wide: boolean,
    startSphere: SphereGeometry,
    currentSphere: SphereGeometry,
    capacity: number,
  ) {
    const m = materials.get('#000000');
    this.lines = segmentLines(wide, capacity, m.passes);
    this.start = new Mesh(startSphere, m.start);
    this.current = new Mesh(currentSphere, m.current);
    this.group.add(...this.lines.passes, this.start, this.current);
    // drawn from its first setData on: a slot made and left for a later frame draws nothing meanwhile
    this.group.visible = false;
  }

  private setColour(colour: string): void {
    if (colour === this.colour) return;
    this.colour = colour;
    const m = this.materials.get(colour);
    this.lines.setMaterials(m.passes);
    this.start.material = m.start;
    this.current.material = m.current;
  }

  /**
   * Fills the buffers from `traj` (a new batch, a new run or a new surface) and places both markers;
   * returns the GL work set off, in segments (see UPLOAD_BUDGET).
   * The same drawing is left as it is, and a grown one (the same series at the same stride, see
   * sharedPrefix) maps only its new points and uploads only the segments from the first that changed.
   */
  setData(traj: PathView, map: BoxMapping, iteration: number): number {
    if (!this.changes(traj, map)) {
      this.setIteration(iteration);
      return 0;
    }
    /** A GL buffer made for this drawing (a first draw, or a new geometry for an outgrown one). */
    let made = this.isFirstDraw(traj);
    this.setColour(traj.color);
    const shared = map === this.map && this.view ? sharedPrefix(this.view.points, traj.points) : 0;
    const from = Math.min(shared, this.count);
    const keep = from > 0 ? segmentsBefore(this.ends, this.segments, this.count, from) : 0;
    this.view = traj;
    this.map = map;
    this.positions = withCapacity(this.positions, 3 * traj.points.length);
    this.ends = withCapacity(this.ends, traj.points.length);
    this.count = writeTrajectoryPositions(traj, map, this.positions, from);
    const needed = SEGMENT_FLOATS * Math.max(this.count, 1);
    let first = keep;
    if (this.lines.array.length < needed) {
      // outgrown: a new geometry (three sizes a GL buffer once), at least twice as large, filled whole
      this.lines.regrow(Math.max(this.count, 2 * this.lines.capacity));
      first = 0;
      made = true;
    }
    this.segments = writePathSegments(this.positions, this.count, PATH_TOLERANCE, this.lines.array, this.ends, first);
    if (this.segments > first) this.lines.changed(first, this.segments - first);
    this.lines.setCount(this.segments);
    for (const pass of this.lines.passes) pass.visible = this.segments > 0;
    this.group.visible = this.count > 0;
    if (this.count > 0) {
      this.filled = true;
      this.start.position.fromArray(this.positions, 0);
    }
    this.lastIndex = -1;
    this.setIteration(iteration);
    return this.segments - first + (made ? this.lines.capacity : 0);
  }

  /** Whether `traj` on `map` differs from what the slot holds. */
  changes(traj: PathView, map: BoxMapping): boolean {
    return traj !== this.view || map !== this.map;
  }

  /** Whether drawing `traj` here is a first draw: a slot never filled, or a colour whose materials are new. */
  isFirstDraw(traj: PathView): boolean {
    return traj.points.length > 0 && (!this.filled || !this.materials.has(traj.color));
  }

  /** Moves the current marker to `iteration`; true when it moved. */
  setIteration(iteration: number): boolean {
    const k = markerIndex(iteration, this.count);
    if (k < 0 || k === this.lastIndex) return false;
    this.lastIndex = k;
    this.current.position.fromArray(this.positions, 3 * k);
    return true;
  }

  /** The start marker's position, once the slot holds points. */
  get startPosition(): Vector3 {
    return this.start.position;
  }

  showStart(shown: boolean): void {
    this.start.visible = shown;
  }

  hide(): void {
    this.group.visible = false;
    // shown again only through setData, which then fills it whole
    this.view = null;
  }

  dispose(): void {
    this.lines.dispose();
  }
}

/** What an update changed in what is drawn: nothing, the current markers only, or the paths. */
export type LayerChange = 'none' | 'markers' | 'paths';

/**
 * The layer: `group` goes into the scene once; update() follows new trajectories or a new surface
 * mapping, setIteration() the replay's or run's marker (returning whether a marker moved).
 */
export class TrajectoryLayer {
  readonly group = new Group();
  private readonly materials: MaterialCache;
  private readonly startSphere = new SphereGeometry(MARKER_RADIUS * 0.6, 12, 8);
  private readonly currentSphere = new SphereGeometry(MARKER_RADIUS, 20, 14);
  private readonly slots: Slot[] = [];
  private shown = 0;
  private views: readonly PathView[] | null = null;
  private map: BoxMapping | null = null;
  private drawnAll = true;

  /** `wide`: the paths' line style (software-gl.ts RenderStyle.wideLines, segmentLines.ts). */
  constructor(private readonly wide: boolean = true) {
    this.materials = new MaterialCache(wide);
    // A zero-length path at the origin, scaled to nothing and never changed: it draws nothing but
    // puts every trajectory material's program in the scene for the view's first compileAsync.
    const warmup = new Slot(this.materials, wide, this.startSphere, this.currentSphere, 1);
    warmup.setData({ color: '#000000', points: [[0, 0], [0, 0]], losses: [0, 0] }, { x: () => 0, y: () => 0, z: () => 0 }, 0);
    warmup.group.scale.setScalar(1e-6);
    this.group.add(warmup.group);
    this.slots.push(warmup);
  }

  /**
   * Whether the last update drew every trajectory: it stops refilling slots once their uploads pass
   * UPLOAD_BUDGET (see there); when some were left, the view calls update again, with the same
   * views, after the frame.
   */
  get complete(): boolean {
    return this.drawnAll;
  }

  update(views: readonly PathView[], map: BoxMapping, iteration: number): LayerChange {
    if (views === this.views && map === this.map && this.drawnAll) return this.setIteration(iteration) ? 'markers' : 'none';
    this.views = views;
    this.map = map;
    let uploaded = 0;
    this.drawnAll = true;
    for (let k = 0; k < views.length; k++) {
      if (k + 1 >= this.slots.length) {
        const slot = new Slot(this.materials, this.wide, this.startSphere, this.currentSphere, SLOT_SEGMENTS);
        this.slots.push(slot);
        this.group.add(slot.group);
      }
      const slot = this.slots[k + 1];
      if (uploaded >= UPLOAD_BUDGET && slot.changes(views[k], map)) this.drawnAll = false;
      else uploaded += slot.setData(views[k], map, iteration);
    }
    for (let k = views.length + 1; k <= this.shown; k++) this.slots[k].hide();
    this.shown = views.length;
    this.showDistinctStarts();
    return 'paths';
  }

  /**
   * Draws one start marker per distinct start: the optimizers of a run share theirs, and a marker at
   * the same place as an earlier one would be hidden under it at the cost of a draw call (on software
   * GL, about a quarter of a millisecond of the frame each).
   */
  private showDistinctStarts(): void {
    const drawn: Vector3[] = [];
    for (let k = 1; k <= this.shown; k++) {
      const at = this.slots[k].startPosition;
      const covered = drawn.some((p) => p.equals(at));
      this.slots[k].showStart(!covered);
      if (!covered) drawn.push(at);
    }
  }

  setIteration(iteration: number): boolean {
    let moved = false;
    for (let k = 1; k <= this.shown; k++) moved = this.slots[k].setIteration(iteration) || moved;
    return moved;
  }

  dispose(): void {
    for (const slot of this.slots) slot.dispose();
    this.startSphere.dispose();
    this.currentSphere.dispose();
    this.materials.dispose();
  }
}
