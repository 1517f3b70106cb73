/**
 * The 3-D view's scene: the surface, its floor frame, the trajectories, the lights and the camera's
 * orbit controls, as react-three-fiber components that draw the same on the main thread
 * (MainThreadCanvas.tsx) and in the view's worker on an OffscreenCanvas (surface3d.worker.tsx).
 * Nothing here touches the page's DOM: axis labels' positions and the first frame are reported
 * through callbacks, and camera input arrives on `controlsElement`.
 */
import { useEffect, useLayoutEffect, useMemo, useRef, useState, type ReactElement } from 'react';
import { addAfterEffect, addEffect, type RootState, useFrame, useThree } from '@react-three/fiber';
import { OrbitControls } from '@react-three/drei/core/OrbitControls';
import { BufferAttribute, BufferGeometry, DoubleSide, Matrix4, type Object3D, Vector3 } from 'three';
import { LineMaterial } from 'three/examples/jsm/lines/LineMaterial.js';
import { makeLossScale, type LossScale } from '../ui/views/lossScale';
import { OwnTask } from '../ui/views/ownTask';
import type { SurfaceGrid } from '../ui/views/types';
import type { Latest } from './latest';
import { useOwnTaskFrame } from './ownTaskFrame';
import type { PathView } from './pathBuffer';
import { RedrawPacer } from './redrawPacer';
import { bakeDiffuse, DIRECTIONAL, HEMISPHERE, SURFACE_METALNESS, SURFACE_ROUGHNESS, Z_UP_TO_Y_UP } from './sceneLights';
import type { RenderStyle } from './software-gl';
import { BOX_HALF, BOX_HEIGHT, boxMapping, surfaceArrays, type BoxMapping } from './surfaceGeometry';
import { fatLine, segmentGeometry } from './segmentLines';
import { tickLabels, type Point3, type TickLabel } from './tickLabels';
import { TrajectoryLayer } from './trajectoryLayer';

/** The surface, lit per pixel or with its diffuse light baked into its colours (RenderStyle.pixelLighting). */
function SurfaceMesh({ grid, scale, pixelLighting }: { grid: SurfaceGrid; scale: LossScale; pixelLighting: boolean }): ReactElement {
  const geometry = useMemo(() => {
    const a = surfaceArrays(grid, scale);
    const g = new BufferGeometry();
    g.setAttribute('position', new BufferAttribute(a.positions, 3));
    g.setAttribute('normal', new BufferAttribute(a.normals, 3));
    g.setAttribute('color', new BufferAttribute(pixelLighting ? a.colors : bakeDiffuse(a.colors, a.normals), 3));
    g.setIndex(new BufferAttribute(a.indices, 1));
    return g;
  }, [grid, scale, pixelLighting]);
  useEffect(() => () => geometry.dispose(), [geometry]);
  return (
    <mesh geometry={geometry}>
      {pixelLighting ? (
        <meshStandardMaterial vertexColors side={DoubleSide} roughness={SURFACE_ROUGHNESS} metalness={SURFACE_METALNESS} polygonOffset polygonOffsetFactor={1} polygonOffsetUnits={1} />
      ) : (
        <meshBasicMaterial vertexColors side={DoubleSide} polygonOffset polygonOffsetFactor={1} polygonOffsetUnits={1} />
      )}
    </mesh>
  );
}

/** The floor frame's segments: a square outline at z = 0 so the surface's extent reads at any angle, and one corner post. */
const FLOOR_CORNERS: Point3[] = [[-BOX_HALF, -BOX_HALF, 0], [BOX_HALF, -BOX_HALF, 0], [BOX_HALF, BOX_HALF, 0], [-BOX_HALF, BOX_HALF, 0]];
const FLOOR_SEGMENTS: [Point3, Point3][] = [
  ...FLOOR_CORNERS.map((p, k): [Point3, Point3] => [p, FLOOR_CORNERS[(k + 1) % 4]]),
  [FLOOR_CORNERS[0], [-BOX_HALF, -BOX_HALF, BOX_HEIGHT]],
];

/** The floor frame, made once: the same fat-line objects as the trajectories, so it shares their shader program. */
function FloorFrame(): ReactElement {
  const line = useMemo(() => {
    const { geometry, buffer } = segmentGeometry(FLOOR_SEGMENTS.length);
    buffer.array.set(FLOOR_SEGMENTS.flat(2));
    geometry.instanceCount = FLOOR_SEGMENTS.length;
    return fatLine(geometry, new LineMaterial({ color: 0x9aa3ad, linewidth: 1 }));
  }, []);
  useEffect(
    () => () => {
      line.geometry.dispose();
      line.material.dispose();
    },
    [line],
  );
  return <primitive object={line} />;
}

