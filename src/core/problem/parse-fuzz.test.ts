import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FIXTURES_DIR } from '../../../test/fixtures';
import { ProblemError, parseProblemText } from './parse';
import { numParams } from './problem';

const BASES = ['spiral-tanh-ce.json', 'sine-tanh-mse.json', 'circles-relu-bce.json', 'xor-sigmoid-ce-wd.json'].map((f) =>
  JSON.parse(readFileSync(`${FIXTURES_DIR}/${f}`, 'utf8')),
);

/** A reader's name for a field (`X[3][1]`, `reference.hvp_probe.v`), `(root)`, or the count of the rest. */
const FIELD_LINE = /^(\(root\)|[A-Za-z_]\w*(\.\w+|\[\d+\])*): \S|^\.\.\. and \d+ more$/;

/** Values a hand-edited or hostile file might hold where a number or a list was expected. */
const hostile = fc.oneof(
  fc.jsonValue({ maxDepth: 2 }),
  fc.constantFrom(1e308, -1e308, 3.5e38, 1e-320, -0, 100_000_000, 2 ** 53, -1, 0, 1.5, '', '1', null, [], [[]], {}),
);

type Mutation = { path: number[]; kind: 'replace' | 'delete' | 'append'; value: unknown };
const mutation: fc.Arbitrary<Mutation> = fc.record({
  path: fc.array(fc.nat(), { minLength: 0, maxLength: 4 }),
  kind: fc.constantFrom('replace', 'delete', 'append'),
  value: hostile,
});

/** Walks `path` (each number picks a child modulo the count) and applies the mutation at its end. */
function mutate(root: unknown, m: Mutation): unknown {
  if (m.path.length === 0 && m.kind === 'replace') return m.value;
  if (typeof root !== 'object' || root === null) return root;
  let node = root as Record<string, unknown> | unknown[];
  for (let depth = 0; ; depth++) {
    const keys = Array.isArray(node) ? node.map((_, i) => i) : Object.keys(node);
    if (keys.length === 0) break;
    const key = keys[(m.path[depth] ?? 0) % keys.length] as never;
    const child = (node as Record<string, unknown>)[key];
    const last = depth + 1 >= m.path.length || typeof child !== 'object' || child === null;
    if (!last) {
      node = child as Record<string, unknown> | unknown[];
      continue;
    }
    if (m.kind === 'append' && Array.isArray(child)) child.push(m.value);
    else if (m.kind === 'delete' && Array.isArray(node)) node.splice(key, 1);
    else if (m.kind === 'delete') delete (node as Record<string, unknown>)[key];
    else (node as Record<string, unknown>)[key] = m.value;
    break;
  }
  return root;
}

describe('parseProblemText under random mutations of the fixtures', () => {
  it('returns a consistent problem or throws a ProblemError whose every line names a field', () => {
    fc.assert(
      fc.property(fc.nat(BASES.length - 1), fc.array(mutation, { minLength: 1, maxLength: 3 }), (b, mutations) => {
        let json: unknown = structuredClone(BASES[b]);
        for (const m of mutations) json = mutate(json, m);
        let problem;
        try {
          problem = parseProblemText(JSON.stringify(json));
        } catch (e) {
          expect(e).toBeInstanceOf(ProblemError);
          const lines = (e as Error).message.split('\n');
          expect(lines.length).toBeLessThanOrEqual(6);
          for (const line of lines) expect(line).toMatch(FIELD_LINE);
          return;
        }
        expect(problem.params.length).toBe(numParams(problem.layers));
        expect(problem.X.length).toBeGreaterThan(0);
        expect(problem.y.length).toBe(problem.X.length);
        expect(Array.from(problem.params).every((v) => Math.abs(v) <= 3.4028234663852886e38)).toBe(true);
      }),
      { numRuns: 400 },
    );
  });

  it('text that is not JSON is one ProblemError saying so', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (text) => {
        try {
          parseProblemText(text);
        } catch (e) {
          expect(e).toBeInstanceOf(ProblemError);
          expect((e as Error).message).toMatch(/^not valid JSON: |^\(root\): /);
          return;
        }
        throw new Error('a random string parsed as a problem');
      }),
    );
  });
});
