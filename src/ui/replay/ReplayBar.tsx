import { useEffect, useRef, useState, type ReactElement } from 'react';
import './replay.css';
import { useAppStore } from '../../state/store';
import { OwnTask } from '../views/ownTask';
import { replayIteration, replayStart, SPEEDS, type ReplaySpeed } from './replay-clock';

/**
 * Animated replay of a finished run: moves the shown iteration (and so the markers on the
 * contours, the 3-D surface and the charts) through the stored records at 1x, 4x or 16x.
 * Nothing is recomputed; it only reads the records.
 */
export function ReplayBar(): ReactElement {
  const last = useAppStore((s) => Math.max(0, ...s.trajectories.map((t) => t.records.length - 1)));
  const finished = useAppStore((s) => s.status === 'done' && s.trajectories.some((t) => t.records.length > 1));
  const iteration = useAppStore((s) => s.iteration);
  const [speed, setSpeed] = useState<ReplaySpeed>(4);
  const [playing, setPlayingState] = useState(false);
  /** Read by the animation frame: a pause stops the very next frame, before React's effect clean-up runs. */
  const playingRef = useRef(false);
  const setPlaying = (on: boolean): void => {
    playingRef.current = on;
    setPlayingState(on);
  };
  const clock = useRef<{ from: number; t0: number } | null>(null);

  useEffect(() => {
    if (!finished) setPlaying(false);
  }, [finished]);

  useEffect(() => {
    if (!playing) return;
    const from = replayStart(useAppStore.getState().iteration, last);
    clock.current = { from, t0: performance.now() };
    useAppStore.getState().setIteration(from);
    // The frame only reads the clock; the iteration reaches the store in a task of its own after
    // it: set inside the frame, the views' re-render ran before the frame's layout and paint, in
    // one task with them (27 ms of a 70-89 ms frame in traces of 17 runs at 16x, load ~3).
    let next = from;
    const apply = new OwnTask(() => {
      if (!playingRef.current) return;
      if (next !== useAppStore.getState().iteration) useAppStore.getState().setIteration(next);
      if (next >= last) setPlaying(false);
    });
    let frame = requestAnimationFrame(function tick(now) {
      if (!playingRef.current) return;
      const c = clock.current!;
      next = replayIteration(c.from, now - c.t0, speed, last);
      apply.request();
      if (next < last) frame = requestAnimationFrame(tick);
    });
    return () => {
      cancelAnimationFrame(frame);
      apply.close();
    };
  }, [playing, speed, last]);

  return (
    <div className="replay-bar" data-testid="replay">
      <button type="button" className="small-button" data-testid="replay-play" disabled={!finished} aria-pressed={playing} onClick={() => setPlaying(!playingRef.current)}>
        {playing ? '❚❚ Pause' : '▶ Replay'}
      </button>
      <label className="inline">
        speed
        <select data-testid="replay-speed" value={speed} onChange={(e) => setSpeed(Number(e.target.value) as ReplaySpeed)}>
          {SPEEDS.map((s) => (
            <option key={s} value={s}>
              {s}x
            </option>
          ))}
        </select>
      </label>
      <span className="muted small" data-testid="replay-position">
        {finished ? `iteration ${Math.min(iteration, last)} / ${last}` : 'replays a finished run'}
      </span>
    </div>
  );
}
