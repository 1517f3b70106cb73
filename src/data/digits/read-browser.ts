/**
 * The browser's (and worker's) reader of the shipped digits file: Vite serves it as an asset by URL;
 * fetch it and gunzip with DecompressionStream. A server that already sent it with
 * Content-Encoding: gzip hands over plain text, so the gzip magic bytes decide.
 */
import digitsUrl from './digits.csv.gz?url';
import { type Digits, parseDigitsCsv } from '../../core/data/digits';

const GZIP_MAGIC = [0x1f, 0x8b];

let cached: Promise<Digits> | null = null;

/** The file text from its bytes, gzipped or not (exported for the Node test of this path). */
export async function gunzipText(bytes: Uint8Array): Promise<string> {
  if (bytes[0] !== GZIP_MAGIC[0] || bytes[1] !== GZIP_MAGIC[1]) return new TextDecoder().decode(bytes);
  const stream = new Blob([bytes as BlobPart]).stream().pipeThrough(new DecompressionStream('gzip'));
  return new Response(stream).text();
}

/** The 1797 digits, fetched once per page or worker. */
export function fetchDigits(): Promise<Digits> {
  cached ??= (async () => {
    const res = await fetch(digitsUrl);
    if (!res.ok) throw new Error(`digits: ${res.status} ${res.statusText} for ${digitsUrl}`);
    return parseDigitsCsv(await gunzipText(new Uint8Array(await res.arrayBuffer())));
  })().catch((e: unknown) => {
    cached = null;
    throw e;
  });
  return cached;
}
