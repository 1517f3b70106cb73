/**
 * A view as one PNG: every canvas (uPlot, heat maps, density, the 3-D surface), inline SVG
 * (contours with their axes and colour bar), HTML text label (the 3-D view's ticks and colour-bar
 * ticks) and CSS gradient bar (the 3-D colour bar) inside `host`, drawn at its place on a white
 * page at the device's pixel ratio, with a title above and a legend below.
 */
import { legendLayout, parseGradient, type LegendEntry } from './png-layout';

export type { LegendEntry } from './png-layout';

export interface PngExtras {
  /** One swatch and label per series (optimizer), drawn below the view. */
  legend?: LegendEntry[];
}

const TITLE_HEIGHT = 22;
const LEGEND_FONT = '12px system-ui, sans-serif';

function loadImage(url: string): Promise<HTMLImageElement> {
  return new Promise((resolve, reject) => {
    const img = new Image();
    img.onload = () => resolve(img);
    img.onerror = () => reject(new Error('could not rasterise the SVG'));
    img.src = url;
  });
}

async function svgImage(svg: SVGSVGElement, width: number, height: number): Promise<HTMLImageElement> {
  const copy = svg.cloneNode(true) as SVGSVGElement;
  copy.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  copy.setAttribute('width', String(width));
  copy.setAttribute('height', String(height));
  const text = new XMLSerializer().serializeToString(copy);
  const url = URL.createObjectURL(new Blob([text], { type: 'image/svg+xml' }));
  try {
    return await loadImage(url);
  } finally {
    URL.revokeObjectURL(url);
  }
}

/** HTML elements that hold only text (labels positioned over a canvas), outside any SVG. */
function textLeaves(host: HTMLElement): HTMLElement[] {
  return [...host.querySelectorAll<HTMLElement>('span, div, label')].filter(
    (el) => el.children.length === 0 && (el.textContent ?? '').trim() !== '' && !el.closest('svg, canvas, button, select, figcaption, .glossary, .net-controls, .placeholder'),
  );
}

function drawText(ctx: CanvasRenderingContext2D, el: HTMLElement, x: number, y: number, w: number, h: number): void {
  const style = getComputedStyle(el);
  if (style.visibility === 'hidden' || style.display === 'none') return;
  ctx.save();
  ctx.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
  ctx.fillStyle = style.color;
  ctx.textBaseline = 'middle';
  ctx.textAlign = 'center';
  const text = (el.textContent ?? '').trim();
  if (style.writingMode.startsWith('vertical')) {
    // written bottom to top (vertical-rl rotated by 180°), as the colour bar's caption is
    ctx.translate(x + w / 2, y + h / 2);
    ctx.rotate(-Math.PI / 2);
    ctx.fillText(text, 0, 0);
  } else ctx.fillText(text, x + w / 2, y + h / 2);
  ctx.restore();
}

function drawGradient(ctx: CanvasRenderingContext2D, css: string, x: number, y: number, w: number, h: number): void {
  const g = parseGradient(css);
  if (!g) return;
  const grad =
    g.direction === 'to top'
      ? ctx.createLinearGradient(x, y + h, x, y)
      : g.direction === 'to right'
        ? ctx.createLinearGradient(x, y, x + w, y)
        : g.direction === 'to left'
          ? ctx.createLinearGradient(x + w, y, x, y)
          : ctx.createLinearGradient(x, y, x, y + h);
  for (const s of g.stops) grad.addColorStop(s.offset, s.color);
  ctx.fillStyle = grad;
  ctx.fillRect(x, y, w, h);
}

export async function viewToPng(host: HTMLElement, title?: string, extras: PngExtras = {}): Promise<Blob | null> {
  const box = host.getBoundingClientRect();
  const dpr = window.devicePixelRatio || 1;
  const titleHeight = title ? TITLE_HEIGHT : 0;
  const measure = document.createElement('canvas').getContext('2d');
  if (measure) measure.font = LEGEND_FONT;
  const legend = legendLayout(extras.legend ?? [], box.width, (t) => measure?.measureText(t).width ?? 7 * t.length);
  const out = document.createElement('canvas');
  const height = box.height + titleHeight + legend.height;
  out.width = Math.max(1, Math.round(box.width * dpr));
  out.height = Math.max(1, Math.round(height * dpr));
  const ctx = out.getContext('2d');
  if (!ctx) return null;
  ctx.scale(dpr, dpr);
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, box.width, height);
  if (title) {
    ctx.fillStyle = '#111827';
    ctx.font = '600 13px system-ui, sans-serif';
    ctx.textBaseline = 'top';
    ctx.fillText(title, 6, 4);
  }
  const place = (el: Element): { x: number; y: number; w: number; h: number } => {
    const r = el.getBoundingClientRect();
    return { x: r.left - box.left, y: r.top - box.top + titleHeight, w: r.width, h: r.height };
  };
  const parts = host.querySelectorAll<HTMLCanvasElement | SVGSVGElement>('canvas, svg');
  for (const el of parts) {
    const { x, y, w, h } = place(el);
    if (w === 0 || h === 0 || el.parentElement?.closest('canvas, svg') || el.closest('.glossary')) continue;
    if (el instanceof HTMLCanvasElement) ctx.drawImage(el, x, y, w, h);
    else ctx.drawImage(await svgImage(el, w, h), x, y, w, h);
  }
  for (const el of host.querySelectorAll<HTMLElement>('div, span')) {
    const bg = getComputedStyle(el).backgroundImage;
    if (!bg.includes('linear-gradient')) continue;
    const { x, y, w, h } = place(el);
    drawGradient(ctx, bg, x, y, w, h);
  }
  for (const el of textLeaves(host)) {
    const { x, y, w, h } = place(el);
    if (w > 0 && h > 0) drawText(ctx, el, x, y, w, h);
  }
  ctx.font = LEGEND_FONT;
  ctx.textBaseline = 'middle';
  for (const item of legend.items) {
    const y = titleHeight + box.height + item.y;
    ctx.strokeStyle = item.color;
    ctx.lineWidth = 3;
    ctx.beginPath();
    ctx.moveTo(item.x, y);
    ctx.lineTo(item.x + legend.swatch, y);
    ctx.stroke();
    ctx.fillStyle = '#111827';
    ctx.fillText(item.label, item.x + legend.swatch + 5, y);
  }
  return new Promise((resolve) => out.toBlob(resolve, 'image/png'));
}
