/** Moves between demo steps: sets the setup, runs when the step needs a different run, then points the views. */
import { problemKey } from '../state/problem-spec';
import { useAppStore } from '../state/store';
import { getDemo, type DemoStep } from './demos';
import { computeEscape, currentRun, ensureProblem, requestCurvature, run } from '../controllers/intents';

let token = 0;

function sameRun(step: DemoStep): boolean {
  const s = useAppStore.getState();
  const u = s.setup;
  return (
    s.status === 'done' &&
    s.trajectories.length === step.optimizers.length &&
    problemKey(u.problem) === problemKey(step.problem) &&
    JSON.stringify(u.optimizers) === JSON.stringify(step.optimizers) &&
    JSON.stringify(u.hyperParams) === JSON.stringify(step.hyperParams ?? {}) &&
    JSON.stringify(u.start) === JSON.stringify(step.start) &&
    u.steps === step.steps
  );
}

/** Shows step `index` of demo `id`; resolves when its numbers are on screen. */
export async function showDemoStep(id: string, index: number): Promise<void> {
  const demo = getDemo(id);
  if (!demo) return;
  const i = Math.max(0, Math.min(demo.steps.length - 1, index));
  const step = demo.steps[i];
  const mine = ++token;
  const s = useAppStore.getState();
  s.setEscape(null);
  if (!sameRun(step)) {
    s.replaceSetup({
      ...s.setup,
      problem: step.problem,
      optimizers: [...step.optimizers],
      hyperParams: step.hyperParams ?? {},
      start: step.start,
      steps: step.steps,
      logScale: step.logScale,
      demo: { id, step: i },
    });
    if (!(await ensureProblem()) || mine !== token) return;
    await run(false);
  } else s.setDemo({ id, step: i });
  await currentRun();
  if (mine !== token) return;
  const st = useAppStore.getState();
  const longest = Math.max(0, ...st.trajectories.map((t) => t.records.length - 1));
  st.setIteration(step.iteration === 'end' ? longest : Math.min(step.iteration, longest));
  st.setSelected(Math.min(step.selected ?? 0, Math.max(0, st.trajectories.length - 1)));
  requestCurvature();
  if (step.escape !== undefined) await computeEscape(step.escape);
}

export function leaveDemo(): void {
  token++;
  useAppStore.getState().setDemo(null);
}
