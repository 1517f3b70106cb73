/** Loss along the lowest-curvature eigenvector from an iterate, oriented downhill: the escape a negative eigenvalue offers. */
import type { EscapeLine } from '../protocol/curvature';
import { lowestEigenpair } from './curvature';
import type { LoadedProblem } from './problem-objective';
import { slicedObjective, type Slicer } from './work-slices';

export async function escapeLine(p: LoadedProblem, w: Float64Array, maxStep: number, count: number, slicer: Slicer): Promise<EscapeLine> {
  const raw = p.objective();
  const objective = slicedObjective(raw, slicer);
  try {
    const { curvature, bottomVector } = await lowestEigenpair(objective, w);
    const { grad } = await objective.valueAndGrad(w);
    let gv = 0;
    for (let k = 0; k < grad.length; k++) gv += grad[k] * bottomVector[k];
    const sign = gv > 0 ? -1 : 1;
    const steps: number[] = [];
    const losses: number[] = [];
    for (let s = 0; s < count; s++) {
      const t = (maxStep * s) / (count - 1);
      const x = Float64Array.from(w);
      for (let k = 0; k < x.length; k++) x[k] += sign * t * bottomVector[k];
      steps.push(t);
      losses.push(await objective.value(x));
    }
    return { lambda: curvature.bottom, steps, losses };
  } finally {
    raw.dispose?.();
  }
}
