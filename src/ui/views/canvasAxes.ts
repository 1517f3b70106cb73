/** Grid lines, tick labels and the frame of a hand-drawn canvas plot (the density and dataset previews). */

export interface PlotBox {
  left: number;
  top: number;
  width: number;
  height: number;
}

export interface AxisTicks {
  values: readonly number[];
  /** Canvas coordinate of a value. */
  at(v: number): number;
  label(v: number): string;
}

export interface FrameStyle {
  text: string;
  /** Gap between the frame's bottom and the x labels' tops. */
  xLabelGap: number;
}

type AxesContext = Pick<CanvasRenderingContext2D, 'beginPath' | 'moveTo' | 'lineTo' | 'stroke' | 'fillText' | 'strokeRect'> &
  Pick<CanvasRenderingContext2D, 'font' | 'fillStyle' | 'strokeStyle' | 'textAlign' | 'textBaseline'>;

export function drawAxes(ctx: AxesContext, box: PlotBox, x: AxisTicks, y: AxisTicks, style: FrameStyle): void {
  const { left, top, width, height } = box;
  ctx.font = '10px system-ui, sans-serif';
  ctx.fillStyle = style.text;
  ctx.strokeStyle = 'rgba(0,0,0,0.07)';
  ctx.textAlign = 'center';
  ctx.textBaseline = 'top';
  for (const t of x.values) {
    ctx.beginPath();
    ctx.moveTo(x.at(t), top);
    ctx.lineTo(x.at(t), top + height);
    ctx.stroke();
    ctx.fillText(x.label(t), x.at(t), top + height + style.xLabelGap);
  }
  ctx.textAlign = 'right';
  ctx.textBaseline = 'middle';
  for (const t of y.values) {
    ctx.beginPath();
    ctx.moveTo(left, y.at(t));
    ctx.lineTo(left + width, y.at(t));
    ctx.stroke();
    ctx.fillText(y.label(t), left - 4, y.at(t));
  }
  ctx.strokeStyle = '#9ca3af';
  ctx.strokeRect(left, top, width, height);
}
