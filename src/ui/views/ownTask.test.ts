import { describe, expect, it, vi } from 'vitest';
import { OwnTask } from './ownTask';

/** A few turns of the event loop: any message already posted has been delivered by then. */
const settle = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 20));

describe('OwnTask', () => {
  it('runs once for however many requests come before its task, and not in the requesting task', async () => {
    let runs = 0;
    const task = new OwnTask(() => runs++);
    task.request();
    task.request();
    task.request();
    expect(runs).toBe(0);
    await vi.waitFor(() => expect(runs).toBe(1));
    await settle();
    expect(runs).toBe(1);
    task.request();
    await vi.waitFor(() => expect(runs).toBe(2));
    task.close();
  });

  it('drops a pending run when closed, and runs again after a later request', async () => {
    let runs = 0;
    const task = new OwnTask(() => runs++);
    task.request();
    task.close();
    task.request();
    await vi.waitFor(() => expect(runs).toBe(1));
    await settle();
    expect(runs).toBe(1);
    task.close();
  });
});
