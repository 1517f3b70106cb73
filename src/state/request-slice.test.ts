import { describe, expect, it } from 'vitest';
import { useAppStore } from './store';

describe('request tickets: only the newest request of a kind is applied', () => {
  it('a later ticket makes the earlier one stale; kinds count separately', () => {
    const s = useAppStore.getState();
    const auto = s.issue('backend');
    const cpu = useAppStore.getState().issue('backend');
    const surface = useAppStore.getState().issue('surface');
    const st = useAppStore.getState();
    expect(cpu.generation).toBe(auto.generation + 1);
    expect(st.isNewest('backend', auto)).toBe(false);
    expect(st.isNewest('backend', cpu)).toBe(true);
    expect(st.isNewest('surface', surface)).toBe(true);
    expect(auto.id).not.toBe(cpu.id);
    expect(cpu.id).toBe(`backend-${cpu.generation}`);
  });

  it('retire makes outstanding requests stale without issuing one (reset drops a run\'s late records)', () => {
    const run = useAppStore.getState().issue('run');
    useAppStore.getState().retire('run');
    expect(useAppStore.getState().isNewest('run', run)).toBe(false);
    const next = useAppStore.getState().issue('run');
    expect(next.generation).toBe(run.generation + 2);
  });
});