/**
 * Reports the labels' screen positions (css px from the canvas' top left: x then y per label) on
 * every drawn frame whose camera, size or labels changed: the labels are plain DOM over the canvas,
 * placed by the page (Surface3D.tsx), wherever this scene draws, on the main thread or in a worker.
 */
function TickAnchors({ labels, onLabels }: { labels: TickLabel[]; onLabels: (xy: number[]) => void }): ReactElement {
  const anchors = useRef<(Object3D | null)[]>([]);
  const at = useMemo(() => new Vector3(), []);
  // what the labels were last placed for: a frame drawn for new data alone (a replay tick) leaves them be
  const placed = useMemo(() => ({ view: new Matrix4(), projection: new Matrix4(), width: 0, height: 0, labels: null as TickLabel[] | null }), []);
  useFrame(({ camera, size }) => {
    if (placed.labels === labels && placed.width === size.width && placed.height === size.height && placed.view.equals(camera.matrixWorld) && placed.projection.equals(camera.projectionMatrix)) return;
    const xy: number[] = [];
    for (const anchor of anchors.current.slice(0, labels.length)) {
      // not mounted yet: placed on a later frame
      if (!anchor) return;
      anchor.getWorldPosition(at).project(camera);
      xy.push(((at.x + 1) / 2) * size.width, ((1 - at.y) / 2) * size.height);
    }
    placed.labels = labels;
    placed.width = size.width;
    placed.height = size.height;
    placed.view.copy(camera.matrixWorld);
    placed.projection.copy(camera.projectionMatrix);
    onLabels(xy);
  });
  return (
    <>
      {labels.map((label, k) => (
        <object3D key={k} position={label.position} ref={(o: Object3D | null) => void (anchors.current[k] = o)} />
      ))}
    </>
  );
}

/** What the trajectories' objects follow: the newest trajectories and the marker's iteration. */
export interface Drawn {
  trajectories: readonly PathView[];
  iteration: number;
}

/**
 * The trajectories as one TrajectoryLayer, created once with the view: each new batch, run or
 * surface refills its buffers and asks for a frame; each replay tick moves its markers and asks for
 * one when the pacer allows (see RedrawPacer: on software GL a frame per tick held the thread that draws).
 */
function Trajectories({ drawn, map, layer }: { drawn: Latest<Drawn>; map: BoxMapping; layer: TrajectoryLayer }): ReactElement {
  const draw = useOwnTaskFrame();
  const pacer = useMemo(() => new RedrawPacer(draw), [draw]);
  useEffect(() => {
    // The time each frame takes on the thread that draws it (the page's or the worker's): the
    // canvas' useFrame callbacks and the render, then the commit that ends the frame's task, which
    // may wait for the WebGL drawing to be read back (a page composited in software: Chromium
    // without a GPU), so the end is read in the next task.
    let start = 0;
    let frameStart = 0;
    const committed = new OwnTask(() => pacer.committed(frameStart, performance.now()));
    const stopBefore = addEffect(() => void (start = performance.now()));
    const stopAfter = addAfterEffect(() => {
      pacer.drawn(start, performance.now());
      frameStart = start;
      committed.request();
    });
    return () => {
      stopBefore();
      stopAfter();
      committed.close();
      pacer.dispose();
    };
  }, [pacer]);
  useLayoutEffect(() => {
    const apply = ({ trajectories, iteration }: Drawn): void => {
      const change = layer.update(trajectories, map, iteration);
      if (change !== 'none') pacer.request(change === 'markers');
    };
    const unsubscribe = drawn.subscribe(apply);
    // trajectories the layer left for later frames (past its upload budget) are drawn in the
    // task after each frame, so each frame uploads a share of them
    let next: ReturnType<typeof setTimeout> | null = null;
    const stopAfter = addAfterEffect(() => {
      if (layer.complete || next !== null) return;
      next = setTimeout(() => {
        next = null;
        apply(drawn.get());
      }, 0);
    });
    return () => {
      unsubscribe();
      stopAfter();
      if (next !== null) clearTimeout(next);
    };
  }, [drawn, map, layer, pacer]);
  return <primitive object={layer.group} />;
}

/**
 * Links the shaders when the view mounts, off the main thread where the driver allows
 * (KHR_parallel_shader_compile): the trajectory layer holds a warm-up path and markers from the
 * start, so their programs are linked here too, and its materials, kept for the view's life, keep
 * them linked while runs stream in (relinking synchronously took hundreds of ms on software GL).
 */
function ShaderWarmup(): null {
  const { gl, scene, camera } = useThree();
  useEffect(() => {
    void gl.compileAsync(scene, camera);
  }, [gl, scene, camera]);
  return null;
}

/** With frameloop "demand" a frame is drawn only when asked: ask whenever the drawn data changes. */
function RedrawOn({ deps }: { deps: unknown[] }): null {
  const draw = useOwnTaskFrame();
  useEffect(() => draw(), [draw, ...deps]);
  return null;
}

