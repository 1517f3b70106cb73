import { describe, expect, it } from 'vitest';
import type { GateClock } from '../controllers/interval-gate';
import { RedrawPacer } from './redrawPacer';

/** A clock whose time the test sets, with timers it fires by hand. */
class FakeClock implements GateClock {
  t = 0;
  timers = new Map<number, { at: number; callback: () => void }>();
  private next = 1;

  now(): number {
    return this.t;
  }

  setTimeout(callback: () => void, ms: number): unknown {
    const id = this.next++;
    this.timers.set(id, { at: this.t + ms, callback });
    return id;
  }

  clearTimeout(handle: unknown): void {
    this.timers.delete(handle as number);
  }

  /** Moves to `t`, firing the timers due by then. */
  advance(t: number): void {
    this.t = t;
    for (const [id, timer] of [...this.timers]) {
      if (timer.at > t) continue;
      this.timers.delete(id);
      timer.callback();
    }
  }
}

function setup(share = 0.25): { clock: FakeClock; pacer: RedrawPacer; asks: number[] } {
  const clock = new FakeClock();
  const asks: number[] = [];
  const pacer = new RedrawPacer(() => asks.push(clock.t), clock, share);
  return { clock, pacer, asks };
}

describe('RedrawPacer', () => {
  it('after a 20 ms frame, waits 60 ms (a quarter share) before a marker-only redraw', () => {
    const { clock, pacer, asks } = setup();
    pacer.drawn(0, 20);
    clock.advance(30);
    pacer.request(true);
    expect(asks).toEqual([]);
    // asked again while waiting: still one timer, due at 20 + 3 x 20 = 80
    clock.advance(50);
    pacer.request(true);
    expect(clock.timers.size).toBe(1);
    clock.advance(79);
    expect(asks).toEqual([]);
    clock.advance(80);
    expect(asks).toEqual([80]);
  });

  it('asks at once when the pace allows, and not again until that frame is drawn', () => {
    const { clock, pacer, asks } = setup();
    pacer.drawn(0, 2);
    clock.advance(8);
    pacer.request(true);
    pacer.request(true);
    expect(asks).toEqual([8]);
    // the frame drawn from 10 to 12 took in both moves; the next may come from 12 + 6 = 18
    pacer.drawn(10, 12);
    clock.advance(14);
    pacer.request(true);
    expect(asks).toEqual([8]);
    clock.advance(18);
    expect(asks).toEqual([8, 18]);
  });

  it('asks at once for new data, dropping a marker-only redraw that was waiting', () => {
    const { clock, pacer, asks } = setup();
    pacer.drawn(0, 40);
    clock.advance(41);
    pacer.request(true);
    expect(clock.timers.size).toBe(1);
    pacer.request(false);
    expect(asks).toEqual([41]);
    expect(clock.timers.size).toBe(0);
    // a second data change before that frame is asked for too (asking twice costs nothing)
    pacer.request(false);
    expect(asks).toEqual([41, 41]);
  });

  it('a frame drawn for anything else (an orbit, a resize) drops the waiting redraw: it drew the moved markers', () => {
    const { clock, pacer, asks } = setup();
    pacer.drawn(0, 10);
    clock.advance(12);
    pacer.request(true);
    pacer.drawn(20, 21);
    clock.advance(100);
    expect(asks).toEqual([]);
    expect(clock.timers.size).toBe(0);
  });

  it('with a share of a half, waits as long as the frame took', () => {
    const { clock, pacer, asks } = setup(0.5);
    pacer.drawn(100, 130);
    clock.advance(131);
    pacer.request(true);
    clock.advance(159);
    expect(asks).toEqual([]);
    clock.advance(160);
    expect(asks).toEqual([160]);
  });
});

describe('RedrawPacer.committed', () => {
  it('paces from the frame\'s commit when it ended later than the drawing, keeping a waiting redraw', () => {
    const { clock, pacer, asks } = setup();
    // drawn from 0 to 5; the commit (a software-composited page reading the drawing back) ended at 40
    pacer.drawn(0, 5);
    clock.advance(10);
    pacer.request(true);
    expect(clock.timers.size).toBe(1);
    pacer.committed(0, 40);
    // due at 40 + 3 x 40 = 160, not 5 + 3 x 5 = 20; the request made meanwhile still waits
    clock.advance(159);
    expect(asks).toEqual([]);
    clock.advance(160);
    expect(asks).toEqual([160]);
  });

  it('changes nothing when the commit ended no later than the pace already allows', () => {
    const { clock, pacer, asks } = setup();
    pacer.drawn(0, 20);
    pacer.committed(0, 20);
    clock.advance(30);
    pacer.request(true);
    clock.advance(80);
    expect(asks).toEqual([80]);
  });
});
