import type { ReactElement } from 'react';
import { useAppStore } from '../../state/store';

/** The top bar's "Learn" tab: opens the chapters beside the figures. */
export function LearnToggle(): ReactElement {
  const open = useAppStore((s) => s.learnOpen);
  const setOpen = useAppStore((s) => s.setLearnOpen);
  return (
    <button type="button" className={`learn-tab${open ? ' on' : ''}`} aria-pressed={open} data-testid="learn-tab" onClick={() => setOpen(!open)}>
      Learn
    </button>
  );
}
