import { useEffect, useMemo, useRef, type ReactElement, type RefObject } from 'react';
import { addAfterEffect, Canvas, useFrame, useThree } from '@react-three/fiber';
import { Line, OrbitControls } from '@react-three/drei';
import { BufferAttribute, BufferGeometry, DoubleSide, type Object3D, Vector3 } from 'three';
import { makeLossScale, type LossScale } from '../ui/views/lossScale';
import { viridisCss } from '../ui/colormap';
import { formatValue, lossScaleTicks } from '../ui/views/ticks';
import type { SurfaceGrid, TrajectoryView } from '../ui/views/types';
import { markerIndex } from '../ui/views/markerIndex';
import { decimatePolyline } from '../ui/views/decimate';
import { BOX_HALF, BOX_HEIGHT, boxMapping, surfaceArrays, trajectoryPoints, type BoxMapping } from './surfaceGeometry';

export interface Surface3DProps {
  grid: SurfaceGrid;
  trajectories: TrajectoryView[];
  iteration: number;
  logScale: boolean;
}


/** Rotates the z-up box frame into three.js' y-up world. */
const Z_UP_TO_Y_UP: [number, number, number] = [-Math.PI / 2, 0, 0];
const MARKER_RADIUS = 0.035;
/** Path points closer than this (box units; the box is 2 wide, about a pixel at the default zoom) to the previous one are left out. */
const PATH_TOLERANCE = 0.003;

function SurfaceMesh({ grid, scale, map }: { grid: SurfaceGrid; scale: LossScale; map: BoxMapping }): ReactElement {
  const geometry = useMemo(() => {
    const a = surfaceArrays(grid, scale, map);
    const g = new BufferGeometry();
    g.setAttribute('position', new BufferAttribute(a.positions, 3));
    g.setAttribute('color', new BufferAttribute(a.colors, 3));
    g.setIndex(new BufferAttribute(a.indices, 1));
    g.computeVertexNormals();
    return g;
  }, [grid, scale, map]);
  useEffect(() => () => geometry.dispose(), [geometry]);
  return (
    <mesh geometry={geometry}>
      <meshStandardMaterial vertexColors side={DoubleSide} roughness={0.75} metalness={0.05} polygonOffset polygonOffsetFactor={1} polygonOffsetUnits={1} />
    </mesh>
  );
}

type Point3 = [number, number, number];

/**
 * drei's Line disposes its material whenever its points array changes, and three then frees the
 * shader program once nothing else holds it: point arrays that never change keep the programs alive.
 */
const FLOOR_OUTLINE: Point3[] = [[-BOX_HALF, -BOX_HALF, 0], [BOX_HALF, -BOX_HALF, 0], [BOX_HALF, BOX_HALF, 0], [-BOX_HALF, BOX_HALF, 0], [-BOX_HALF, -BOX_HALF, 0]];
const FLOOR_POST: Point3[] = [[-BOX_HALF, -BOX_HALF, 0], [-BOX_HALF, -BOX_HALF, BOX_HEIGHT]];

