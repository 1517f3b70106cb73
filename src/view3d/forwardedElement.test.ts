import { describe, expect, it } from 'vitest';
import { PerspectiveCamera } from 'three';
import { OrbitControls } from 'three-stdlib';
import { type EventFields, ForwardedElement } from './forwardedElement';

function fields(type: string, x: number, y: number, extra: Partial<EventFields> = {}): EventFields {
  return { type, pointerId: 1, pointerType: 'mouse', button: 0, buttons: type === 'pointerup' ? 0 : 1, clientX: x, clientY: y, pageX: x, pageY: y, offsetX: x, offsetY: y, deltaX: 0, deltaY: 0, deltaMode: 0, ctrlKey: false, metaKey: false, shiftKey: false, altKey: false, ...extra };
}

/** A camera 5 from the origin on +z, orbited by three's OrbitControls listening on a 400 x 400 forwarded element. */
function orbit(): { camera: PerspectiveCamera; element: ForwardedElement; controls: OrbitControls } {
  const camera = new PerspectiveCamera(38, 1, 0.01, 100);
  camera.position.set(0, 0, 5);
  const element = new ForwardedElement();
  element.resize(400, 400);
  const controls = new OrbitControls(camera, element as unknown as HTMLElement);
  controls.update();
  return { camera, element, controls };
}

describe('camera input forwarded to the 3-D view worker', () => {
  it('a drag a quarter of the height wide turns the camera a quarter turn about the target', () => {
    const { camera, element, controls } = orbit();
    element.dispatch(fields('pointerdown', 100, 200));
    // OrbitControls turns by 2 pi dx / clientHeight: 100 / 400 of a full turn, to the camera's left
    element.dispatch(fields('pointermove', 200, 200));
    element.dispatch(fields('pointerup', 200, 200));
    controls.update();
    expect(camera.position.x).toBeCloseTo(-5, 6);
    expect(camera.position.y).toBeCloseTo(0, 6);
    expect(camera.position.z).toBeCloseTo(0, 6);
    // after the release, moves without a press turn nothing
    element.dispatch(fields('pointermove', 300, 200, { buttons: 0 }));
    controls.update();
    expect(camera.position.x).toBeCloseTo(-5, 6);
  });

  it('a wheel step away from the user moves the camera back by OrbitControls\' zoom step (0.95 at zoom speed 1)', () => {
    const { camera, element, controls } = orbit();
    element.dispatch(fields('wheel', 200, 200, { deltaY: 100, buttons: 0 }));
    controls.update();
    expect(camera.position.z).toBeCloseTo(5 / 0.95, 6);
  });

  it('a listener removed hears nothing more', () => {
    const element = new ForwardedElement();
    const heard: string[] = [];
    const listener = (e: EventFields): void => void heard.push(e.type);
    element.addEventListener('pointerdown', listener);
    element.dispatch(fields('pointerdown', 0, 0));
    element.removeEventListener('pointerdown', listener);
    element.dispatch(fields('pointerdown', 0, 0));
    expect(heard).toEqual(['pointerdown']);
  });
});
