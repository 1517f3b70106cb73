/** Validates problem files (shared/fixtures/README.md) with messages that name the offending field. */
import { z } from 'zod';
import { LIMITS } from '../limits';
import { ACTIVATIONS, LOSSES, numParams, type Problem, type ProblemReference } from './problem';
import { ModelError } from './model';
import { type ModelPart, modelFieldsToJson, modelPart } from './model-problem';

export class ProblemError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ProblemError';
  }
}

const finite = z.number({ error: 'not a finite number' }).refine(Number.isFinite, 'not a finite number');
const finiteArray = z.array(finite, { error: 'expected an array of numbers' });

/** The largest finite float32: the engine computes in float32, where anything larger is Infinity. */
const FLOAT32_MAX = 3.4028234663852886e38;

/** A number the engine will compute with: finite, and finite once rounded to float32. */
const engineNumber = z.number({ error: 'not a finite number' }).check((ctx) => {
  const v = ctx.value;
  if (!Number.isFinite(v)) ctx.issues.push({ code: 'custom', message: 'not a finite number', input: v });
  else if (Math.abs(v) > FLOAT32_MAX) {
    ctx.issues.push({ code: 'custom', message: `${v} is beyond float32's range (3.4e38), which the engine computes in`, input: v });
  }
});
const engineArray = z.array(engineNumber, { error: 'expected an array of numbers' });

const referenceSchema = z.looseObject({
  note: z.string().optional(),
  num_params: z.int().optional(),
  loss: finite.optional(),
  grad: finiteArray.optional(),
  grad_norm: finite.optional(),
  eigenvalues_ascending: finiteArray.optional(),
  trace: finite.optional(),
  hvp_probe: z.object({ v: finiteArray, Hv: finiteArray }).optional(),
});

const problemSchema = z
  .object({
    name: z.string({ error: 'expected a string' }),
    layers: z
      .array(z.int({ error: 'expected an integer' }).positive('expected a positive integer'), {
        error: 'expected an array of widths',
      })
      .min(2, 'expected at least 2 widths (input and output)'),
    activation: z.enum(ACTIVATIONS, {
      error: (iss) => `unknown ${JSON.stringify(iss.input)}; expected one of ${ACTIVATIONS.join(', ')}`,
    }),
    loss: z.enum(LOSSES, {
      error: (iss) => `unknown ${JSON.stringify(iss.input)}; expected one of ${LOSSES.join(', ')}`,
    }),
    weight_decay: engineNumber.min(0, 'must be >= 0').default(0),
    X: z
      .array(z.array(engineNumber, { error: 'expected a row of numbers' }), { error: 'expected an array of rows' })
      .min(1, 'expected at least one row')
      .max(LIMITS.rows, `more than ${LIMITS.rows} rows (the input budget's rows, src/core/limits.ts)`),
    y: z.array(z.union([finite, finiteArray], { error: 'expected a number or a row of numbers' }), {
      error: 'expected an array',
    }),
    params: engineArray,
    reference: referenceSchema.optional(),
  });

interface FieldIssue {
  path: readonly PropertyKey[];
  message: string;
}

/** Checks between fields, run only once each field alone is valid so one mistake is reported once. */
function crossFieldIssues(p: z.infer<typeof problemSchema>, model: ModelPart | null = null): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const issue = (path: (string | number)[], message: string): void => {
    issues.push({ path, message });
  };
  const nIn = p.layers[0];
  const nOut = p.layers[p.layers.length - 1];
  const P = model ? model.numParams : numParams(p.layers);
  const architecture = model ? 'the model' : `layers [${p.layers.join(', ')}]`;
  // Budget checks first: past them the other checks would only report the same excess again.
  if (P > LIMITS.params) {
    issue([model ? 'model' : 'layers'], `${architecture} has ${P} parameters, more than ${LIMITS.params} (the input budget's params, src/core/limits.ts)`);
    return issues;
  }
  if (p.loss === 'softmax_cross_entropy' && nOut > LIMITS.classes) {
    issue(['layers'], `${nOut} classes is more than ${LIMITS.classes} (the input budget's classes, src/core/limits.ts)`);
    return issues;
  }
  if (p.X.length * nIn > LIMITS.dataValues) {
    issue(['X'], `${p.X.length} rows x ${nIn} inputs is more than ${LIMITS.dataValues} values (the input budget's dataValues, src/core/limits.ts)`);
    return issues;
  }
  p.X.forEach((row, i) => {
    if (row.length !== nIn) issue(['X', i], `expected ${nIn} numbers, got ${row.length}`);
  });
  if (p.y.length !== p.X.length) issue(['y'], `expected ${p.X.length} entries (one per row of X), got ${p.y.length}`);
  if (p.loss === 'softmax_cross_entropy' && nOut < 2) {
    issue(['layers'], `softmax_cross_entropy needs at least 2 outputs, got ${nOut}`);
  }
  if (p.loss === 'binary_cross_entropy' && nOut !== 1) {
    issue(['layers'], `binary_cross_entropy needs exactly 1 output, got ${nOut}`);
  }
  p.y.forEach((label, i) => {
    if (p.loss === 'mse') {
      if (!Array.isArray(label)) issue(['y', i], `expected a row of ${nOut} targets, got a number`);
      else if (label.length !== nOut) issue(['y', i], `expected ${nOut} targets, got ${label.length}`);
      else {
        // Checked here, not in the union, so the message names the target rather than the union.
        const j = label.findIndex((v) => Math.abs(v) > FLOAT32_MAX);
        if (j >= 0) issue(['y', i, j], `${label[j]} is beyond float32's range (3.4e38), which the engine computes in`);
      }
      return;
    }
    const classes = p.loss === 'binary_cross_entropy' ? 2 : nOut;
    if (Array.isArray(label)) issue(['y', i], 'expected an integer label, got an array');
    else if (!Number.isInteger(label)) issue(['y', i], `label ${label} is not an integer`);
    else if (label < 0 || label >= classes) issue(['y', i], `label ${label} out of range [0, ${classes})`);
  });
  if (p.params.length !== P) {
    issue(['params'], `expected ${P} numbers for ${architecture}, got ${p.params.length}`);
  }
  const ref = p.reference;
  if (!ref) return issues;
  const lengths: [string[], number | undefined][] = [
    [['reference', 'grad'], ref.grad?.length],
    [['reference', 'eigenvalues_ascending'], ref.eigenvalues_ascending?.length],
    [['reference', 'hvp_probe', 'v'], ref.hvp_probe?.v.length],
    [['reference', 'hvp_probe', 'Hv'], ref.hvp_probe?.Hv.length],
  ];
  for (const [path, n] of lengths) {
    if (n !== undefined && n !== P) issue(path, `expected ${P} numbers, got ${n}`);
  }
  if (ref.num_params !== undefined && ref.num_params !== P) {
    issue(['reference', 'num_params'], `expected ${P}, got ${ref.num_params}`);
  }
  return issues;
}

