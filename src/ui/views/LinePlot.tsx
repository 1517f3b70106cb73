import { useEffect, useRef, type ReactElement } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { PlotBand, PlotSeries } from './alignSeries';
import { RateGate } from './boundedRate';
import { ChartColumns } from './chartColumns';
import { hasPositive } from './chartScale';
import { drawMarker, linePlotOptions, type HLine, type Overlay } from './linePlotOptions';
import { OwnTask } from './ownTask';
import './linePlot.css';

export type { PlotBand, PlotSeries } from './alignSeries';
export type { HLine } from './linePlotOptions';

export interface LinePlotProps {
  series: PlotSeries[];
  logY?: boolean;
  xLabel: string;
  yLabel: string;
  /** Horizontal reference lines (e.g. 2/eta), always kept inside the y range. */
  hLines?: HLine[];
  /** x of a vertical marker (e.g. the current iteration); null or absent draws none. */
  vLine?: number | null;
  testId?: string;
  /** Height of the plotting area with its axes, in CSS pixels; the legend goes below it. */
  height?: number;
  /** Filled areas between pairs of series, e.g. an estimate +- 2 standard errors. */
  bands?: PlotBand[];
}

/**
 * Line chart over uPlot: many series with their own x values, optional log y, reference lines.
 * The chart is built once per set of series and axes; new values reach it through setData at a
 * bounded rate (RateGate: at most every 200 ms, or ten times what the last update took), with
 * only the rows that changed re-aligned and re-mapped (ChartColumns), so a streaming run costs
 * the main thread little however often its parent re-renders. Building the chart, aligning new
 * values and drawing them each run in a task of their own (OwnTask), apart from the render that
 * brought them, from each other and from the other charts.
 */
