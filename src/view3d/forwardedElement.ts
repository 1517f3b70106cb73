/**
 * Camera input for a scene drawn in a worker. The page listens on the canvas and posts each event's
 * plain fields (eventFields); in the worker a ForwardedElement stands in for the canvas and its
 * document, so three's OrbitControls (which listens on its element and, during a drag, on the
 * element's ownerDocument) handles them as on the main thread. The page captures the pointer and
 * cancels the wheel's scrolling and the context menu itself, since a worker cannot.
 */

/** The events OrbitControls listens to, with whether the page must cancel their default action. */
export const FORWARDED_EVENTS: readonly (readonly [type: string, cancel: boolean])[] = [
  ['pointerdown', false],
  ['pointermove', false],
  ['pointerup', false],
  ['pointercancel', false],
  ['wheel', true],
  ['contextmenu', true],
];

/** What a forwarded event carries: the fields OrbitControls reads, offsets relative to the canvas. */
export interface EventFields {
  type: string;
  pointerId: number;
  pointerType: string;
  button: number;
  buttons: number;
  clientX: number;
  clientY: number;
  pageX: number;
  pageY: number;
  offsetX: number;
  offsetY: number;
  deltaX: number;
  deltaY: number;
  deltaMode: number;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
}

/** The fields of a pointer, wheel or mouse event, for postMessage. */
export function eventFields(e: MouseEvent): EventFields {
  const pointer = e as Partial<PointerEvent>;
  const wheel = e as Partial<WheelEvent>;
  return {
    type: e.type,
    pointerId: pointer.pointerId ?? 0,
    pointerType: pointer.pointerType ?? 'mouse',
    button: e.button,
    buttons: e.buttons,
    clientX: e.clientX,
    clientY: e.clientY,
    pageX: e.pageX,
    pageY: e.pageY,
    offsetX: e.offsetX,
    offsetY: e.offsetY,
    deltaX: wheel.deltaX ?? 0,
    deltaY: wheel.deltaY ?? 0,
    deltaMode: wheel.deltaMode ?? 0,
    ctrlKey: e.ctrlKey,
    metaKey: e.metaKey,
    shiftKey: e.shiftKey,
    altKey: e.altKey,
  };
}

type Listener = (event: EventFields & { preventDefault(): void; stopPropagation(): void }) => void;

/** The canvas as the worker's OrbitControls sees it: a size, listeners, and itself as its document. */
export class ForwardedElement {
  clientWidth = 0;
  clientHeight = 0;
  readonly style: Record<string, string> = {};
  private readonly listeners = new Map<string, Set<Listener>>();

  get ownerDocument(): ForwardedElement {
    return this;
  }

  resize(width: number, height: number): void {
    this.clientWidth = width;
    this.clientHeight = height;
  }

  getBoundingClientRect(): { left: number; top: number; width: number; height: number; right: number; bottom: number; x: number; y: number } {
    return { left: 0, top: 0, x: 0, y: 0, width: this.clientWidth, height: this.clientHeight, right: this.clientWidth, bottom: this.clientHeight };
  }

  addEventListener(type: string, listener: Listener): void {
    let set = this.listeners.get(type);
    if (!set) this.listeners.set(type, (set = new Set()));
    set.add(listener);
  }

  removeEventListener(type: string, listener: Listener): void {
    this.listeners.get(type)?.delete(listener);
  }

  /** The page's capture stands for this one (see the header). */
  setPointerCapture(): void {}

  releasePointerCapture(): void {}

  hasPointerCapture(): boolean {
    return false;
  }

  focus(): void {}

  /** Hands a forwarded event to this element's listeners. */
  dispatch(fields: EventFields): void {
    const event = { ...fields, preventDefault(): void {}, stopPropagation(): void {} };
    for (const listener of [...(this.listeners.get(fields.type) ?? [])]) listener(event);
  }
}
