import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { IDX_IMAGES_MAGIC, IDX_LABELS_MAGIC, IdxError, gunzipIfNeeded, imageSet, parseIdx } from './idx';
import { idxBytes } from '../../../test/idx-bytes';

// Two 2x3 images and their labels.
const PIXELS = [0, 51, 102, 153, 204, 255, 255, 0, 0, 0, 0, 255];
const images = idxBytes(IDX_IMAGES_MAGIC, [2, 2, 3], PIXELS);
const labels = idxBytes(IDX_LABELS_MAGIC, [2], [9, 3]);

describe('IDX files', () => {
  it('reads images and labels, pixels over 255 in NHWC rows', () => {
    const set = imageSet(parseIdx(images, IDX_IMAGES_MAGIC, 'img'), parseIdx(labels, IDX_LABELS_MAGIC, 'lab'));
    expect(set.inputShape).toEqual([2, 3, 1]);
    expect(set.y).toEqual([9, 3]);
    expect(set.X[0]).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
    expect(set.X[1]).toEqual([1, 0, 0, 0, 0, 1]);
    expect(imageSet(parseIdx(images, IDX_IMAGES_MAGIC, 'img'), parseIdx(labels, IDX_LABELS_MAGIC, 'lab'), { examples: 1 }).y).toEqual([9]);
  });

  it('undoes gzip and leaves plain bytes alone', async () => {
    expect(Array.from(await gunzipIfNeeded(new Uint8Array(gzipSync(images)), 'img.gz'))).toEqual(Array.from(images));
    expect(await gunzipIfNeeded(images, 'img')).toBe(images);
  });

  it('names the file with a wrong magic number, a short body, mismatched counts or a bad label', async () => {
    expect(() => parseIdx(labels, IDX_IMAGES_MAGIC, 'train-labels-idx1-ubyte')).toThrow(
      "train-labels-idx1-ubyte: magic number 0x00000801 is not an IDX image file's (0x00000803)",
    );
    expect(() => parseIdx(images.subarray(0, images.length - 1), IDX_IMAGES_MAGIC, 'img')).toThrow('img: header says 2 x 2 x 3 = 12 values, the file holds 11');
    const three = parseIdx(idxBytes(IDX_LABELS_MAGIC, [3], [1, 2, 3]), IDX_LABELS_MAGIC, 'lab3');
    expect(() => imageSet(parseIdx(images, IDX_IMAGES_MAGIC, 'img'), three, { imagesFile: 'img', labelsFile: 'lab3' })).toThrow('lab3: 3 labels for the 2 images of img');
    const bad = parseIdx(idxBytes(IDX_LABELS_MAGIC, [2], [1, 12]), IDX_LABELS_MAGIC, 'lab');
    expect(() => imageSet(parseIdx(images, IDX_IMAGES_MAGIC, 'img'), bad, { labelsFile: 'lab' })).toThrow('lab: label 12 at index 1 is outside 0..9');
    expect(() => imageSet(parseIdx(images, IDX_IMAGES_MAGIC, 'img'), parseIdx(labels, IDX_LABELS_MAGIC, 'lab'), { examples: 5, imagesFile: 'img' })).toThrow(
      'examples: asked for 5, img holds 2',
    );
    expect(() => parseIdx(new Uint8Array([0, 0]), IDX_LABELS_MAGIC, 'tiny')).toThrow(IdxError);
    await expect(gunzipIfNeeded(new Uint8Array([0x1f, 0x8b, 1, 2, 3]), 'broken.gz')).rejects.toThrow(/^broken.gz: not a readable gzip file/);
  });
});
