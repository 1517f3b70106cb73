/** The digits as a study's data: the documented split, restricted and capped, optionally centred. */
import { splitDigits } from '../data/digits';
import type { LabelledData, StudyEnv } from './env';
import { centreInputs } from './training';

export interface StudyData {
  train: LabelledData;
  test: LabelledData;
}

export async function studyDigits(env: StudyEnv, opts: { classes?: number; trainRows?: number; testRows?: number; centre?: boolean }): Promise<StudyData> {
  const { train, test } = splitDigits(await env.digits(), { classes: opts.classes, maxTrain: opts.trainRows, maxTest: opts.testRows });
  if (!opts.centre) return { train, test };
  const c = centreInputs(train, [test]);
  return { train: c.train, test: c.others[0] };
}
