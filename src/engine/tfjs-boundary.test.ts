import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = join(import.meta.dirname, '..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(ts|tsx)$/.test(name) ? [path] : [];
  });
}

/** DESIGN.md: TF.js lives only behind src/engine; everything else reaches it through engine exports. */
describe('TF.js boundary', () => {
  it('no file outside src/engine imports a @tensorflow package', () => {
    const files = sourceFiles(SRC);
    expect(files.length).toBeGreaterThan(50);
    const offenders = files
      .filter((f) => !relative(SRC, f).startsWith('engine/'))
      .filter((f) => /from\s+['"]@tensorflow\/|import\(\s*['"]@tensorflow\//.test(readFileSync(f, 'utf8')))
      .map((f) => relative(SRC, f));
    expect(offenders).toEqual([]);
  });
});