export function LinePlot({ series, logY = false, xLabel, yLabel, hLines = [], vLine = null, testId, height = 220, bands = [] }: LinePlotProps): ReactElement {
  const hostRef = useRef<HTMLDivElement>(null);
  const plotRef = useRef<uPlot | null>(null);
  /** The host's width as its ResizeObserver last reported it (null before the first report). */
  const widthRef = useRef<number | null>(null);
  const markerRef = useRef<HTMLCanvasElement | null>(null);
  const columnsRef = useRef<ChartColumns | null>(null);
  const columns = (columnsRef.current ??= new ChartColumns());
  const latest = useRef({ series, logY });
  latest.current = { series, logY };
  // uPlot plots log10(y) or y in units of its decade on a plain linear scale (chartScale); the overlay draws in the scale of the data drawn
  const overlayRef = useRef<Overlay>({ hLines, vLine, scale: columns.scale });
  overlayRef.current = { hLines, vLine, scale: columns.scale };
  /** The series, axis request and reference lines the chart last drew, and the uPlot it drew them on. */
  const drawn = useRef<{ series: PlotSeries[]; logY: boolean; hKey: string; plot: uPlot } | null>(null);
  const hKey = JSON.stringify(hLines);
  const useLog = logY && hasPositive(series.map((s) => s.y));
  const structure = JSON.stringify([series.map((s) => [s.label, s.color, s.faint]), xLabel, yLabel, height, bands]);

  /** Builds the chart for the newest series set and axes; set by the effect below, run in the chart's own task. */
  const buildRef = useRef<(() => void) | null>(null);
  /** Data aligned and waiting for uPlot, which draws it in the next task: aligning 17 series of 2,000 points and drawing them took one long task together. */
  const pendingRef = useRef<{ plot: uPlot; data: uPlot.AlignedData } | null>(null);
  /**
   * uPlot's set-up of a chart just built (its sizes, scales and first draw), which uPlot lets its
   * caller run later: it runs with the chart's first data, in one draw, instead of drawing empty
   * axes and a legend in the build's task and the data in the next.
   */
  const initRef = useRef<(() => void) | null>(null);
  const paintRef = useRef<OwnTask | null>(null);
  const paint = (paintRef.current ??= new OwnTask(() => {
    const pending = pendingRef.current;
    pendingRef.current = null;
    if (!pending || pending.plot !== plotRef.current) return;
    const { plot, data } = pending;
    const init = initRef.current;
    initRef.current = null;
    // batch: uPlot commits once, inside the call
    plot.batch(() => {
      if (init) {
        init();
        const width = widthRef.current;
        if (width && width !== plot.width) plot.setSize({ width, height: plot.height });
      }
      plot.setData(data);
    });
  }));
  /** Brings the chart to the newest props: the columns that changed, aligned here and drawn by `paint`. */
  const drawRef = useRef<(() => void) | null>(null);
  const draw = (drawRef.current ??= () => {
    const plot = plotRef.current;
    // a chart waiting to be rebuilt for a new series set is drawn right after the build instead
    if (!plot || buildRef.current) return;
    const { series: now, logY: log } = latest.current;
    const data = columns.update(now, log);
    const hLinesKey = JSON.stringify(overlayRef.current.hLines);
    const last = drawn.current;
    const same = !columns.changed && last?.hKey === hLinesKey && last.plot === plot;
    overlayRef.current.scale = columns.scale;
    drawn.current = { series: now, logY: log, hKey: hLinesKey, plot };
    if (same) return;
    pendingRef.current = { plot, data: data as uPlot.AlignedData };
    paint.request();
  });
  const gateRef = useRef<RateGate | null>(null);
  const gate = (gateRef.current ??= new RateGate(draw));
  /** Takes the built chart down (its uPlot and marker). */
  const teardownRef = useRef<(() => void) | null>(null);
  /** A chart just built waits for its data: drawn in the next task without the gate's wait. */
  const freshRef = useRef(false);
  const taskRef = useRef<OwnTask | null>(null);
  const task = (taskRef.current ??= new OwnTask(() => {
    const build = buildRef.current;
    // a chart just mounted is built once its ResizeObserver has reported a width (at the next
    // frame's layout, which the page does anyway), which then asks again: reading clientWidth
    // here instead laid the whole page out inside this task (47 ms in a trace of the spiral network)
    if (build && widthRef.current === null) return;
    if (build) {
      // building (uPlot's DOM, canvas and legend), aligning the data and the first draw are three
      // tasks: at a run's start every chart of the explorer gets new series at once, and each then
      // costs the main thread short tasks instead of all of them one long one in React's passive effects
      buildRef.current = null;
      build();
      task.request();
      return;
    }
    if (!freshRef.current) {
      gate.request();
      return;
    }
    freshRef.current = false;
    gate.cancel();
    draw();
  }));

  useEffect(() => {
    buildRef.current = () => {
      const host = hostRef.current;
      if (!host) return;
      teardownRef.current?.();
      const opts = linePlotOptions({
        width: widthRef.current ?? 0,
        height,
        xLabel,
        yLabel,
        series: latest.current.series,
        bands,
        overlay: () => overlayRef.current,
        marker: () => markerRef.current,
      });
      const marker = document.createElement('canvas');
      marker.className = 'line-plot-marker';
      markerRef.current = marker;
      // built empty and not yet set up (initRef): the series (17 runs of 2,000 points) are aligned
      // in the next task and drawn, with the set-up, in the one after; the marker with them (opts' draw hook)
      const empty: uPlot.AlignedData = [[], ...latest.current.series.map((): number[] => [])];
      const plot = new uPlot(opts, empty, (u, init) => {
        host.appendChild(u.root);
        // typed Function in uPlot's declarations; it takes no arguments (uPlot's _init)
        initRef.current = () => void init();
      });
      plot.over.appendChild(marker);
      plotRef.current = plot;
      freshRef.current = true;
      teardownRef.current = () => {
        gate.cancel();
        initRef.current = null;
        plot.destroy();
        plotRef.current = null;
        markerRef.current = null;
        teardownRef.current = null;
      };
    };
    task.request();
    // rebuilt only when the series set or axes change; new values go through the gate below
  }, [structure]);

  useEffect(() => {
    const host = hostRef.current;
    if (!host) return;
    const resize = new ResizeObserver((entries) => {
      const w = Math.round(entries[entries.length - 1].contentRect.width);
      const first = widthRef.current === null;
      widthRef.current = w;
      if (first && buildRef.current) task.request();
      const plot = plotRef.current;
      // a chart not yet set up takes the newest width when it is
      if (w > 0 && plot && !initRef.current && w !== plot.width) plot.setSize({ width: w, height: plot.height });
    });
    resize.observe(host);
    return () => resize.disconnect();
  }, []);

  useEffect(
    () => () => {
      task.close();
      paint.close();
      buildRef.current = null;
      teardownRef.current?.();
    },
    [task],
  );

  useEffect(() => {
    const last = drawn.current;
    if (last && last.series === series && last.logY === logY && last.hKey === hKey) return;
    task.request();
  }, [series, logY, hKey, task]);

  useEffect(() => {
    if (plotRef.current && markerRef.current && !initRef.current) drawMarker(plotRef.current, markerRef.current, vLine);
  }, [vLine]);

  return <div ref={hostRef} data-testid={testId} data-y-scale={useLog ? 'log' : 'linear'} className="line-plot" style={{ width: '100%', minWidth: 200 }} />;
}
