/**
 * A view as one PNG: every canvas (uPlot, heat maps, density) and inline SVG (contours) inside
 * `host`, drawn at its place on a white page at the device's pixel ratio.
 */
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

export async function viewToPng(host: HTMLElement, title?: string): Promise<Blob | null> {
  const box = host.getBoundingClientRect();
  const dpr = window.devicePixelRatio || 1;
  const titleHeight = title ? 22 : 0;
  const out = document.createElement('canvas');
  out.width = Math.max(1, Math.round(box.width * dpr));
  out.height = Math.max(1, Math.round((box.height + titleHeight) * dpr));
  const ctx = out.getContext('2d');
  if (!ctx) return null;
  ctx.scale(dpr, dpr);
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, box.width, box.height + titleHeight);
  if (title) {
    ctx.fillStyle = '#111827';
    ctx.font = '600 13px system-ui, sans-serif';
    ctx.textBaseline = 'top';
    ctx.fillText(title, 6, 4);
  }
  const parts = host.querySelectorAll<HTMLCanvasElement | SVGSVGElement>('canvas, svg');
  for (const el of parts) {
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.height === 0 || el.closest('canvas, svg') !== el) continue;
    const x = r.left - box.left;
    const y = r.top - box.top + titleHeight;
    if (el instanceof HTMLCanvasElement) ctx.drawImage(el, x, y, r.width, r.height);
    else ctx.drawImage(await svgImage(el, r.width, r.height), x, y, r.width, r.height);
  }
  return new Promise((resolve) => out.toBlob(resolve, 'image/png'));
}
