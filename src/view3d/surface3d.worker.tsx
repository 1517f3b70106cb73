/**
 * Draws the 3-D view's scene (SurfaceScene.tsx) on the page's canvas, handed over as an
 * OffscreenCanvas. Where WebGL runs on the CPU and the page is composited in software (Chromium
 * without a GPU), a canvas drawn on the main thread holds it through every frame's read-back: a
 * 16x replay's frames held it about 30 ms each, and over 50 ms on a busy machine (issue 9); drawn
 * here, the page's thread only posts the data and places the axis labels.
 */
import { createRoot, extend, type ReconcilerRoot } from '@react-three/fiber';
import { Color, DirectionalLight, Group, HemisphereLight, Mesh, MeshBasicMaterial, MeshStandardMaterial, Object3D } from 'three';
import { ForwardedElement } from './forwardedElement';
import { Latest } from './latest';
import { decodePaths } from './pathDelta';
import type { PathView } from './pathBuffer';
import type { CanvasSize, FromSceneWorker, ToSceneWorker } from './sceneProtocol';
import type { RenderStyle } from './software-gl';
import { type Drawn, onSceneCreated, SCENE_CAMERA, sceneGl, SurfaceScene } from './SurfaceScene';
import type { SurfaceGrid } from '../ui/views/types';

// the three classes SurfaceScene names as JSX elements (react-three-fiber's <Canvas> registers all of three; a root made here does not)
extend({ Color, DirectionalLight, Group, HemisphereLight, Mesh, MeshBasicMaterial, MeshStandardMaterial, Object3D });

const post = (message: FromSceneWorker): void => postMessage(message);
const element = new ForwardedElement();
const drawn = new Latest<Drawn>({ trajectories: [], iteration: 0 });
let held: PathView[] = [];
let root: ReconcilerRoot<OffscreenCanvas> | null = null;
let style: RenderStyle | null = null;
let dpr = 1;

const onLabels = (xy: number[]): void => post({ type: 'labels', xy });
const onFirstFrame = (): void => post({ type: 'first-frame' });

function fail(error: unknown): void {
  post({ type: 'error', message: error instanceof Error ? error.message : String(error) });
}

function render(grid: SurfaceGrid, logScale: boolean): void {
  if (!root || !style) return;
  try {
    root.render(<SurfaceScene grid={grid} logScale={logScale} style={style} drawn={drawn} onLabels={onLabels} onFirstFrame={onFirstFrame} controlsElement={element as unknown as HTMLElement} />);
  } catch (error) {
    fail(error);
  }
}

/** The whole configuration each time (a root applies what changed), with a fixed dpr: a range would follow the display through matchMedia, which a worker lacks. */
function configure(size: CanvasSize): Promise<unknown> {
  if (!root || !style) return Promise.resolve();
  element.resize(size.width, size.height);
  return root.configure({ frameloop: 'demand', dpr, size: { ...size, top: 0, left: 0 }, gl: sceneGl(style), camera: SCENE_CAMERA, onCreated: onSceneCreated });
}

function init(message: Extract<ToSceneWorker, { type: 'init' }>): void {
  style = message.style;
  dpr = message.dpr;
  root = createRoot(message.canvas);
  configure(message.size).catch(fail);
}

self.onmessage = (e: MessageEvent<ToSceneWorker>): void => {
  const message = e.data;
  switch (message.type) {
    case 'init':
      init(message);
      break;
    case 'surface':
      render(message.grid, message.logScale);
      break;
    case 'drawn':
      if (message.paths) held = decodePaths(held, message.paths);
      drawn.set({ trajectories: held, iteration: message.iteration });
      break;
    case 'resize':
      configure(message.size).catch(fail);
      break;
    case 'event':
      element.dispatch(message.fields);
      break;
  }
};
