import type { ReactElement } from 'react';
import { useAppStore } from '../../state/store';

/** Explorer / Network switch, offered while a network problem is loaded. */
export function ModeTabs(): ReactElement | null {
  const network = useAppStore((s) => s.problemInfo?.network ?? false);
  const mode = useAppStore((s) => s.mode);
  const setMode = useAppStore((s) => s.setMode);
  if (!network) return null;
  return (
    <div className="mode-tabs" role="tablist" aria-label="mode">
      {(['explorer', 'network'] as const).map((m) => (
        <button key={m} type="button" role="tab" aria-selected={mode === m} data-testid={`mode-${m}`} className={mode === m ? 'on' : ''} onClick={() => setMode(m)}>
          {m === 'explorer' ? 'Optimizers (2-D plane)' : 'Network: landscape & curvature'}
        </button>
      ))}
    </div>
  );
}

/** Whether the Network mode is what the page shows now. */
export function useNetworkMode(): boolean {
  return useAppStore((s) => s.mode === 'network' && (s.problemInfo?.network ?? false));
}
