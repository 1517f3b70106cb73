/** Held-out loss and accuracy of a classification problem's network at a parameter point. */
import type { Problem } from '../core/problem/problem';
import { createModelObjective } from './model-objective';

export interface TestMetrics {
  rows: number;
  /** The data loss alone (no weight decay). */
  loss: number;
  /** Share of rows whose largest logit is their label (binary: logit > 0 means 1); null for mse. */
  accuracy: number | null;
}

export async function testMetrics(test: Problem, w: Float64Array): Promise<TestMetrics> {
  const f = createModelObjective({ ...test, weightDecay: 0 });
  try {
    const loss = await f.value(w);
    if (test.loss === 'mse') return { rows: test.X.length, loss, accuracy: null };
    const z = await f.outputs(w);
    const labels = test.y as number[];
    const width = z.length / labels.length;
    let right = 0;
    labels.forEach((label, i) => {
      let best = 0;
      for (let j = 1; j < width; j++) if (z[i * width + j] > z[i * width + best]) best = j;
      const predicted = width === 1 ? (z[i] > 0 ? 1 : 0) : best;
      if (predicted === label) right++;
    });
    return { rows: labels.length, loss, accuracy: right / labels.length };
  } finally {
    f.dispose();
  }
}
