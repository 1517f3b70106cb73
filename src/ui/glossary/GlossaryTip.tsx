import { useEffect, useId, useRef, useState, type CSSProperties, type ReactElement } from 'react';
import { createPortal } from 'react-dom';
import { glossaryEntry } from '../../core/learn/glossary';
import './glossary.css';

const WIDTH = 320;

/**
 * A focusable "?" beside a quantity: opens what it is, how it is computed here and its cost.
 * The popover is fixed to the viewport and portalled to <body>: scrolling tables and clipped
 * panels do not cut it, no ancestor's transform, filter or containment (each makes a fixed child
 * relative to itself) can move it, and a click in its text does not reach a surrounding label.
 */
export function GlossaryTip({ term }: { term: string }): ReactElement | null {
  const entry = glossaryEntry(term);
  const [place, setPlace] = useState<CSSProperties | null>(null);
  const button = useRef<HTMLButtonElement>(null);
  const pop = useRef<HTMLDivElement>(null);
  const id = useId();

  useEffect(() => {
    if (!place) return;
    const onKey = (e: KeyboardEvent): void => {
      if (e.key === 'Escape') {
        setPlace(null);
        button.current?.focus();
      }
    };
    const onDown = (e: PointerEvent): void => {
      const t = e.target as Node;
      if (!pop.current?.contains(t) && !button.current?.contains(t)) setPlace(null);
    };
    window.addEventListener('keydown', onKey);
    window.addEventListener('pointerdown', onDown);
    return () => {
      window.removeEventListener('keydown', onKey);
      window.removeEventListener('pointerdown', onDown);
    };
  }, [place]);

  if (!entry) return null;
  const toggle = (): void => {
    if (place) return setPlace(null);
    const r = button.current!.getBoundingClientRect();
    const left = Math.max(8, Math.min(r.left, window.innerWidth - WIDTH - 8));
    const below = r.bottom + 6;
    // open upwards when the lower half of the window has no room
    setPlace(below > window.innerHeight * 0.6 ? { left, bottom: window.innerHeight - r.top + 6 } : { left, top: below });
  };
  return (
    <span className="glossary">
      <button
        ref={button}
        type="button"
        className="glossary-q"
        aria-label={`What is ${entry.term}?`}
        aria-expanded={place !== null}
        aria-controls={place ? id : undefined}
        data-testid={`glossary-${entry.id}`}
        onClick={(e) => {
          e.stopPropagation();
          toggle();
        }}
      >
        ?
      </button>
      {place &&
        createPortal(
          <div ref={pop} id={id} role="dialog" aria-label={entry.term} className="glossary-pop" style={{ ...place, width: WIDTH }} data-testid={`glossary-popover-${entry.id}`}>
            <strong>{entry.term}</strong>
            <p>{entry.what}</p>
            <p>
              <em>Here: </em>
              {entry.how}
            </p>
            <p>
              <em>Cost: </em>
              {entry.cost}
            </p>
            {entry.citation && <p className="muted">{entry.citation}</p>}
          </div>,
          document.body,
        )}
    </span>
  );
}
