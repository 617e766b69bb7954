// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { FakeClock } from './fake-clock';

describe('FakeClock', () => {
  it('runs due timers in time order, each at its own time, including timers they set', () => {
    const clock = new FakeClock(1_000);
    const seen: string[] = [];
    clock.setTimeout(() => seen.push(`b@${clock.now()}`), 20);
    clock.setTimeout(() => {
      seen.push(`a@${clock.now()}`);
      clock.setTimeout(() => seen.push(`c@${clock.now()}`), 5);
    }, 10);
    clock.setTimeout(() => seen.push(`late@${clock.now()}`), 100);
    clock.advance(30);
    expect(seen).toEqual(['a@1010', 'c@1015', 'b@1020']);
    expect(clock.now()).toBe(1_030);
    expect(clock.pendingTimers).toBe(1);
  });

  it('does not run cleared timers', () => {
    const clock = new FakeClock();
    let ran = false;
    clock.clearTimeout(clock.setTimeout(() => (ran = true), 1));
    clock.advance(10);
    expect(ran).toBe(false);
  });

  it('sleeps until advanced, and rejects with the reason on abort', async () => {
    const clock = new FakeClock();
    const slept = clock.sleep(50);
    clock.advance(50);
    await expect(slept).resolves.toBeUndefined();
    const controller = new AbortController();
    const aborted = clock.sleep(50, controller.signal);
    controller.abort(new Error('stop'));
    await expect(aborted).rejects.toThrow('stop');
    expect(clock.pendingTimers).toBe(0);
  });
});
