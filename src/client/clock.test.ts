// @vitest-environment node
import { describe, expect, it, vi } from 'vitest';
import { systemClock } from './clock';
import { FakeClock } from './testing/fake-clock';

describe('systemClock', () => {
  it('sleeps, and stops sleeping when the signal aborts', async () => {
    await expect(systemClock.sleep(1)).resolves.toBeUndefined();
    const controller = new AbortController();
    const sleeping = systemClock.sleep(60_000, controller.signal);
    controller.abort(new Error('stop'));
    await expect(sleeping).rejects.toThrow('stop');
    await expect(systemClock.sleep(10, controller.signal)).rejects.toThrow('stop');
  });

  it('runs and cancels timers', async () => {
    const fired = vi.fn();
    const handle = systemClock.setTimeout(fired, 60_000);
    systemClock.clearTimeout(handle);
    await new Promise<void>((resolve) => systemClock.setTimeout(resolve, 1));
    expect(fired).not.toHaveBeenCalled();
  });
});

describe('FakeClock', () => {
  it('fires due timers in time order as time advances, and records sleeps', async () => {
    const clock = new FakeClock(0);
    const order: string[] = [];
    clock.setTimeout(() => order.push('b'), 20);
    clock.setTimeout(() => order.push('a'), 10);
    const slept = clock.sleep(30).then(() => order.push(`slept at ${clock.now()}`));
    await clock.advance(15);
    expect(order).toEqual(['a']);
    await clock.advance(15);
    await slept;
    expect(order).toEqual(['a', 'b', 'slept at 30']);
    expect(clock.sleeps).toEqual([30]);
  });
});
