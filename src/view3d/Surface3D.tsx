import { memo, useEffect, useLayoutEffect, useMemo, useRef, useState, type ReactElement, type RefObject } from 'react';
import { addAfterEffect, addEffect, Canvas, useFrame, useThree } from '@react-three/fiber';
import { OrbitControls } from '@react-three/drei';
import { BufferAttribute, BufferGeometry, DoubleSide, Matrix4, type Object3D, Vector3 } from 'three';
import { LineMaterial } from 'three/examples/jsm/lines/LineMaterial.js';
import { makeLossScale, type LossScale } from '../ui/views/lossScale';
import { viridisCss } from '../ui/colormap';
import { formatValue, lossScaleTicks } from '../ui/views/ticks';
import { OwnTask } from '../ui/views/ownTask';
import type { SurfaceGrid, TrajectoryView } from '../ui/views/types';
import { Latest } from './latest';
import { useOwnTaskFrame } from './ownTaskFrame';
import { RedrawPacer } from './redrawPacer';
import { bakeDiffuse, DIRECTIONAL, HEMISPHERE, SURFACE_METALNESS, SURFACE_ROUGHNESS, Z_UP_TO_Y_UP } from './sceneLights';
import type { RenderStyle } from './software-gl';
import { BOX_HALF, BOX_HEIGHT, boxMapping, surfaceArrays, type BoxMapping } from './surfaceGeometry';
import { fatLine, segmentGeometry } from './segmentLines';
import { TrajectoryLayer } from './trajectoryLayer';

export interface Surface3DProps {
  grid: SurfaceGrid;
  trajectories: TrajectoryView[];
  iteration: number;
  logScale: boolean;
}

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

type Point3 = [number, number, number];

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

function formatCoord(v: number): string {
  return Number(v.toPrecision(3)).toString();
}

const TICK_STYLE = { font: '10px system-ui, sans-serif', color: '#555', whiteSpace: 'nowrap', pointerEvents: 'none', userSelect: 'none' } as const;

interface TickLabel {
  /** In the z-up box frame. */
  position: Point3;
  text: string;
  bold: boolean;
}

/** Plane coordinates at the ends and middle of the near (x) and right (y) floor edges, and the axis names. */
function tickLabels(grid: SurfaceGrid, map: BoxMapping): TickLabel[] {
  const h = BOX_HALF;
  const off = 0.12;
  const pick = (s: number[]): number[] => [s[0], s[Math.floor((s.length - 1) / 2)], s[s.length - 1]];
  return [
    ...pick(grid.xs).map((v): TickLabel => ({ position: [map.x(v), -h - off, 0], text: formatCoord(v), bold: false })),
    { position: [0, -h - 2.4 * off, 0], text: 'x', bold: true },
    ...pick(grid.ys).map((v): TickLabel => ({ position: [h + off, map.y(v), 0], text: formatCoord(v), bold: false })),
    { position: [h + 2.4 * off, 0, 0], text: 'y', bold: true },
  ];
}

/**
 * Moves the overlay's labels to their anchors' screen positions on every drawn frame. Plain DOM
 * labels rather than drei's <Html>, which mounts a React root per label and unmounts it inside a
 * commit (a console error on every load in development).
 */
function TickAnchors({ labels, overlay }: { labels: TickLabel[]; overlay: RefObject<HTMLDivElement | null> }): ReactElement {
  const anchors = useRef<(Object3D | null)[]>([]);
  const at = useMemo(() => new Vector3(), []);
  // what the labels were last placed for: a frame drawn for new data alone (a replay tick) leaves them be
  const placed = useMemo(() => ({ view: new Matrix4(), projection: new Matrix4(), width: 0, height: 0, labels: null as TickLabel[] | null }), []);
  useFrame(({ camera, size }) => {
    const spans = overlay.current?.children;
    if (!spans) return;
    if (placed.labels === labels && placed.width === size.width && placed.height === size.height && placed.view.equals(camera.matrixWorld) && placed.projection.equals(camera.projectionMatrix)) return;
    placed.labels = labels;
    placed.width = size.width;
    placed.height = size.height;
    placed.view.copy(camera.matrixWorld);
    placed.projection.copy(camera.projectionMatrix);
    labels.forEach((_, k) => {
      const anchor = anchors.current[k];
      const span = spans[k] as HTMLElement | undefined;
      if (!anchor || !span) return;
      anchor.getWorldPosition(at).project(camera);
      span.style.transform = `translate(${((at.x + 1) / 2) * size.width}px, ${((1 - at.y) / 2) * size.height}px) translate(-50%, -50%)`;
    });
  });
  return (
    <>
      {labels.map((label, k) => (
        <object3D key={k} position={label.position} ref={(o: Object3D | null) => void (anchors.current[k] = o)} />
      ))}
    </>
  );
}

const TickOverlay = memo(function TickOverlay({ labels, overlay }: { labels: TickLabel[]; overlay: RefObject<HTMLDivElement | null> }): ReactElement {
  return (
    <div ref={overlay} style={{ position: 'absolute', inset: 0, pointerEvents: 'none', overflow: 'hidden' }}>
      {labels.map((label, k) => (
        <span key={k} style={{ ...TICK_STYLE, position: 'absolute', left: 0, top: 0, fontWeight: label.bold ? 600 : undefined }}>
          {label.text}
        </span>
      ))}
    </div>
  );
});

/** What the trajectories' objects follow: the newest trajectories and the marker's iteration. */
interface Drawn {
  trajectories: TrajectoryView[];
  iteration: number;
}

/**
 * The trajectories as one TrajectoryLayer, created once with the view: each new batch, run or
 * surface refills its buffers and asks for a frame; each replay tick moves its markers and asks for
 * one when the pacer allows (see RedrawPacer: on software GL a frame per tick held the main thread).
 */
