/**
 * Accuracy beside a training run (issue 10: "test loss and test accuracy are reported beside every
 * training run"): at the run's last iterate, the share of training rows classified right and, where
 * the problem holds out rows (a model problem's test split), their data loss and accuracy. A dense
 * `layers` + `activation` network is read as the layer list it stands for (denseModel), whose
 * parameter layout is the same, so one forward pass serves both kinds.
 */
import { denseModel } from '../core/problem/model';
import type { Problem } from '../core/problem/problem';
import { testMetrics } from '../engine/model-metrics';
import type { TrainCurvatureSummary } from '../protocol/network';

export type HeldOutSummary = Pick<TrainCurvatureSummary, 'trainAccuracy' | 'testLoss' | 'testAccuracy' | 'testRows'>;

function asModel(problem: Problem): Problem {
  if (problem.model) return problem;
  return { ...problem, inputShape: [problem.layers[0]], model: denseModel(problem.layers, problem.activation) };
}

/** Train accuracy (null for regression) and, with held-out rows, test loss and accuracy at `w`. */
export async function heldOutMetrics(problem: Problem, test: Problem | undefined, w: Float64Array): Promise<HeldOutSummary> {
  const train = await testMetrics(asModel(problem), w);
  if (!test) return { trainAccuracy: train.accuracy };
  const held = await testMetrics(asModel(test), w);
  return { trainAccuracy: train.accuracy, testLoss: held.loss, testAccuracy: held.accuracy, testRows: held.rows };
}
