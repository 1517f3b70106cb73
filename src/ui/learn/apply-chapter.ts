/** One click on a chapter: its setup goes into the store, then (when the chapter says so) the ticked optimizers run. */
import { getChapter } from '../../core/learn/chapters';
import { useAppStore } from '../../state/store';
import { leaveDemo, showDemoStep } from '../demo-runner';
import { ensureProblem, run } from '../../controllers/intents';

let token = 0;

/** Resolves once the chapter's problem is loaded and, for chapters that run, once the run has finished. */
export async function applyChapter(id: string): Promise<void> {
  const chapter = getChapter(id);
  if (!chapter) return;
  const mine = ++token;
  leaveDemo();
  useAppStore.getState().applyChapter(id);
  if (!(await ensureProblem()) || mine !== token || !chapter.setup.run) return;
  await run(false);
}

/** Opens one of the saddle-point demos at its first step. */
export function openDemo(id: string): Promise<void> {
  token++;
  return showDemoStep(id, 0);
}
