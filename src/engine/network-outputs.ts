/** A dense network's outputs (logits or predictions) at many input rows: what the decision-boundary view colours by. */
import * as tf from '@tensorflow/tfjs';
import type { Problem } from '../core/problem/problem';
import { layerShapes } from '../core/problem/problem';
import { LOSS_HEADS } from './loss-heads';
import { createNetworkData, disposeNetworkData, forward } from './mlp-passes';

/** Row-major [rows, outputs] outputs of the network at parameters `w`, through the engine's own forward pass. */
export async function networkOutputs(problem: Pick<Problem, 'layers' | 'activation' | 'loss'>, w: Float64Array, X: number[][]): Promise<Float32Array> {
  const shapes = layerShapes(problem.layers);
  const outputs = problem.layers[problem.layers.length - 1];
  const data = createNetworkData(
    shapes,
    problem.activation,
    LOSS_HEADS[problem.loss],
    tf.tensor2d(X, [X.length, problem.layers[0]]),
    tf.zeros([X.length, outputs]) as tf.Tensor2D,
  );
  try {
    const z = tf.tidy(() => forward(data, w).z);
    try {
      return (await z.data()) as Float32Array;
    } finally {
      z.dispose();
    }
  } finally {
    disposeNetworkData(data);
  }
}
