/**
 * A line chart's uPlot columns kept from one update to the next: a series that grew re-aligns
 * and re-maps only its new tail (realignTail), and the arrays uPlot holds are updated in place
 * instead of rebuilt, so a streaming run costs each update about what it added.
 */
import { alignSeries, realignTail, snapshotOf, type AlignedColumns, type PlotSeries, type SeriesSnapshot } from './alignSeries';
import { chartYScale, type ChartYScale } from './chartScale';

/** What uPlot draws: x, then each series' y in plotted units (chartScale), null where there is no point. */
export type PlottedColumns = [number[], ...(number | null)[][]];

export class ChartColumns {
  private before: SeriesSnapshot[] | null = null;
  private log = false;
  private aligned: AlignedColumns = [[]];
  private plotted: (number | null)[][] = [];
  private scaleKey = '';
  /** The scale of the columns last returned. */
  scale: ChartYScale = chartYScale([], false);
  /** Whether the last update changed any column (false: what is drawn already shows it). */
  changed = true;

  /** The columns for `series`; the arrays are the previous call's, changed in place where they can be. */
  update(series: readonly PlotSeries[], logRequested: boolean): PlottedColumns {
    const scale = chartYScale(
      series.map((s) => s.y),
      logRequested,
    );
    let from = 0;
    if (this.before !== null && this.before.length === series.length && this.log === scale.log) {
      from = realignTail(this.aligned, this.before, series, scale.log);
    } else {
      this.aligned = alignSeries(series, scale.log);
      this.plotted = series.map(() => []);
    }
    if (scale.key !== this.scaleKey) from = 0;
    const rows = this.aligned[0].length;
    this.changed = from < rows || this.plotted.some((col) => col.length !== rows);
    for (let i = 0; i < series.length; i++) {
      const raw = this.aligned[i + 1];
      const col = this.plotted[i];
      col.length = Math.min(col.length, from);
      for (let k = col.length; k < rows; k++) {
        const v = raw[k];
        col.push(v === null ? null : scale.forward(v));
      }
    }
    this.before = series.map(snapshotOf);
    this.log = scale.log;
    this.scaleKey = scale.key;
    this.scale = scale;
    return [this.aligned[0], ...this.plotted];
  }
}
