import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { IDX_IMAGES_MAGIC, IDX_LABELS_MAGIC } from './idx';
import { readIdxUpload } from './idx-upload';
import { idxBytes } from '../../../test/idx-bytes';

/** n 2x2 images whose every pixel is 51 * (i mod 6) (so pixel / 255 = 0.2 * (i mod 6)), labelled i mod 10. */
function pair(n: number, prefix: string): { name: string; bytes: Uint8Array }[] {
  const pixels = Array.from({ length: n }, (_, i) => new Array<number>(4).fill(51 * (i % 6))).flat();
  return [
    { name: `${prefix}-images-idx3-ubyte.gz`, bytes: gzipSync(idxBytes(IDX_IMAGES_MAGIC, [n, 2, 2], pixels)) },
    { name: `${prefix}-labels-idx1-ubyte`, bytes: idxBytes(IDX_LABELS_MAGIC, [n], Array.from({ length: n }, (_, i) => i % 10)) },
  ];
}

describe('uploaded IDX files', () => {
  it('splits one pair: the first examples train, as many after them are held out', async () => {
    const sets = await readIdxUpload(pair(7, 'train'), 3);
    expect(sets.train.y).toEqual([0, 1, 2]);
    expect(sets.test?.y).toEqual([3, 4, 5]);
    expect(sets.test?.X[0]).toEqual([0.6, 0.6, 0.6, 0.6]);
    expect(sets.train.inputShape).toEqual([2, 2, 1]);
    // fewer rows left than examples: all of them
    expect((await readIdxUpload(pair(7, 'train'), 5)).test?.y).toEqual([5, 6]);
    expect((await readIdxUpload(pair(7, 'train'), 7)).test).toBeNull();
  });

  it('sorts the four standard files by magic number and name, whatever order they come in', async () => {
    const [trainImages, trainLabels] = pair(6, 'train');
    const [testImages, testLabels] = pair(4, 't10k');
    const sets = await readIdxUpload([testLabels, trainImages, testImages, trainLabels], 5);
    expect(sets.train.y).toEqual([0, 1, 2, 3, 4]);
    expect(sets.test?.y).toEqual([0, 1, 2, 3]);
  });

  it('names the file at fault: wrong magic, mismatched counts, a missing labels file, a wrong count of files', async () => {
    const [images, labels] = pair(5, 'train');
    const bad = { name: 'notes.txt', bytes: new TextEncoder().encode('hello world') };
    await expect(readIdxUpload([images, bad], 2)).rejects.toThrow(/notes\.txt: magic number 0x68656c6c is neither an IDX image file's \(0x00000803\) nor a label file's \(0x00000801\)/);
    const short = { name: 'train-labels-idx1-ubyte', bytes: idxBytes(IDX_LABELS_MAGIC, [4], [0, 1, 2, 3]) };
    await expect(readIdxUpload([images, short], 2)).rejects.toThrow('train-labels-idx1-ubyte: 4 labels for the 5 images of train-images-idx3-ubyte.gz');
    await expect(readIdxUpload([images, images], 2)).rejects.toThrow(/the uploaded set needs one images and one labels file/);
    await expect(readIdxUpload([images], 2)).rejects.toThrow(/expected the four Fashion-MNIST files or one images \+ labels pair, got 1/);
    await expect(readIdxUpload([images, labels], 9)).rejects.toThrow('examples: asked for 9, train-images-idx3-ubyte.gz holds 5');
  });
});
