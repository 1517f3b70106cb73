/**
 * Uploaded IDX files sorted into a training and a test set: each file's magic number says whether
 * it holds images or labels (the name may be anything a download renamed it to); `t10k` or `test`
 * in a name marks the test files of the standard four. One images + labels pair is split in
 * place: its first `examples` rows train, the rows after them are held out.
 */
import { IDX_IMAGES_MAGIC, IDX_LABELS_MAGIC, type IdxArray, IdxError, type ImageSet, gunzipIfNeeded, imageSet, parseIdx } from './idx';

export interface NamedBytes {
  name: string;
  bytes: Uint8Array;
}

export interface IdxSets {
  train: ImageSet;
  /** Held-out rows: the t10k pair's first `examples`, or a single pair's rows after the training ones; null when none are left. */
  test: ImageSet | null;
}

interface Parsed {
  name: string;
  array: IdxArray;
}

const hex = (m: number): string => `0x${m.toString(16).padStart(8, '0')}`;

async function parseFile(file: NamedBytes): Promise<{ kind: 'images' | 'labels'; parsed: Parsed }> {
  const bytes = await gunzipIfNeeded(file.bytes, file.name);
  if (bytes.length < 4) throw new IdxError(`${file.name}: ${bytes.length} bytes is too short for an IDX header`);
  const magic = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(0);
  if (magic !== IDX_IMAGES_MAGIC && magic !== IDX_LABELS_MAGIC) {
    throw new IdxError(`${file.name}: magic number ${hex(magic)} is neither an IDX image file's (${hex(IDX_IMAGES_MAGIC)}) nor a label file's (${hex(IDX_LABELS_MAGIC)})`);
  }
  return { kind: magic === IDX_IMAGES_MAGIC ? 'images' : 'labels', parsed: { name: file.name, array: parseIdx(bytes, magic, file.name) } };
}

function isTestName(name: string): boolean {
  return /t10k|test/i.test(name);
}

/** The one images and one labels file of a group, or a message naming what is missing. */
function pairOf(files: { kind: 'images' | 'labels'; parsed: Parsed }[], group: string): { images: Parsed; labels: Parsed } {
  const images = files.filter((f) => f.kind === 'images');
  const labels = files.filter((f) => f.kind === 'labels');
  if (images.length !== 1 || labels.length !== 1) {
    const names = files.map((f) => `${f.parsed.name} (${f.kind})`).join(', ');
    throw new IdxError(`IDX files: the ${group} set needs one images and one labels file, got ${names || 'none'}`);
  }
  return { images: images[0].parsed, labels: labels[0].parsed };
}

function set(pair: { images: Parsed; labels: Parsed }, examples: number): ImageSet {
  return imageSet(pair.images.array, pair.labels.array, { examples, imagesFile: pair.images.name, labelsFile: pair.labels.name });
}

/** The rows of an IDX array from `start` on, as an array of their own. */
function rowsFrom(a: IdxArray, start: number): IdxArray {
  const per = a.dims.slice(1).reduce((x, y) => x * y, 1);
  return { dims: [a.dims[0] - start, ...a.dims.slice(1)], data: a.data.subarray(start * per) };
}

/** Reads the four standard files or one pair; throws IdxError naming the file at fault. */
export async function readIdxUpload(files: readonly NamedBytes[], examples: number): Promise<IdxSets> {
  if (files.length !== 2 && files.length !== 4) {
    throw new IdxError(`IDX files: expected the four Fashion-MNIST files or one images + labels pair, got ${files.length} (${files.map((f) => f.name).join(', ')})`);
  }
  const parsed = await Promise.all(files.map(parseFile));
  if (files.length === 4) {
    const train = pairOf(parsed.filter((f) => !isTestName(f.parsed.name)), 'training');
    const held = pairOf(parsed.filter((f) => isTestName(f.parsed.name)), 'test (t10k)');
    const trainSet = set(train, examples);
    const testRows = Math.min(examples, held.images.array.dims[0]);
    return { train: trainSet, test: set(held, testRows) };
  }
  const pair = pairOf(parsed, 'uploaded');
  const trainSet = set(pair, examples);
  // imageSet has checked the counts agree, so the labels hold as many rows as the images
  const left = pair.images.array.dims[0] - examples;
  if (left === 0) return { train: trainSet, test: null };
  const rest = { images: { ...pair.images, array: rowsFrom(pair.images.array, examples) }, labels: { ...pair.labels, array: rowsFrom(pair.labels.array, examples) } };
  return { train: trainSet, test: set(rest, Math.min(examples, left)) };
}
