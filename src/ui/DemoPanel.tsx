import { useEffect, useMemo, type ReactElement } from 'react';
import { useAppStore } from '../state/store';
import { DEMOS, getDemo, type DemoContext } from './demos';
import { leaveDemo, showDemoStep } from './demo-runner';

function useDemoContext(): DemoContext {
  const trajectories = useAppStore((s) => s.trajectories);
  const iteration = useAppStore((s) => s.iteration);
  const curvature = useAppStore((s) => s.curvature);
  const escape = useAppStore((s) => s.escape);
  return useMemo(() => {
    const find = (name: string) => trajectories.find((t) => t.optimizer === name);
    return {
      at: (name) => {
        const r = find(name)?.records;
        return r && r.length ? r.recordAt(Math.min(iteration, r.length - 1)) : undefined;
      },
      last: (name) => find(name)?.records.at(-1),
      reason: (name) => find(name)?.result?.reason,
      curvature,
      escape,
    };
  }, [trajectories, iteration, curvature, escape]);
}

/** The chosen demo, its current step, and a way to move between steps. */
function useDemoStep() {
  const demo = useAppStore((s) => s.setup.demo);
  const current = demo ? getDemo(demo.id) : undefined;
  const step = current && demo ? current.steps[Math.min(demo.step, current.steps.length - 1)] : undefined;
  const go = (delta: number): void => {
    if (!demo || !current) return;
    const next = demo.step + delta;
    if (next >= 0 && next < current.steps.length) void showDemoStep(demo.id, next);
  };
  return { demo, current, step, go };
}

/** Picks a saddle-point demo; its text and steps show beside the figures (DemoCaption). */
export function DemoPanel(): ReactElement {
  const { demo, go } = useDemoStep();

  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      const el = e.target as HTMLElement | null;
      if (el && /^(INPUT|SELECT|TEXTAREA)$/.test(el.tagName)) return;
      if (e.key === 'ArrowRight') go(1);
      else if (e.key === 'ArrowLeft') go(-1);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  return (
    <section className="panel demo">
      <h2>Saddle-point demos</h2>
      <select
        data-testid="demo-select"
        value={demo?.id ?? ''}
        onChange={(e) => (e.target.value ? void showDemoStep(e.target.value, 0) : leaveDemo())}
      >
        <option value="">— choose a demo —</option>
        {DEMOS.map((d) => (
          <option key={d.id} value={d.id}>
            {d.title}
          </option>
        ))}
      </select>
      <p className="muted small">{demo ? 'The demo reads beside the figures; step with Next / Prev or the arrow keys.' : 'Pick a demo, then step with Next / Prev or the arrow keys.'}</p>
    </section>
  );
}

/** The demo's text and step buttons, placed next to the surface and contours it talks about. */
export function DemoCaption(): ReactElement | null {
  const { demo, current, step, go } = useDemoStep();
  const status = useAppStore((s) => s.status);
  const ctx = useDemoContext();
  if (!demo || !current || !step) return null;
  return (
    <section className="panel demo-caption" aria-label="demo">
      <div className="demo-caption-head">
        <strong>{current.title}</strong>
        <button type="button" data-testid="demo-prev" disabled={demo.step === 0} onClick={() => go(-1)}>
          ← Prev
        </button>
        <span className="muted small">
          step {demo.step + 1} / {current.steps.length}
        </span>
        <button type="button" data-testid="demo-next" disabled={demo.step >= current.steps.length - 1} onClick={() => go(1)}>
          Next →
        </button>
        <button type="button" className="link" onClick={leaveDemo}>
          close
        </button>
      </div>
      <p data-testid="demo-text" className="demo-text" aria-live="polite">
        {status === 'running' ? 'Running…' : step.text(ctx)}
      </p>
    </section>
  );
}
