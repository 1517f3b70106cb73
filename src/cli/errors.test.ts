import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { LIMITS } from '../core/limits';
import { numParams } from '../core/problem/problem';
import { fixturePath, runCli } from '../../test/helpers';
import { oneLine } from './main';

const SPIRAL = fixturePath('spiral-tanh-ce.json');
const SINE = fixturePath('sine-tanh-mse.json');
const spiral = JSON.parse(readFileSync(SPIRAL, 'utf8'));
const sine = JSON.parse(readFileSync(SINE, 'utf8'));

let dir = '';
/** A problem file in the test's folder, made from a fixture by `mutate`. */
function file(name: string, base: unknown, mutate: (o: any) => void = () => {}): string {
  const o = structuredClone(base) as any;
  mutate(o);
  const path = join(dir, name);
  writeFileSync(path, typeof o === 'string' ? o : JSON.stringify(o));
  return path;
}

/** The spiral's data on wider layers: a problem with `numParams(layers)` small parameters. */
function widened(layers: number[]): (o: any) => void {
  return (o) => {
    o.layers = layers;
    o.params = Array.from({ length: numParams(layers) }, (_, i) => 0.01 * Math.sin(i));
    delete o.reference;
  };
}

const files: Record<string, string> = {};

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'curvscape-cli-'));
  Object.assign(files, {
    dense1883: file('dense.json', spiral, widened([2, 40, 40, 3])),
    exact6543: file('exact.json', spiral, widened([2, 100, 60, 3])),
    xEmpty: file('x-empty.json', spiral, (o) => ((o.X = []), (o.y = []))),
    x308: file('x308.json', spiral, (o) => (o.X[3][1] = 1e308)),
    params308: file('params308.json', spiral, (o) => (o.params[17] = 1e308)),
    wd308: file('wd308.json', spiral, (o) => (o.weight_decay = 1e308)),
    target308: file('target308.json', sine, (o) => (o.y[4][0] = 1e308)),
    // Within float32, but its square (the squared error) is not: only the objective shows it.
    target1e30: file('target1e30.json', sine, (o) => (o.y[2][0] = 1e30)),
    label1e8: file('label.json', spiral, (o) => (o.y[5] = 100_000_000)),
    classes: file('classes.json', spiral, (o) => {
      widened([2, 4, LIMITS.classes + 1])(o);
      o.y = o.y.map(() => 0);
    }),
    rows: file('rows.json', spiral, (o) => {
      o.X = Array.from({ length: LIMITS.rows + 1 }, () => [0, 0]);
      o.y = o.X.map(() => 0);
    }),
    manyBad: file('many.json', spiral, (o) => (o.params = o.params.map(() => 'x'))),
    trajectoryNull: file('null.json', 'null'),
  });
});

interface Case {
  name: string;
  argv: () => string[];
  /** The one line on stderr after "curvscape: ". */
  error: RegExp;
}

const spectrumOn = (problem: string, ...rest: string[]): string[] => ['spectrum', '--problem', problem, '--backend', 'cpu', ...rest];
const spectrum = (...rest: string[]): string[] => spectrumOn(SPIRAL, ...rest);
const optimize = (...rest: string[]): string[] => ['optimize', '--problem', 'rosenbrock', '--optimizer', 'sgd', ...rest];
const surface = (...rest: string[]): string[] => ['surface', '--problem', SPIRAL, '--backend', 'cpu', ...rest];
const train = (...rest: string[]): string[] => ['train', '--problem', SPIRAL, '--optimizer', 'sgd', '--backend', 'cpu', ...rest];

