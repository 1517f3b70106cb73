import { useEffect, useRef, type ReactElement } from 'react';

const TURN: Keyframe[] = [{ transform: 'rotate(0deg)' }, { transform: 'rotate(360deg)' }];

/**
 * The busy spinner, turned by the Web Animations API instead of a CSS animation. Both rotate by
 * transform alone and run on the compositor, but a CSS animation fires `animationiteration` on
 * the document, where React listens for it: Chromium then wakes the main thread for a full frame
 * (style, layout, paint) every turn, which on a loaded machine made many of the long tasks seen
 * while a network trained. An element.animate() animation fires no DOM events.
 */
export function Spinner({ label }: { label?: string }): ReactElement {
  const ref = useRef<HTMLSpanElement>(null);
  useEffect(() => {
    const turn = ref.current?.animate?.(TURN, { duration: 800, iterations: Infinity });
    return () => turn?.cancel();
  }, []);
  return <span ref={ref} className="spinner" aria-label={label} />;
}