function Trajectories({ drawn, map, layer }: { drawn: Latest<Drawn>; map: BoxMapping; layer: TrajectoryLayer }): ReactElement {
  const draw = useOwnTaskFrame();
  const pacer = useMemo(() => new RedrawPacer(draw), [draw]);
  useEffect(() => {
    // The time each frame takes on the main thread: the canvas' useFrame callbacks and the render,
    // then the commit that ends the frame's task, where a page composited in software (Chromium
    // without a GPU) waits for the WebGL drawing to be read back, so the end is read in the next task.
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

/** Sets data-drawn on the view once its first frame has been rendered: the moment the 3-D view is on screen (start-up benchmark, browser tests). */
function FirstFrameMark({ host }: { host: RefObject<HTMLDivElement | null> }): null {
  useEffect(() => {
    const stop = addAfterEffect(() => {
      host.current?.setAttribute('data-drawn', 'true');
      stop();
    });
    return stop;
  }, [host]);
  return null;
}

const CAMERA_POSITION: [number, number, number] = [2.3, 1.5, 3.2];
const CAMERA_TARGET: [number, number, number] = [0, 0.05, 0];
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

const ColorBar = memo(function ColorBar({ scale }: { scale: LossScale }): ReactElement {
  const stops = Array.from({ length: 11 }, (_, k) => `${viridisCss(k / 10)} ${k * 10}%`).join(', ');
  const ticks = lossScaleTicks(scale, 6);
  return (
    <div data-testid="surface-colorbar" style={{ flex: '0 0 auto', padding: '10px 8px 10px 4px', display: 'flex', alignItems: 'stretch', gap: 4, pointerEvents: 'none', font: '11px system-ui, sans-serif', color: '#333' }}>
      <div style={{ position: 'relative', width: 44 }}>
        {ticks.map((tick) => (
          <span key={tick.loss} style={{ position: 'absolute', right: 0, bottom: `${tick.t * 100}%`, transform: 'translateY(50%)' }}>
            {formatValue(tick.loss)}
          </span>
        ))}
      </div>
      <div style={{ width: 10, borderRadius: 2, background: `linear-gradient(to top, ${stops})`, border: '1px solid #0002' }} />
      <div style={{ writingMode: 'vertical-rl', transform: 'rotate(180deg)', textAlign: 'center', color: '#555' }}>
        {scale.log ? 'loss (log scale)' : 'loss'}
      </div>
    </div>
  );
});

/**
 * Loss surface over a plane, with each trajectory drawn on it and a marker at `iteration`. The
 * canvas' React tree renders again only for a new surface or scale; new trajectories and the
 * iteration reach the trajectory layer through `drawn`. `style` (software-gl.ts' renderStyle, from
 * the renderer probe) is read when the WebGL context and the layer are made.
 */
export function Surface3D({ grid, trajectories, iteration, logScale, style }: Surface3DProps & { style: RenderStyle }): ReactElement {
  const scale = useMemo(() => makeLossScale(grid, logScale), [grid, logScale]);
  const map = useMemo(() => boxMapping(grid, scale), [grid, scale]);
  const labels = useMemo(() => tickLabels(grid, map), [grid, map]);
  const overlay = useRef<HTMLDivElement>(null);
  const host = useRef<HTMLDivElement>(null);
  const [drawn] = useState(() => new Latest<Drawn>({ trajectories, iteration }));
  const [layer] = useState(() => new TrajectoryLayer(style.wideLines));
  useEffect(() => () => layer.dispose(), [layer]);
  useLayoutEffect(() => drawn.set({ trajectories, iteration }), [drawn, trajectories, iteration]);
  const canvas = useMemo(
    () => (
      <Canvas
        frameloop="demand"
        dpr={[1, 2]}
        gl={{ preserveDrawingBuffer: true, antialias: style.antialias }}
        camera={{ position: CAMERA_POSITION, fov: 38, near: 0.01, far: 100 }}
        onCreated={(state) => {
          // checking shader errors reads the info logs synchronously, a stall of hundreds of ms per
          // program on software GL; the shaders are three's own, so skip the check
          state.gl.debug.checkShaderErrors = false;
        }}
      >
        <color attach="background" args={['#f7f8fa']} />
        <hemisphereLight args={[HEMISPHERE.sky, HEMISPHERE.ground, HEMISPHERE.intensity]} />
        {DIRECTIONAL.map((light, k) => (
          <directionalLight key={k} position={light.position} intensity={light.intensity} />
        ))}
        <group rotation={Z_UP_TO_Y_UP} position={[0, -0.35, 0]}>
          <SurfaceMesh grid={grid} scale={scale} pixelLighting={style.pixelLighting} />
          <FloorFrame />
          <TickAnchors labels={labels} overlay={overlay} />
          <Trajectories drawn={drawn} map={map} layer={layer} />
        </group>
        <ShaderWarmup />
        <OrbitControls makeDefault target={CAMERA_TARGET} minDistance={1} maxDistance={10} />
        <FitToAspect />
        <RedrawOn deps={[grid, logScale]} />
        <FirstFrameMark host={host} />
      </Canvas>
    ),
    [grid, logScale, scale, map, labels, drawn, layer, style],
  );
  return (
    <div ref={host} data-testid="surface-3d" style={{ display: 'flex', width: '100%', height: '100%', minHeight: 240, background: '#f7f8fa' }}>
      {/* the colour bar sits beside the scene, never over it */}
      <div style={{ position: 'relative', flex: '1 1 auto', minWidth: 0 }}>
        {canvas}
        <TickOverlay labels={labels} overlay={overlay} />
      </div>
      <ColorBar scale={scale} />
    </div>
  );
}
