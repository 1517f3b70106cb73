import type { ReactElement, RefObject } from 'react';
import { download } from '../export';
import { viewToPng, type LegendEntry } from './png';

export interface ExtraExport {
  label: string;
  file: string;
  type: string;
  make(): string;
}

export interface ExportButtonsProps {
  /** data-testid prefix: `${id}-export-json`, `${id}-export-png`. */
  id: string;
  base: string;
  title: string;
  view: RefObject<HTMLElement | null>;
  /** The view's data as a JSON document; null while there is none. */
  json: (() => unknown) | null;
  extra?: ExtraExport[];
  /** File name without extension for JSON and PNG, where `${base}-${id}` would not say enough. */
  fileBase?: string;
  /** Series drawn in the view, listed under it in the PNG. */
  legend?: LegendEntry[];
}

/** JSON and PNG of one view (plus any other formats it has). */
export function ExportButtons({ id, base, title, view, json, extra = [], fileBase = `${base}-${id}`, legend }: ExportButtonsProps): ReactElement {
  const png = async (): Promise<void> => {
    if (!view.current) return;
    const blob = await viewToPng(view.current, title, { legend });
    if (blob) download(`${fileBase}.png`, blob, 'image/png');
  };
  return (
    <span className="net-exports">
      <button
        type="button"
        className="small-button"
        data-testid={`${id}-export-json`}
        disabled={!json}
        onClick={() => json && download(`${fileBase}.json`, JSON.stringify(json(), jsonReplacer, 1), 'application/json')}
      >
        JSON
      </button>
      <button type="button" className="small-button" data-testid={`${id}-export-png`} disabled={!json} onClick={() => void png()}>
        PNG
      </button>
      {extra.map((e) => (
        <button
          key={e.label}
          type="button"
          className="small-button"
          data-testid={`${id}-export-${e.label.toLowerCase()}`}
          disabled={!json}
          onClick={() => download(e.file, e.make(), e.type)}
        >
          {e.label}
        </button>
      ))}
    </span>
  );
}

/** JSON has no Infinity or NaN: they become null (a standard error after one probe, a diverged value). */
function jsonReplacer(_key: string, value: unknown): unknown {
  if (typeof value === 'number' && !Number.isFinite(value)) return null;
  if (value instanceof Float64Array || value instanceof Float32Array) return Array.from(value);
  return value;
}
