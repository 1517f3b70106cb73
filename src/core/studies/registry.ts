/** Every study, in the order the Studies tab lists them; the CLI, URL, export and bench read this. */
import { batchSizeSharpnessStudy } from './batch-size-sharpness';
import { edgeOfStabilityStudy } from './edge-of-stability';
import { hessianBatchNoiseStudy } from './hessian-batch-noise';
import { outliersStudy } from './outliers';
import { samFlatnessStudy } from './sam-flatness';
import { skipConnectionsStudy } from './skip-connections';
import type { Study } from './types';

export const STUDIES: Study[] = [
  edgeOfStabilityStudy,
  batchSizeSharpnessStudy,
  skipConnectionsStudy,
  outliersStudy,
  samFlatnessStudy,
  hessianBatchNoiseStudy,
] as unknown as Study[];

export function getStudy(name: string): Study {
  const s = STUDIES.find((x) => x.name === name);
  if (!s) throw new Error(`unknown study "${name}"; known: ${STUDIES.map((x) => x.name).join(', ')}`);
  return s;
}
