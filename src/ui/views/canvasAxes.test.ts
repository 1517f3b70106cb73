import { describe, expect, it } from 'vitest';
import { drawAxes } from './canvasAxes';

/** Records what is drawn: each fillText with the style it was drawn in, each grid line, the frame. */
function recorder() {
  const calls: { texts: [string, number, number, string][]; lines: [number, number, number, number][]; frame: number[] } = { texts: [], lines: [], frame: [] };
  let from: [number, number] = [0, 0];
  const ctx = {
    font: '',
    fillStyle: '' as string | CanvasGradient | CanvasPattern,
    strokeStyle: '' as string | CanvasGradient | CanvasPattern,
    textAlign: 'start' as CanvasTextAlign,
    textBaseline: 'alphabetic' as CanvasTextBaseline,
    beginPath: () => undefined,
    moveTo: (x: number, y: number) => void (from = [x, y]),
    lineTo: (x: number, y: number) => void calls.lines.push([...from, x, y]),
    stroke: () => undefined,
    fillText(text: string, x: number, y: number) {
      calls.texts.push([text, x, y, `${this.textAlign}/${this.textBaseline}`]);
    },
    strokeRect: (x: number, y: number, w: number, h: number) => void (calls.frame = [x, y, w, h]),
  };
  return { ctx, calls };
}

describe('drawAxes', () => {
  it('draws a full-height line and a label under the frame per x tick, a full-width line and a label left of it per y tick', () => {
    const { ctx, calls } = recorder();
    const box = { left: 30, top: 10, width: 200, height: 100 };
    drawAxes(
      ctx,
      box,
      { values: [0, 1], at: (v) => 30 + 200 * v, label: (v) => `x${v}` },
      { values: [-1, 1], at: (v) => 60 - 50 * v, label: (v) => `1e${v}` },
      { text: '#374151', xLabelGap: 12 },
    );
    expect(calls.lines).toEqual([
      [30, 10, 30, 110],
      [230, 10, 230, 110],
      [30, 110, 230, 110],
      [30, 10, 230, 10],
    ]);
    expect(calls.texts).toEqual([
      ['x0', 30, 122, 'center/top'],
      ['x1', 230, 122, 'center/top'],
      ['1e-1', 26, 110, 'right/middle'],
      ['1e1', 26, 10, 'right/middle'],
    ]);
    expect(calls.frame).toEqual([30, 10, 200, 100]);
    expect(ctx.fillStyle).toBe('#374151');
  });
});
