/**
 * IDX files (LeCun et al., the MNIST format, used unchanged by Fashion-MNIST: Xiao, Rasul & Vollgraf
 * 2017): a big-endian header, magic 0x00 0x00 <type> <ndims>, then ndims int32 sizes, then the
 * values row-major. Images are ubyte [n, rows, cols] (magic 0x00000803), labels ubyte [n]
 * (0x00000801). Pure: the caller reads the bytes; gzip (`*-ubyte.gz`) is undone with the standard
 * DecompressionStream, present in browsers and Node.
 */

export const IDX_IMAGES_MAGIC = 0x00000803;
export const IDX_LABELS_MAGIC = 0x00000801;
/** Fashion-MNIST's classes: T-shirt/top, trouser, pullover, dress, coat, sandal, shirt, sneaker, bag, ankle boot. */
export const FASHION_CLASSES = 10;

export class IdxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'IdxError';
  }
}

export interface IdxArray {
  dims: number[];
  data: Uint8Array;
}

const hex = (m: number): string => `0x${m.toString(16).padStart(8, '0')}`;

/** Parses an uncompressed IDX ubyte file whose magic must be `magic`; `file` names it in messages. */
export function parseIdx(bytes: Uint8Array, magic: number, file: string): IdxArray {
  if (bytes.length < 4) throw new IdxError(`${file}: ${bytes.length} bytes is too short for an IDX header`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const found = view.getUint32(0);
  if (found !== magic) {
    const kind = magic === IDX_IMAGES_MAGIC ? 'an IDX image file' : 'an IDX label file';
    throw new IdxError(`${file}: magic number ${hex(found)} is not ${kind}'s (${hex(magic)})`);
  }
  const ndims = magic & 0xff;
  const header = 4 + 4 * ndims;
  if (bytes.length < header) throw new IdxError(`${file}: ${bytes.length} bytes is too short for a ${ndims}-dimensional IDX header`);
  const dims = Array.from({ length: ndims }, (_, i) => view.getUint32(4 + 4 * i));
  const count = dims.reduce((a, b) => a * b, 1);
  if (bytes.length - header !== count) {
    throw new IdxError(`${file}: header says ${dims.join(' x ')} = ${count} values, the file holds ${bytes.length - header}`);
  }
  return { dims, data: bytes.subarray(header) };
}

/** Undoes gzip when the bytes start with its magic (0x1f 0x8b); otherwise returns them as they are. */
export async function gunzipIfNeeded(bytes: Uint8Array, file: string): Promise<Uint8Array> {
  if (bytes.length < 2 || bytes[0] !== 0x1f || bytes[1] !== 0x8b) return bytes;
  try {
    const stream = new Blob([bytes as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new DecompressionStream('gzip'));
    return new Uint8Array(await new Response(stream).arrayBuffer());
  } catch (e) {
    throw new IdxError(`${file}: not a readable gzip file (${(e as Error).message})`);
  }
}

export interface ImageSet {
  /** Rows of rows*cols pixels scaled to [0, 1] (pixel / 255), row-major: [H, W, 1] NHWC. */
  X: number[][];
  y: number[];
  inputShape: [number, number, number];
}

export interface ImageSetOptions {
  /** Keep the first `examples` images (all when absent). */
  examples?: number;
  imagesFile?: string;
  labelsFile?: string;
}

/** Pairs an images file with its labels file, checking counts and label range. */
export function imageSet(images: IdxArray, labels: IdxArray, opts: ImageSetOptions = {}): ImageSet {
  const imagesFile = opts.imagesFile ?? 'images';
  const labelsFile = opts.labelsFile ?? 'labels';
  if (images.dims.length !== 3) throw new IdxError(`${imagesFile}: expected [n, rows, cols] images, got ${images.dims.length} dimensions`);
  const [n, H, W] = images.dims;
  if (labels.dims[0] !== n) throw new IdxError(`${labelsFile}: ${labels.dims[0]} labels for the ${n} images of ${imagesFile}`);
  const want = opts.examples ?? n;
  if (!Number.isInteger(want) || want < 1) throw new IdxError(`examples: expected a positive integer, got ${want}`);
  if (want > n) throw new IdxError(`examples: asked for ${want}, ${imagesFile} holds ${n}`);
  const size = H * W;
  const X: number[][] = [];
  const y: number[] = [];
  for (let i = 0; i < want; i++) {
    const label = labels.data[i];
    if (label >= FASHION_CLASSES) throw new IdxError(`${labelsFile}: label ${label} at index ${i} is outside 0..${FASHION_CLASSES - 1}`);
    const row = new Array<number>(size);
    for (let j = 0; j < size; j++) row[j] = images.data[i * size + j] / 255;
    X.push(row);
    y.push(label);
  }
  return { X, y, inputShape: [H, W, 1] };
}
