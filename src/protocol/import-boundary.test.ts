import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve, dirname } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = join(import.meta.dirname, '..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(ts|tsx)$/.test(name) ? [path] : [];
  });
}

/** Every relative import of a file, as a folder under src/ ('ui', 'state', ...). */
function importedFolders(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specs = [...text.matchAll(/(?:from|import)\s*\(?\s*['"](\.[^'"]+)['"]/g)].map((m) => m[1]);
  return specs.map((s) => relative(SRC, resolve(dirname(file), s)).split(/[\\/]/)[0]);
}

/** Folder -> folders it must never import: data flows controls -> store -> controller -> worker -> store -> views. */
const FORBIDDEN: Record<string, string[]> = {
  protocol: ['ui', 'controllers', 'worker', 'view3d', 'App.tsx', 'main.tsx'],
  state: ['ui', 'controllers', 'worker', 'view3d', 'App.tsx', 'main.tsx'],
  worker: ['ui', 'controllers', 'view3d', 'App.tsx', 'main.tsx'],
  controllers: ['ui', 'view3d', 'App.tsx', 'main.tsx'],
};

describe('one-way data flow: import boundaries', () => {
  it('nothing in protocol/, state/, worker/ or controllers/ imports a layer above it', () => {
    const offenders: string[] = [];
    let checked = 0;
    for (const [folder, banned] of Object.entries(FORBIDDEN)) {
      for (const file of sourceFiles(join(SRC, folder))) {
        checked++;
        for (const target of importedFolders(file)) if (banned.includes(target)) offenders.push(`${relative(SRC, file)} imports ${target}/`);
      }
    }
    expect(checked).toBeGreaterThan(30);
    expect(offenders).toEqual([]);
  });

  it('the scan sees a violation when there is one', () => {
    // The regex and path resolution on a known import of this very file's layer: protocol imports state.
    expect(importedFolders(join(SRC, 'protocol', 'backend.ts'))).toContain('state');
  });
});
