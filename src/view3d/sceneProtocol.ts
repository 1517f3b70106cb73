/** The messages between the page's 3-D view (Surface3D.tsx) and the worker that draws its scene (surface3d.worker.tsx). */
import type { SurfaceGrid } from '../ui/views/types';
import type { EventFields } from './forwardedElement';
import type { PathsDelta } from './pathDelta';
import type { RenderStyle } from './software-gl';

/** The canvas' size in css pixels and the pixels per css pixel it is drawn at. */
export interface CanvasSize {
  width: number;
  height: number;
}

export type ToSceneWorker =
  | { type: 'init'; canvas: OffscreenCanvas; size: CanvasSize; dpr: number; style: RenderStyle }
  /** The surface to draw, first after init: the scene is rendered from the first one on. */
  | { type: 'surface'; grid: SurfaceGrid; logScale: boolean }
  /** New trajectories (a delta, pathDelta.ts) and / or a new marker iteration. */
  | { type: 'drawn'; paths: PathsDelta | null; iteration: number }
  | { type: 'resize'; size: CanvasSize }
  | { type: 'event'; fields: EventFields };

export type FromSceneWorker =
  | { type: 'labels'; xy: number[] }
  | { type: 'first-frame' }
  /** The worker could not draw (no WebGL context there): the page draws the scene itself. */
  | { type: 'error'; message: string };
