/**
 * The decision-boundary request: the class a classification network predicts on a grid over its
 * input plane, at its initial parameters or at an iterate of an explorer run. The page draws the
 * data over these class regions (as TensorFlow Playground does).
 */
import { decisionGridRequestSchema, type DecisionGrid, type DecisionGridRequest } from '../protocol/decision';
import { networkOutputs } from '../engine/network-outputs';
import type { LoadedProblem } from './problem-objective';

export { decisionGridRequestSchema } from '../protocol/decision';
export type { DecisionApi, DecisionGrid, DecisionGridRequest } from '../protocol/decision';

function linspace(lo: number, hi: number, n: number): number[] {
  return Array.from({ length: n }, (_, k) => lo + ((hi - lo) * k) / (n - 1));
}

/** Class and its probability from one row of outputs: one logit is binary (sigmoid), several are softmax. */
export function classOf(row: ArrayLike<number>): { cls: number; p: number } {
  if (row.length === 1) {
    const p1 = 1 / (1 + Math.exp(-row[0]));
    return row[0] > 0 ? { cls: 1, p: p1 } : { cls: 0, p: 1 - p1 };
  }
  let best = 0;
  for (let k = 1; k < row.length; k++) if (row[k] > row[best]) best = k;
  let sum = 0;
  for (let k = 0; k < row.length; k++) sum += Math.exp(row[k] - row[best]);
  return { cls: best, p: 1 / sum };
}

export async function decisionGrid(p: LoadedProblem, request: unknown, iterate: (at: NonNullable<DecisionGridRequest['at']>) => Float64Array): Promise<DecisionGrid | null> {
  const parsed = decisionGridRequestSchema.safeParse(request);
  if (!parsed.success) throw new Error(`decision grid request: ${parsed.error.issues[0].message} at ${parsed.error.issues[0].path.join('.')}`);
  const req = parsed.data;
  const net = p.network?.problem;
  // Class regions are drawn over a 2-D input plane: a dense classifier of two inputs only (layer lists, images among them, have none to draw).
  if (!net || net.model || net.loss === 'mse' || net.layers[0] !== 2) return null;
  const w = req.at ? iterate(req.at) : Float64Array.from(net.params);
  const xs = linspace(req.domain.x[0], req.domain.x[1], req.resolution);
  const ys = linspace(req.domain.y[0], req.domain.y[1], req.resolution);
  const X = ys.flatMap((y) => xs.map((x) => [x, y]));
  // the training rows go through the same pass, after the grid, for the accuracy
  const z = await networkOutputs(net, w, [...X, ...net.X]);
  const k = net.layers[net.layers.length - 1];
  const classes: number[] = [];
  const confidence: number[] = [];
  for (let r = 0; r < X.length; r++) {
    const { cls, p: prob } = classOf(z.subarray(r * k, (r + 1) * k));
    classes.push(cls);
    confidence.push(prob);
  }
  const labels = net.y as number[];
  let correct = 0;
  for (let r = 0; r < labels.length; r++) {
    const o = (X.length + r) * k;
    if (classOf(z.subarray(o, o + k)).cls === labels[r]) correct++;
  }
  return { xs, ys, classes, confidence, classCount: k === 1 ? 2 : k, accuracy: labels.length ? correct / labels.length : NaN };
}
