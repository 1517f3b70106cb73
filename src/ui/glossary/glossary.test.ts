import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { GLOSSARY } from '../../core/learn/glossary';
import { LABELLED } from './labelled';

const ROOT = join(__dirname, '..', '..', '..');

/** The quantities issue 9 names: each needs an entry. */
const REQUIRED = ['lambda-max', 'lambda-min', 'two-over-eta', 'trace', 'slq-density', 'hvp', 'condition-number', 'gradient-norm', 'sharpness', 'filter-normalised'];

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return sources(p);
    return /\.tsx$/.test(name) ? [p] : [];
  });
}

/** Terms given to a tip or a row of terms in a source file. */
function tipsIn(text: string): string[] {
  const single = [...text.matchAll(/<GlossaryTip term="([^"]+)"/g)].map((m) => m[1]);
  const rows = [...text.matchAll(/<GlossaryTerms terms=\{\[([^\]]*)\]\}/g)].flatMap((m) => [...m[1].matchAll(/'([^']+)'/g)].map((q) => q[1]));
  return [...single, ...rows];
}

describe('glossary', () => {
  const ids = GLOSSARY.map((e) => e.id);

  it('has one complete entry per id: what it is, how it is computed here, its cost', () => {
    expect(new Set(ids).size).toBe(ids.length);
    for (const e of GLOSSARY) {
      expect(e.term.length, e.id).toBeGreaterThan(2);
      expect(e.short.length, e.id).toBeGreaterThan(0);
      expect(e.short.length, e.id).toBeLessThanOrEqual(20);
      for (const part of [e.what, e.how, e.cost]) expect(part.length, e.id).toBeGreaterThan(8);
    }
  });

  it('covers every quantity the issue names', () => {
    for (const id of REQUIRED) expect(ids).toContain(id);
  });

  it('explains every labelled quantity, and every entry is labelled somewhere', () => {
    for (const q of LABELLED) expect(ids, `${q.file}: ${q.label}`).toContain(q.term);
    for (const id of ids) expect(LABELLED.map((q) => q.term), id).toContain(id);
  });

  for (const q of LABELLED) {
    it(`${q.file} labels "${q.label}" with its tip (${q.term})`, () => {
      const text = readFileSync(join(ROOT, q.file), 'utf8');
      expect(text).toContain(q.label);
      expect(tipsIn(text)).toContain(q.term);
    });
  }

  it('opens only entries that exist, wherever a tip is placed', () => {
    const used = sources(join(ROOT, 'src')).flatMap((f) => tipsIn(readFileSync(f, 'utf8')).map((t) => [f, t] as const));
    expect(used.length).toBeGreaterThanOrEqual(LABELLED.length - 4);
    for (const [file, term] of used) expect(ids, file).toContain(term);
  });
});
