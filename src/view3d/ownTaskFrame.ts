import { useEffect, useMemo } from 'react';
import { advance, useThree } from '@react-three/fiber';
import { OwnTask } from '../ui/views/ownTask';

/**
 * Returns a function that draws the view's next frame in a task of its own rather than in the
 * next animation frame. With frameloop "demand", invalidate() renders inside the browser's frame,
 * after the page's style and layout and before its paint: on software GL a frame of 17
 * trajectories was 40-55 ms of three's work, and in one task with the layout and paint of the
 * charts and table updated by the same batch it made 65-80 ms tasks (Chrome traces, 17 optimizers
 * and the XOR network at load ~3). Drawn in its own task, the canvas shows the frame at the next
 * paint. Camera drags and resizes still invalidate, so they draw in step with the display.
 */
export function useOwnTaskFrame(): () => void {
  const get = useThree((s) => s.get);
  const task = useMemo(() => new OwnTask(() => advance(performance.now(), true, get())), [get]);
  useEffect(() => () => task.close(), [task]);
  return useMemo(() => () => task.request(), [task]);
}
