/**
 * The 3-D scene drawn on the page's own thread, where no canvas can be handed to a worker
 * (sceneLink.ts canDrawInWorker) or the worker could not draw. A chunk of its own: where the worker
 * draws, the page never loads three.
 */
import { memo, type ReactElement } from 'react';
import { Canvas } from '@react-three/fiber';
import { onSceneCreated, SCENE_CAMERA, sceneGl, SurfaceScene, type SceneProps } from './SurfaceScene';

export const MainThreadCanvas = memo(function MainThreadCanvas(props: SceneProps): ReactElement {
  return (
    <Canvas frameloop="demand" dpr={[1, 2]} gl={sceneGl(props.style)} camera={SCENE_CAMERA} onCreated={onSceneCreated}>
      <SurfaceScene {...props} />
    </Canvas>
  );
});
