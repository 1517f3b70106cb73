import { EIGEN_SOLVERS } from '../core/eigen/registry';
import { BIAS_MODES, DIRECTION_METHODS } from '../core/landscape/directions';
import { OPTIMIZERS } from '../core/optim/registry';
import { CURVATURE_MATRIX_NAMES } from '../core/curvature/registry';
import { BACKEND_CHOICES } from './backend';
import { type FlagSpec, limited } from './flags';
import { DATA_FLAGS } from './data-flags';
import { STUDIES } from '../core/studies/registry';

/**
 * Every command's flags, validated by parseArgs before the command runs. To add a flag, add
 * its spec to the command's list (a new command: a new entry here and a runner in main.ts).
 * Ranges that depend on the problem (Lanczos k against the parameter count, the dense and
 * exact-trace methods against the parameter limits) are checked by the command once the
 * problem is loaded.
 */

/** Accepted by every command. */
export const GLOBAL_FLAGS: FlagSpec[] = [
  { name: 'json', kind: 'boolean', help: 'print one JSON object (the default output)' },
  { name: 'help', kind: 'boolean', help: 'print this usage text' },
  { name: 'debug', kind: 'boolean', help: 'on an internal error, print its stack trace too' },
];

const problem: FlagSpec = { name: 'problem', kind: 'string', value: 'FILE', help: 'problem file (JSON, see README)' };
const backend: FlagSpec = { name: 'backend', kind: 'choice', choices: BACKEND_CHOICES, default: 'wasm', help: 'TF.js backend' };
const seed: FlagSpec = { name: 'seed', kind: 'integer', min: 0, max: 2 ** 32 - 1, default: 0, help: 'random seed' };
const optimizer: FlagSpec = {
  name: 'optimizer',
  kind: 'choice',
  choices: OPTIMIZERS.map((o) => o.name),
  value: 'NAME',
  help: `optimizer (${OPTIMIZERS.map((o) => o.name).join(', ')})`,
};
const set: FlagSpec = { name: 'set', kind: 'list', value: 'key=value', help: "hyper-parameter, validated against the optimizer's schema (repeatable)" };
const probes = (name: string, fallback: number): FlagSpec =>
  limited({ name, kind: 'integer', min: 1, limit: 'probes', default: fallback, help: 'Hutchinson probes' });

export const COMMAND_FLAGS: Record<string, FlagSpec[]> = {
  spectrum: [
    problem,
    ...DATA_FLAGS,
    limited({ name: 'k', kind: 'integer', min: 1, limit: 'lanczosK', default: 5, help: 'eigenvalues at each end (power iteration: at most powerK)' }),
    { name: 'which', kind: 'choice', choices: ['top', 'bottom', 'both'], default: 'both', help: 'which end of the spectrum' },
    { name: 'method', kind: 'choice', choices: EIGEN_SOLVERS.map((s) => s.name), default: 'lanczos', help: 'eigen-solver' },
    { name: 'matrix', kind: 'choice', choices: CURVATURE_MATRIX_NAMES, default: 'hessian', help: 'curvature matrix: the Hessian, the Gauss-Newton matrix (= Fisher) or the empirical Fisher' },
    { name: 'trace', kind: 'choice', choices: ['exact', 'hutchinson', 'none'], help: 'trace method (default: exact up to exactTraceParams parameters, else hutchinson)' },
    { name: 'tol', kind: 'number', min: 0, max: 1, default: 1e-6, help: 'eigen-solver tolerance' },
    { name: 'copy-check', kind: 'choice', choices: ['on', 'off'], default: 'on', help: "lanczos: check for missed copies of repeated eigenvalues (off: the first run's products only, as ARPACK)" },
    seed,
    probes('probes', 100),
    backend,
    { name: 'density', kind: 'boolean', help: 'add the spectral density by stochastic Lanczos quadrature' },
    limited({ name: 'density-runs', kind: 'integer', min: 1, limit: 'densityRuns', default: 3, help: 'independent SLQ runs' }),
    probes('density-probes', 5),
    limited({ name: 'density-steps', kind: 'integer', min: 2, limit: 'densitySteps', default: 60, help: 'Lanczos steps per probe' }),
    limited({ name: 'density-grid', kind: 'integer', min: 10, limit: 'densityGrid', default: 200, help: 'density grid points' }),
  ],
  optimize: [
    { ...problem, value: 'FUNCTION|FILE', help: 'a 2-D function name or a problem file' },
    ...DATA_FLAGS,
    optimizer,
    { name: 'start', kind: 'numbers', value: 'x,y', help: "start point (default: the problem's own)" },
    limited({ name: 'steps', kind: 'integer', min: 1, limit: 'steps', default: 1000, help: 'iteration limit' }),
    { name: 'gtol', kind: 'number', min: 0, default: 1e-6, help: 'stop when the gradient norm is at most this' },
    set,
    backend,
  ],
  compare: [
    { ...problem, value: 'FUNCTION|FILE', help: 'a 2-D function name or a problem file' },
    ...DATA_FLAGS,
    { name: 'entry', kind: 'list', value: 'NAME[:key=value,...]', help: 'an optimizer entry with the settings it differs in (repeatable; the same optimizer may come twice, e.g. hessian-free:curvature=hessian and hessian-free:curvature=gauss-newton)' },
    { name: 'start', kind: 'numbers', value: 'x,y', help: "start point (default: the problem's own)" },
    limited({ name: 'steps', kind: 'integer', min: 1, limit: 'steps', default: 1000, help: 'iteration limit' }),
    { name: 'gtol', kind: 'number', min: 0, default: 1e-6, help: 'stop when the gradient norm is at most this' },
    backend,
  ],
  optimizers: [],
  train: [
    problem,
    ...DATA_FLAGS,
    optimizer,
    limited({ name: 'steps', kind: 'integer', min: 0, limit: 'steps', default: 100, help: 'training steps' }),
    limited({ name: 'every', kind: 'integer', min: 1, limit: 'steps', default: 10, help: 'curvature every this many steps' }),
    set,
    { name: 'tol', kind: 'number', min: 0, max: 1, default: 1e-4, help: 'Lanczos tolerance' },
    probes('probes', 20),
    seed,
    backend,
  ],
  surface: [
    problem,
    ...DATA_FLAGS,
    { name: 'directions', kind: 'choice', choices: DIRECTION_METHODS.map((m) => m.name), default: 'random', help: 'plane directions' },
    limited({ name: 'grid', kind: 'integer', min: 2, limit: 'grid', default: 51, help: 'grid points per side' }),
    limited({ name: 'span', kind: 'number', min: 0, exclusiveMin: true, limit: 'span', default: 1, help: "half-width of the plane in the directions' norm" }),
    seed,
    { name: 'bias', kind: 'choice', choices: BIAS_MODES, default: 'zero', help: 'bias entries of filter-normalised directions' },
    { name: 'trajectory', kind: 'string', value: 'FILE', help: 'iterates for --directions pca (JSON)' },
    limited({ name: 'steps', kind: 'integer', min: 1, limit: 'steps', default: 100, help: 'steps of the default PCA run' }),
    backend,
    { name: 'format', kind: 'choice', choices: ['json', 'vtk', 'csv'], default: 'json', help: 'output format' },
  ],
  study: [
    { name: 'study', kind: 'choice', choices: STUDIES.map((s) => s.name), value: 'NAME', help: `the study (${STUDIES.map((s) => s.name).join(', ')}); may come first, as \`study NAME\`` },
    { name: 'set', kind: 'list', value: 'key=value', help: "a study setting, validated against the study's schema (repeatable; lists comma-separated)" },
    backend,
  ],
};
