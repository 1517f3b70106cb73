import { getStudy } from '../../core/studies/registry';
import { parseSettings } from '../../core/studies/settings';
import type { StudySettings } from '../../core/studies/types';
import { reportJson, runStudy } from '../../core/studies/run';
import { readDigits } from '../../data/digits/read-node';
import { createStudyEnv } from '../../engine/studies/env';
import { type ParsedArgs, UsageError, flagList, flagValue } from '../args';
import { type BackendChoice, useBackend } from '../backend';
import { parseSets } from '../optimizer-args';

/** `curvscape study NAME ...`: the study's name may come first, as the README writes it; it becomes --study NAME. */
export function studyPositional(argv: string[]): string[] {
  if (argv[0] === 'study' && argv[1] !== undefined && !argv[1].startsWith('--')) return ['study', '--study', argv[1], ...argv.slice(2)];
  return argv;
}

/** `curvscape study`: runs one study and prints its claim, settings, measured series and verdict. */
export async function studyCommand(args: ParsedArgs): Promise<Record<string, unknown>> {
  const name = flagValue<string>(args, 'study');
  const sets = parseSets(flagList(args, 'set'));
  const backend = await useBackend(flagValue<BackendChoice>(args, 'backend'));
  const env = createStudyEnv(async () => readDigits());
  let settings: StudySettings;
  try {
    settings = parseSettings(getStudy(name).schema, sets);
  } catch (e) {
    throw new UsageError(`--set: ${(e as Error).message}`);
  }
  return { ...reportJson(await runStudy(name, settings, env)), backend };
}