/** The floor frame: a square outline at z = 0 so the surface's extent reads at any angle. */
function FloorFrame(): ReactElement {
  return (
    <>
      <Line points={FLOOR_OUTLINE} color="#9aa3ad" lineWidth={1} />
      <Line points={FLOOR_POST} color="#9aa3ad" lineWidth={1} />
    </>
  );
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
  useFrame(({ camera, size }) => {
    const spans = overlay.current?.children;
    if (!spans) return;
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

function TickOverlay({ labels, overlay }: { labels: TickLabel[]; overlay: RefObject<HTMLDivElement | null> }): ReactElement {
  return (
    <div ref={overlay} style={{ position: 'absolute', inset: 0, pointerEvents: 'none', overflow: 'hidden' }}>
      {labels.map((label, k) => (
        <span key={k} style={{ ...TICK_STYLE, position: 'absolute', left: 0, top: 0, fontWeight: label.bold ? 600 : undefined }}>
          {label.text}
        </span>
      ))}
    </div>
  );
}

/** A path drawn three times: faint through the surface (so a path inside a narrow valley still shows), a white halo, the line. */
function PathLines({ points, color }: { points: Point3[]; color: string }): ReactElement {
  return (
    <>
      <Line points={points} color={color} lineWidth={1.5} depthTest={false} transparent opacity={0.35} renderOrder={2} />
      <Line points={points} color="#ffffff" lineWidth={5} transparent opacity={0.85} />
      <Line points={points} color={color} lineWidth={2.5} />
    </>
  );
}

function StartMarker({ at, color }: { at: Point3; color: string }): ReactElement {
  return (
    <mesh position={at}>
      <sphereGeometry args={[MARKER_RADIUS * 0.6, 12, 8]} />
      <meshBasicMaterial color={color} />
    </mesh>
  );
}

function CurrentMarker({ at, color }: { at: Point3; color: string }): ReactElement {
  return (
    <mesh position={at}>
      <sphereGeometry args={[MARKER_RADIUS, 20, 14]} />
      <meshStandardMaterial color={color} emissive={color} emissiveIntensity={0.35} />
    </mesh>
  );
}

function TrajectoryPath({ traj, map, iteration }: { traj: TrajectoryView; map: BoxMapping; iteration: number }): ReactElement | null {
  const points = useMemo(() => trajectoryPoints(traj, map), [traj, map]);
  // the line without what a pixel cannot show (a converged run's thousands of iterates on one spot); markers index the full points
  const path = useMemo(() => decimatePolyline(points, PATH_TOLERANCE), [points]);
  if (points.length === 0) return null;
  return (
    <group>
      {path.length > 1 && <PathLines points={path} color={traj.color} />}
      <StartMarker at={points[0]} color={traj.color} />
      <CurrentMarker at={points[markerIndex(iteration, points.length)]} color={traj.color} />
    </group>
  );
}

/** A zero-length path at the origin, never changed: it draws nothing but holds every trajectory material's program. */
const WARMUP_PATH: Point3[] = [[0, 0, 0], [0, 0, 0]];

/**
 * Links the trajectory shaders when the view mounts, off the main thread where the driver allows
 * (KHR_parallel_shader_compile), and keeps them linked while runs stream in: without a holder,
 * each redraw of the paths would free and relink them synchronously (hundreds of ms on software GL).
 */
function ShaderWarmup(): ReactElement {
  const { gl, scene, camera } = useThree();
  useEffect(() => {
    void gl.compileAsync(scene, camera);
  }, [gl, scene, camera]);
  return (
    <group scale={1e-6}>
      <PathLines points={WARMUP_PATH} color="#000000" />
      <StartMarker at={WARMUP_PATH[0]} color="#000000" />
      <CurrentMarker at={WARMUP_PATH[0]} color="#000000" />
    </group>
  );
}

/** With frameloop "demand" a frame is drawn only when asked: ask whenever the drawn data changes. */
function RedrawOn({ deps }: { deps: unknown[] }): null {
  const invalidate = useThree((s) => s.invalidate);
  useEffect(() => invalidate(), [invalidate, ...deps]);
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

function ColorBar({ scale }: { scale: LossScale }): ReactElement {
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
}

/** Loss surface over a plane, with each trajectory drawn on it and a marker at `iteration`. */
export function Surface3D({ grid, trajectories, iteration, logScale }: Surface3DProps): ReactElement {
  const scale = useMemo(() => makeLossScale(grid, logScale), [grid, logScale]);
  const map = useMemo(() => boxMapping(grid, scale), [grid, scale]);
  const labels = useMemo(() => tickLabels(grid, map), [grid, map]);
  const overlay = useRef<HTMLDivElement>(null);
  const host = useRef<HTMLDivElement>(null);
  return (
    <div ref={host} data-testid="surface-3d" style={{ display: 'flex', width: '100%', height: '100%', minHeight: 240, background: '#f7f8fa' }}>
      {/* the colour bar sits beside the scene, never over it */}
      <div style={{ position: 'relative', flex: '1 1 auto', minWidth: 0 }}>
      <Canvas
        frameloop="demand"
        dpr={[1, 2]}
        gl={{ preserveDrawingBuffer: true, antialias: true }}
        camera={{ position: CAMERA_POSITION, fov: 38, near: 0.01, far: 100 }}
        onCreated={(state) => {
          // checking shader errors reads the info logs synchronously, a stall of hundreds of ms per
          // program on software GL; the shaders are three's own, so skip the check
          state.gl.debug.checkShaderErrors = false;
        }}
      >
        <color attach="background" args={['#f7f8fa']} />
        <hemisphereLight args={['#ffffff', '#8890a0', 0.9]} />
        <directionalLight position={[3, 5, 2]} intensity={1.6} />
        <directionalLight position={[-3, 2, -2]} intensity={0.4} />
        <group rotation={Z_UP_TO_Y_UP} position={[0, -0.35, 0]}>
          <SurfaceMesh grid={grid} scale={scale} map={map} />
          <FloorFrame />
          <TickAnchors labels={labels} overlay={overlay} />
          <ShaderWarmup />
          {trajectories.map((t) => (
            <TrajectoryPath key={t.name + t.label} traj={t} map={map} iteration={iteration} />
          ))}
        </group>
        <OrbitControls makeDefault target={CAMERA_TARGET} minDistance={1} maxDistance={10} />
        <FitToAspect />
        <RedrawOn deps={[grid, trajectories, iteration, logScale]} />
        <FirstFrameMark host={host} />
      </Canvas>
      <TickOverlay labels={labels} overlay={overlay} />
      </div>
      <ColorBar scale={scale} />
    </div>
  );
}