/** Issue 8's CLI bullet, case by case, and the malformed values around them. */
const CASES: Case[] = [
  // Unknown flags.
  { name: 'a flag no command has', argv: () => optimize('--matrix', 'ggn'), error: /^--matrix: unknown flag for optimize; known: / },
  { name: 'a typo of --steps', argv: () => optimize('--step', '5'), error: /^--step: unknown flag for optimize/ },
  { name: '--verbose', argv: () => train('--verbose', '1'), error: /^--verbose: unknown flag for train/ },
  { name: 'a positional argument', argv: () => [...optimize(), 'extra'], error: /^unexpected argument "extra"$/ },
  { name: 'an unknown command', argv: () => ['fly'], error: /^unknown command "fly"; expected spectrum, / },
  // Malformed values.
  { name: 'a value that is not a number', argv: () => spectrum('--k', 'abc'), error: /^--k: "abc" is not an integer/ },
  { name: 'a fractional integer', argv: () => spectrum('--k', '2.5'), error: /^--k: "2.5" is not an integer/ },
  { name: 'hexadecimal', argv: () => optimize('--steps', '0x10'), error: /^--steps: "0x10" is not an integer/ },
  { name: 'Infinity', argv: () => optimize('--gtol', 'Infinity'), error: /^--gtol: "Infinity" is not a finite number/ },
  { name: 'a missing value', argv: () => spectrum('--k'), error: /^--k needs a value$/ },
  { name: 'a flag given twice', argv: () => spectrum('--k', '1', '--k', '2'), error: /^--k: given more than once$/ },
  { name: 'a value on a switch', argv: () => spectrum('--json=1'), error: /^--json takes no value/ },
  { name: 'an unknown choice', argv: () => spectrum('--method', 'arnoldi'), error: /^--method: "arnoldi" is not one of lanczos, power, dense$/ },
  { name: 'an unknown backend', argv: () => ['spectrum', '--problem', SPIRAL, '--backend', 'webgpu'], error: /^--backend: "webgpu" is not one of cpu, wasm$/ },
  { name: 'a required flag left out', argv: () => ['spectrum', '--backend', 'cpu'], error: /^--problem is required$/ },
  { name: 'an unknown optimizer', argv: () => ['optimize', '--problem', 'booth', '--optimizer', 'nope'], error: /^--optimizer: "nope" is not one of sgd, / },
  // The input budget.
  { name: '--probes 1e9', argv: () => spectrum('--probes', '1e9'), error: new RegExp(`^--probes: "1e9" is more than ${LIMITS.probes} \\(the input budget's probes`) },
  { name: '--density-grid 1e9', argv: () => spectrum('--density', '--density-grid', '1e9'), error: /^--density-grid: "1e9" is more than 10000/ },
  { name: '--density-runs 1e9', argv: () => spectrum('--density', '--density-runs', '1e9'), error: /^--density-runs: "1e9" is more than 100 / },
  { name: '--density-probes 1e9', argv: () => spectrum('--density', '--density-probes', '1e9'), error: /^--density-probes: "1e9" is more than 10000/ },
  { name: '--density-steps 1e9', argv: () => spectrum('--density', '--density-steps', '1e9'), error: /^--density-steps: "1e9" is more than 300/ },
  {
    name: 'a density past its product budget',
    argv: () => spectrum('--density', '--density-runs', '100', '--density-probes', '1000'),
    error: new RegExp(`^--density-runs x --density-probes x --density-steps: 100 x 1000 x 60 products is more than ${LIMITS.densityProducts} `),
  },
  { name: '--k 1e9 (Lanczos)', argv: () => spectrum('--k', '1e9'), error: /^--k: "1e9" is more than 100 / },
  { name: '--k 1e9 --method power', argv: () => spectrum('--k', '1e9', '--method', 'power'), error: /^--k: "1e9" is more than 100 / },
  { name: '--k beyond power iteration', argv: () => spectrum('--k', '50', '--method', 'power'), error: /^--k: 50 is more than 20 for power iteration/ },
  { name: '--k beyond the parameter count', argv: () => ['spectrum', '--problem', 'rosenbrock', '--k', '3'], error: /^--k: 3 is more than the problem's 2 parameters$/ },
  { name: '--method dense past denseParams', argv: () => ['spectrum', '--problem', files.dense1883, '--backend', 'cpu', '--method', 'dense'], error: /^--method: dense needs at most 1000 parameters .* the problem has 1883; use lanczos$/ },
  { name: '--trace exact past exactTraceParams', argv: () => ['spectrum', '--problem', files.exact6543, '--backend', 'cpu', '--trace', 'exact'], error: /^--trace: exact needs at most 6000 parameters .* the problem has 6543; use hutchinson$/ },
  { name: '--span 1e30', argv: () => surface('--span', '1e30'), error: /^--span: "1e30" is more than 1000 / },
  { name: '--span 0', argv: () => surface('--span', '0'), error: /^--span: "0" is not more than 0$/ },
  { name: '--grid 1e9', argv: () => surface('--grid', '1e9'), error: /^--grid: "1e9" is more than 101 / },
  { name: '--steps 1e9 (optimize)', argv: () => optimize('--steps', '1e9'), error: /^--steps: "1e9" is more than 100000 / },
  { name: '--steps 1e9 (train)', argv: () => train('--steps', '1e9'), error: /^--steps: "1e9" is more than 100000 / },
  // Start points.
  { name: '--start 1e308,1e308', argv: () => optimize('--start', '1e308,1e308'), error: /^--start: sgd: the objective is not finite at \(1e\+308, 1e\+308\): loss Infinity/ },
  { name: '--start with three numbers', argv: () => optimize('--start', '1,2,3'), error: /^--start: expected 2 comma-separated numbers, got 3$/ },
  { name: '--start that is not numbers', argv: () => optimize('--start', '1,x'), error: /^--start: "1,x" is not a comma-separated list of finite numbers$/ },
  // Hyper-parameters against the optimizer's own schema.
  { name: '--set __proto__=1', argv: () => optimize('--set', '__proto__=1'), error: /^--set: sgd: unknown hyper-parameter "__proto__"; known: lr$/ },
  { name: '--set with an unknown key', argv: () => optimize('--set', 'nope=1'), error: /^--set: sgd: unknown hyper-parameter "nope"/ },
  { name: '--set beyond the schema', argv: () => optimize('--set', 'lr=1e9'), error: /^--set: sgd: hyper-parameter "lr" must be a number in \[1e-8, 10\], got "1e9"$/ },
  { name: '--set without =', argv: () => optimize('--set', 'lr'), error: /^--set: expected key=value, got "lr"$/ },
  { name: 'BFGS with c1 > c2', argv: () => ['optimize', '--problem', 'rosenbrock', '--optimizer', 'bfgs', '--set', 'c1=0.5', '--set', 'c2=1e-4'], error: /^--set: bfgs: hyper-parameters "c1", "c2": c1 \(0.5\) must be less than c2 \(0.0001\)$/ },
  // Optimizers that need what a 2-D function does not offer (the registry's `needs`).
  { name: 'K-FAC on a 2-D function', argv: () => ['optimize', '--problem', 'rosenbrock', '--optimizer', 'kfac'], error: /^--optimizer: K-FAC .*does not apply to this objective: it needs per-layer Kronecker factors .*; here use one of sgd, .*bfgs/ },
  { name: 'Levenberg-Marquardt on a 2-D function that is no sum of squares', argv: () => ['optimize', '--problem', 'six-hump-camel', '--optimizer', 'levenberg-marquardt'], error: /^--optimizer: .*does not apply to this objective: it needs a Gauss-Newton product/ },
  { name: 'natural gradient on a 2-D function that is no sum of squares', argv: () => ['optimize', '--problem', 'rastrigin', '--optimizer', 'natural-gradient'], error: /^--optimizer: .*does not apply to this objective: it needs a Gauss-Newton product/ },
  { name: 'natural gradient in train on a 2-D function that is no sum of squares', argv: () => ['train', '--problem', 'six-hump-camel', '--optimizer', 'natural-gradient', '--backend', 'cpu'], error: /^--optimizer: .*does not apply to this objective.*; here use one of / },
  // Problem files.
  { name: 'X: []', argv: () => spectrumOn(files.xEmpty), error: /x-empty.json: X: expected at least one row$/ },
  { name: '1e308 in X', argv: () => spectrumOn(files.x308), error: /x308.json: X\[3\]\[1\]: 1e\+308 is beyond float32's range/ },
  { name: '1e308 in params', argv: () => spectrumOn(files.params308), error: /params308.json: params\[17\]: 1e\+308 is beyond float32's range/ },
  { name: '1e308 in the weight decay', argv: () => spectrumOn(files.wd308), error: /wd308.json: weight_decay: 1e\+308 is beyond float32's range/ },
  { name: '1e308 in a target', argv: () => spectrumOn(files.target308), error: /target308.json: y\[4\]\[0\]: 1e\+308 is beyond float32's range/ },
  { name: 'a target whose square overflows', argv: () => spectrumOn(files.target1e30), error: /target1e30.json: y\[2\]\[0\]: the objective's loss \(Infinity\) is not finite at the problem's params/ },
  { name: 'a label of 1e8', argv: () => spectrumOn(files.label1e8), error: /label.json: y\[5\]: label 100000000 out of range \[0, 3\)$/ },
  { name: 'too many classes', argv: () => spectrumOn(files.classes), error: /classes.json: layers: 101 classes is more than 100/ },
  { name: 'too many rows', argv: () => spectrumOn(files.rows), error: /rows.json: X: more than 100000 rows/ },
  { name: 'many bad fields, still one line', argv: () => spectrumOn(files.manyBad), error: /many.json: params\[0\]: not a finite number; params\[1\]: .*; \.\.\. and \d+ more$/ },
  { name: 'a missing file', argv: () => spectrumOn('/nonexistent.json'), error: /^--problem: "\/nonexistent.json" is neither a readable file nor a 2-D function/ },
  { name: 'a PCA trajectory file holding null', argv: () => surface('--directions', 'pca', '--trajectory', files.trajectoryNull), error: /^--trajectory: .*null.json holds neither an array of points/ },
];

describe('curvscape: bad input is one line on stderr and exit status 2', () => {
  it.each(CASES.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const { code, stdout, stderr } = await runCli(c.argv());
    expect(stdout).toBe('');
    const lines = stderr.split('\n').filter((l) => l !== '');
    expect(lines).toHaveLength(1);
    expect(lines[0].startsWith('curvscape: ')).toBe(true);
    expect(lines[0].slice('curvscape: '.length)).toMatch(c.error);
    expect(code).toBe(2);
  });
});

describe('oneLine', () => {
  it("joins a message's lines with '; ' and drops blank ones", () => {
    expect(oneLine('a: x\n\n  b: y \n... and 3 more\n')).toBe('a: x; b: y; ... and 3 more');
  });
});
