import { useState, type ReactElement } from 'react';
import { useAppStore } from '../state/store';
import { download, exportBaseName, surfaceJson, trajectoriesCsv, trajectoriesJson } from './export';
import { RUN_GTOL } from './session';

export function ExportPanel({ canvas }: { canvas: HTMLCanvasElement | null }): ReactElement {
  const hasRun = useAppStore((s) => s.trajectories.some((t) => t.records.length > 0));
  const hasSurface = useAppStore((s) => s.surface !== null);
  const [shared, setShared] = useState<string | null>(null);
  const state = (): ReturnType<typeof useAppStore.getState> => useAppStore.getState();

  const share = async (): Promise<void> => {
    const url = window.location.href;
    setShared(url);
    try {
      await navigator.clipboard.writeText(url);
    } catch {
      // Clipboard access can be refused; the URL is shown for copying by hand.
    }
  };

  return (
    <section className="panel">
      <h2>Export &amp; share</h2>
      <div className="buttons wrap">
        <button
          type="button"
          data-testid="export-json"
          disabled={!hasRun}
          title="Trajectories with problem, optimizer, hyper-parameters, seeds and every record"
          onClick={() => download(`${exportBaseName(state())}-trajectories.json`, trajectoriesJson(state(), RUN_GTOL), 'application/json')}
        >
          JSON
        </button>
        <button
          type="button"
          data-testid="export-csv"
          disabled={!hasRun}
          title="One row per optimizer per step"
          onClick={() => download(`${exportBaseName(state())}-trajectories.csv`, trajectoriesCsv(state()), 'text/csv')}
        >
          CSV
        </button>
        <button
          type="button"
          data-testid="export-surface"
          disabled={!hasSurface}
          title="The loss grid the surface and contours are drawn from"
          onClick={() => {
            const grid = state().surface;
            if (grid) download(`${exportBaseName(state())}-surface.json`, surfaceJson(state(), grid), 'application/json');
          }}
        >
          Surface grid
        </button>
        <button
          type="button"
          data-testid="export-png"
          disabled={!canvas}
          title="PNG of the 3D view"
          onClick={() => canvas?.toBlob((b) => b && download(`${exportBaseName(state())}-surface.png`, b))}
        >
          PNG
        </button>
        <button type="button" data-testid="share-url" onClick={() => void share()}>
          Share URL
        </button>
      </div>
      {shared && (
        <input
          className="share"
          data-testid="share-url-value"
          readOnly
          value={shared}
          onFocus={(e) => e.target.select()}
          aria-label="link to this setup (copied)"
        />
      )}
    </section>
  );
}
