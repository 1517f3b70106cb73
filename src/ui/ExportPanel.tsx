import { useState, type ReactElement } from 'react';
import { useAppStore } from '../state/store';
import { download, explorerSurfaceName, exportBaseName, gridCsv, surfaceJson, trajectoriesCsv, trajectoriesJson } from './export';
import { viewToPng } from './network/png';
import { flushLink, RUN_GTOL } from '../controllers/intents';
import { colorOf } from './trajectory-views';

export function ExportPanel({ views }: { views: HTMLElement | null }): ReactElement {
  const hasRun = useAppStore((s) => s.trajectories.some((t) => t.records.length > 0));
  const hasSurface = useAppStore((s) => s.surface !== null);
  const [shared, setShared] = useState<string | null>(null);
  const state = (): ReturnType<typeof useAppStore.getState> => useAppStore.getState();

  /** Both surface views as drawn (3-D with its ticks and colour bar, contours with axes and colour bar) and a legend of the runs. */
  const png = async (): Promise<void> => {
    if (!views) return;
    // until the 3-D view is created (a click on software GL) the PNG holds the contour view alone
    const host = views.querySelector('[data-testid=surface-3d] canvas') ? views : (views.querySelector<HTMLElement>('[data-view=contours]') ?? views);
    const s = state();
    const runs = s.trajectories.length ? `, iteration ${s.iteration}` : '';
    // the legend is read when the PNG is made: the panel does not follow the run's records
    const legend = s.trajectories.filter((t) => t.records.length > 0).map((t) => ({ label: t.label, color: colorOf(t.entry) }));
    const blob = await viewToPng(host, `Loss surface: ${s.problemInfo?.label ?? ''}${runs}`, { legend });
    if (blob) download(explorerSurfaceName(s.setup.problem, 'png'), blob, 'image/png');
  };

  const share = async (): Promise<void> => {
    flushLink();
    const url = window.location.href;
    setShared(url);
    try {
      await navigator.clipboard.writeText(url);
    } catch {
      // Clipboard access can be refused; the URL is shown for copying by hand.
    }
  };

  return (
    <section className="panel export">
      <h2>Export &amp; share</h2>
      <div className="buttons wrap">
        <button
          type="button"
          data-testid="export-json"
          disabled={!hasRun}
          title="Trajectories with problem, optimizer, hyper-parameters, seeds and every record"
          onClick={() => {
            // the export records the link, which must hold the latest setup
            flushLink();
            download(`${exportBaseName(state())}-trajectories.json`, trajectoriesJson(state(), RUN_GTOL), 'application/json');
          }}
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
            if (grid) download(explorerSurfaceName(state().setup.problem, 'json'), surfaceJson(state(), grid), 'application/json');
          }}
        >
          Surface grid
        </button>
        <button
          type="button"
          data-testid="export-surface-csv"
          disabled={!hasSurface}
          title="The loss grid as CSV: one row per grid point"
          onClick={() => {
            const grid = state().surface;
            if (grid) download(explorerSurfaceName(state().setup.problem, 'csv'), gridCsv(grid, state().problemInfo?.network ?? false), 'text/csv');
          }}
        >
          Surface CSV
        </button>
        <button
          type="button"
          data-testid="export-png"
          disabled={!views || !hasSurface}
          title="PNG of the 3-D surface (once shown) and the contours, with axes, colour bar and a legend of the runs"
          onClick={() => void png()}
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