/** `X[3].1` style path, as a reader of the JSON file would name the field. */
function formatPath(path: readonly PropertyKey[]): string {
  let s = '';
  for (const key of path) {
    if (typeof key === 'number') s += `[${key}]`;
    else s += s === '' ? String(key) : `.${String(key)}`;
  }
  return s === '' ? '(root)' : s;
}

const MAX_REPORTED_ISSUES = 5;

function toReference(ref: z.infer<typeof referenceSchema>): ProblemReference {
  const f64 = (a: number[] | undefined): Float64Array | undefined => (a ? Float64Array.from(a) : undefined);
  return {
    note: ref.note,
    numParams: ref.num_params,
    loss: ref.loss,
    grad: f64(ref.grad),
    gradNorm: ref.grad_norm,
    eigenvaluesAscending: f64(ref.eigenvalues_ascending),
    trace: ref.trace,
    hvpProbe: ref.hvp_probe
      ? { v: Float64Array.from(ref.hvp_probe.v), Hv: Float64Array.from(ref.hvp_probe.Hv) }
      : undefined,
    ggn: ggnReference(ref.ggn),
  };
}

const ggnSchema = z.object({
  eigenvalues_ascending: finiteArray,
  trace: finite,
  probe: z.object({ v: finiteArray, Gv: finiteArray }),
});

/** The Gauss-Newton references (fixtures README), when present and well formed. */
function ggnReference(raw: unknown): ProblemReference['ggn'] {
  const g = ggnSchema.safeParse(raw);
  if (!g.success) return undefined;
  const { eigenvalues_ascending: eig, trace, probe } = g.data;
  return { eigenvaluesAscending: Float64Array.from(eig), trace, probe: { v: Float64Array.from(probe.v), Gv: Float64Array.from(probe.Gv) } };
}

/** The layer list of a model file, its mistakes reported as the file's. */
function modelOf(json: unknown): ModelPart | null {
  try {
    return modelPart(json);
  } catch (e) {
    if (e instanceof ModelError) throw new ProblemError(e.message);
    throw e;
  }
}

/** Validates a parsed problem file; throws ProblemError naming the first few bad fields. */
export function parseProblem(json: unknown): Problem {
  const model = modelOf(json);
  const result = problemSchema.safeParse(model ? model.json : json);
  const issues: readonly FieldIssue[] = result.success ? crossFieldIssues(result.data, model) : result.error.issues;
  if (!result.success || issues.length > 0) {
    const lines = issues.slice(0, MAX_REPORTED_ISSUES).map((i) => `${formatPath(i.path)}: ${i.message}`);
    if (issues.length > MAX_REPORTED_ISSUES) lines.push(`... and ${issues.length - MAX_REPORTED_ISSUES} more`);
    throw new ProblemError(lines.join('\n'));
  }
  const p = result.data;
  return {
    name: p.name,
    layers: p.layers,
    activation: p.activation,
    loss: p.loss,
    weightDecay: p.weight_decay,
    X: p.X,
    y: p.loss === 'mse' ? (p.y as number[][]) : (p.y as number[]),
    params: Float64Array.from(p.params),
    reference: p.reference ? toReference(p.reference) : undefined,
    ...(model ? { inputShape: model.inputShape, model: model.specs } : {}),
  };
}

/** Parses problem-file text; a JSON syntax error becomes a ProblemError saying so. */
export function parseProblemText(text: string): Problem {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new ProblemError(`not valid JSON: ${(e as Error).message}`);
  }
  return parseProblem(json);
}

/** The problem-file JSON of a problem (the inverse of parseProblem, reference omitted). */
export function problemToJson(problem: Problem): Record<string, unknown> {
  return {
    name: problem.name,
    ...(problem.model ? modelFieldsToJson(problem) : { layers: problem.layers, activation: problem.activation }),
    loss: problem.loss,
    weight_decay: problem.weightDecay,
    X: problem.X,
    y: problem.y,
    params: Array.from(problem.params),
  };
}
