import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { gunzipText } from './read-browser';
import { DIGITS_FILE } from './read-node';

describe('browser digits reader', () => {
  const bytes = new Uint8Array(readFileSync(DIGITS_FILE));
  const plain = gunzipSync(bytes).toString('utf8');

  it('gunzips with DecompressionStream to the text zlib gives', async () => {
    expect(await gunzipText(bytes)).toBe(plain);
  });

  it('passes through text a server already decoded (Content-Encoding: gzip)', async () => {
    expect(await gunzipText(new TextEncoder().encode(plain))).toBe(plain);
  });
});