/** Calls `onFirstFrame` once the first frame has been rendered: the moment the 3-D view is on screen (start-up benchmark, browser tests). */
function FirstFrame({ onFirstFrame }: { onFirstFrame: () => void }): null {
  useEffect(() => {
    const stop = addAfterEffect(() => {
      onFirstFrame();
      stop();
    });
    return stop;
  }, [onFirstFrame]);
  return null;
}

const CAMERA_POSITION: Point3 = [2.3, 1.5, 3.2];
const CAMERA_TARGET: Point3 = [0, 0.05, 0];
/** Width over height of the view the default camera frames whole; narrower views move the camera back. */
const FRAMED_ASPECT = 1.2;

/**
 * Keeps the whole box in view on narrow canvases (a 1280 x 720 window, a phone): the vertical field
 * of view is fixed, so the horizontal one shrinks with the aspect, and the camera backs off by
 * FRAMED_ASPECT / aspect along its current direction. Runs on mount and on resize only.
 */
function FitToAspect(): null {
  const camera = useThree((s) => s.camera);
  const width = useThree((s) => s.size.width);
  const height = useThree((s) => s.size.height);
  const invalidate = useThree((s) => s.invalidate);
  useEffect(() => {
    const target = new Vector3(...CAMERA_TARGET);
    const base = new Vector3(...CAMERA_POSITION).sub(target).length();
    const aspect = width / Math.max(1, height);
    const distance = base * Math.max(1, FRAMED_ASPECT / aspect);
    const direction = camera.position.clone().sub(target).normalize();
    camera.position.copy(target.add(direction.multiplyScalar(distance)));
    camera.updateMatrixWorld();
    invalidate();
  }, [camera, width, height, invalidate]);
  return null;
}

/** The camera the view starts with (react-three-fiber's `camera` option). */
export const SCENE_CAMERA = { position: CAMERA_POSITION, fov: 38, near: 0.01, far: 100 };

/** The WebGL context's attributes: the drawing is kept for the PNG export and the tests' pixel reads; MSAA only on a GPU. */
export function sceneGl(style: RenderStyle): { preserveDrawingBuffer: boolean; antialias: boolean } {
  return { preserveDrawingBuffer: true, antialias: style.antialias };
}

/** Set on the renderer when it is made (react-three-fiber's `onCreated`). */
export function onSceneCreated(state: RootState): void {
  // checking shader errors reads the info logs synchronously, a stall of hundreds of ms per
  // program on software GL; the shaders are three's own, so skip the check
  state.gl.debug.checkShaderErrors = false;
}

export interface SceneProps {
  grid: SurfaceGrid;
  logScale: boolean;
  /** software-gl.ts' renderStyle, read when the trajectory layer is made. */
  style: RenderStyle;
  /** The newest trajectories and marker iteration: followed without rendering the scene's React tree again. */
  drawn: Latest<Drawn>;
  /** The axis labels' screen positions (see TickAnchors), in tickLabels' order. */
  onLabels: (xy: number[]) => void;
  onFirstFrame: () => void;
  /** Where camera input arrives: the canvas on the main thread (the default), a ForwardedElement in the worker. */
  controlsElement?: HTMLElement;
}

export function SurfaceScene({ grid, logScale, style, drawn, onLabels, onFirstFrame, controlsElement }: SceneProps): ReactElement {
  const scale = useMemo(() => makeLossScale(grid, logScale), [grid, logScale]);
  const map = useMemo(() => boxMapping(grid, scale), [grid, scale]);
  const labels = useMemo(() => tickLabels(grid, map), [grid, map]);
  const [layer] = useState(() => new TrajectoryLayer(style.wideLines));
  useEffect(() => () => layer.dispose(), [layer]);
  return (
    <>
      <color attach="background" args={['#f7f8fa']} />
      <hemisphereLight args={[HEMISPHERE.sky, HEMISPHERE.ground, HEMISPHERE.intensity]} />
      {DIRECTIONAL.map((light, k) => (
        <directionalLight key={k} position={light.position} intensity={light.intensity} />
      ))}
      <group rotation={Z_UP_TO_Y_UP} position={[0, -0.35, 0]}>
        <SurfaceMesh grid={grid} scale={scale} pixelLighting={style.pixelLighting} />
        <FloorFrame />
        <TickAnchors labels={labels} onLabels={onLabels} />
        <Trajectories drawn={drawn} map={map} layer={layer} />
      </group>
      <ShaderWarmup />
      <OrbitControls makeDefault target={CAMERA_TARGET} minDistance={1} maxDistance={10} domElement={controlsElement} />
      <FitToAspect />
      <RedrawOn deps={[grid, logScale]} />
      <FirstFrame onFirstFrame={onFirstFrame} />
    </>
  );
}
