/** A small line/point plot on a canvas (the PNG export rasterises canvases), linear or log axes. */
import { useEffect, useRef, type ReactElement } from 'react';

export interface PlotSeries {
  label: string;
  color: string;
  points: [number, number][];
  dashed?: boolean;
  /** Draw points only, no line. */
  scatter?: boolean;
}

export interface PlotSpec {
  title: string;
  xLabel: string;
  yLabel: string;
  logX?: boolean;
  logY?: boolean;
  series: PlotSeries[];
}

const W = 460;
const H = 260;
const PAD = { l: 56, r: 12, t: 10, b: 38 };

function ticks(lo: number, hi: number, log: boolean): number[] {
  if (log) {
    const out: number[] = [];
    for (let e = Math.floor(Math.log10(lo)); e <= Math.ceil(Math.log10(hi)); e++) out.push(10 ** e);
    return out.filter((t) => t >= lo * 0.999 && t <= hi * 1.001);
  }
  const step = 10 ** Math.floor(Math.log10((hi - lo) / 4 || 1));
  const nice = [1, 2, 5, 10].map((m) => m * step).find((s) => (hi - lo) / s <= 6) ?? step * 10;
  const out: number[] = [];
  for (let t = Math.ceil(lo / nice) * nice; t <= hi + 1e-12; t += nice) out.push(t);
  return out;
}

function label(v: number): string {
  return Math.abs(v) >= 1e4 || (Math.abs(v) < 1e-2 && v !== 0) ? v.toExponential(0) : String(Number(v.toPrecision(3)));
}

export function SeriesPlot({ spec, testId }: { spec: PlotSpec; testId: string }): ReactElement {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const c = ref.current;
    if (!c) return;
    const dpr = window.devicePixelRatio || 1;
    c.width = W * dpr;
    c.height = H * dpr;
    const g = c.getContext('2d');
    if (!g) return;
    g.scale(dpr, dpr);
    g.fillStyle = '#fff';
    g.fillRect(0, 0, W, H);
    const pts = spec.series.flatMap((s) => s.points).filter(([x, y]) => Number.isFinite(x) && Number.isFinite(y) && (!spec.logX || x > 0) && (!spec.logY || y > 0));
    if (pts.length === 0) return;
    const tx = (v: number): number => (spec.logX ? Math.log10(v) : v);
    const ty = (v: number): number => (spec.logY ? Math.log10(v) : v);
    let [x0, x1] = [Math.min(...pts.map((p) => tx(p[0]))), Math.max(...pts.map((p) => tx(p[0])))];
    let [y0, y1] = [Math.min(...pts.map((p) => ty(p[1]))), Math.max(...pts.map((p) => ty(p[1])))];
    if (x1 === x0) [x0, x1] = [x0 - 1, x1 + 1];
    if (y1 === y0) [y0, y1] = [y0 - 1, y1 + 1];
    const ypad = 0.05 * (y1 - y0);
    [y0, y1] = [y0 - ypad, y1 + ypad];
    const px = (v: number): number => PAD.l + ((tx(v) - x0) / (x1 - x0)) * (W - PAD.l - PAD.r);
    const py = (v: number): number => H - PAD.b - ((ty(v) - y0) / (y1 - y0)) * (H - PAD.t - PAD.b);
    g.strokeStyle = '#888';
    g.fillStyle = '#333';
    g.font = '11px system-ui, sans-serif';
    g.lineWidth = 1;
    g.strokeRect(PAD.l, PAD.t, W - PAD.l - PAD.r, H - PAD.t - PAD.b);
    const un = (v: number, log?: boolean): number => (log ? 10 ** v : v);
    g.textAlign = 'center';
    for (const t of ticks(un(x0, spec.logX), un(x1, spec.logX), !!spec.logX)) g.fillText(label(t), px(t), H - PAD.b + 14);
    g.textAlign = 'right';
    for (const t of ticks(un(y0, spec.logY), un(y1, spec.logY), !!spec.logY)) g.fillText(label(t), PAD.l - 4, py(t) + 4);
    g.textAlign = 'center';
    g.fillText(spec.xLabel, (PAD.l + W - PAD.r) / 2, H - 6);
    g.save();
    g.translate(12, (PAD.t + H - PAD.b) / 2);
    g.rotate(-Math.PI / 2);
    g.fillText(spec.yLabel, 0, 0);
    g.restore();
    g.save();
    g.beginPath();
    g.rect(PAD.l, PAD.t, W - PAD.l - PAD.r, H - PAD.t - PAD.b);
    g.clip();
    for (const s of spec.series) {
      const ok = s.points.filter(([x, y]) => Number.isFinite(x) && Number.isFinite(y) && (!spec.logX || x > 0) && (!spec.logY || y > 0));
      g.strokeStyle = s.color;
      g.fillStyle = s.color;
      g.setLineDash(s.dashed ? [5, 4] : []);
      g.lineWidth = 1.5;
      if (s.scatter) {
        for (const [x, y] of ok) g.fillRect(px(x) - 2, py(y) - 2, 4, 4);
        continue;
      }
      g.beginPath();
      ok.forEach(([x, y], i) => (i === 0 ? g.moveTo(px(x), py(y)) : g.lineTo(px(x), py(y))));
      g.stroke();
    }
    g.restore();
  }, [spec]);
  return (
    <figure className="study-plot">
      <figcaption>{spec.title}</figcaption>
      <canvas ref={ref} style={{ width: W, height: H }} data-testid={testId} />
      <div className="study-legend">
        {spec.series
          .filter((s) => !s.label.startsWith('_'))
          .map((s) => (
            <span key={s.label}>
              <i style={{ background: s.color, opacity: s.dashed ? 0.6 : 1 }} /> {s.label}
            </span>
          ))}
      </div>
    </figure>
  );
}
