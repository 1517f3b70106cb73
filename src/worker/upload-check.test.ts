import { describe, expect, it } from 'vitest';
import { checkUpload } from './upload-check';

describe('uploads parsed before anything is built', () => {
  it('a good CSV passes; a bad cell and a broken problem file are named in one line', () => {
    expect(checkUpload({ source: 'csv', name: 'ok.csv', text: 'a,b,y\n0,1,0\n1,0,1\n' })).toEqual({ ok: true });
    const bad = checkUpload({ source: 'csv', name: 'bad.csv', text: 'a,b,y\n0.1,0.2,0\n0.3,oops,1\n' });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error).toMatch(/line 3/);
    const file = checkUpload({ source: 'problem-file', name: 'p.json', text: JSON.stringify({ name: 'broken', layers: [2, 'four', 1] }) });
    expect(file.ok).toBe(false);
    if (!file.ok) {
      expect(file.error).toMatch(/layers/);
      expect(file.error).not.toContain('\n');
    }
  });
});
