// @vitest-environment node
import { describe, expect, it, vi } from 'vitest';
import { KeepAlive } from './keep-alive';

function fakeTimers() {
  const timers = new Map<number, () => void>();
  let next = 1;
  return {
    timers,
    setInterval: (fn: () => void) => {
      timers.set(next, fn);
      return next++;
    },
    clearInterval: (handle: unknown) => void timers.delete(handle as number),
    tick: () => [...timers.values()].forEach((fn) => fn()),
  };
}

describe('KeepAlive', () => {
  it('pings only while a lease is held', () => {
    const clock = fakeTimers();
    const ping = vi.fn(async () => ({}));
    const keepAlive = new KeepAlive({
      ping,
      setInterval: clock.setInterval,
      clearInterval: clock.clearInterval,
    });

    clock.tick();
    expect(ping).not.toHaveBeenCalled();

    const releaseA = keepAlive.acquire();
    const releaseB = keepAlive.acquire();
    expect(clock.timers.size).toBe(1);
    clock.tick();
    expect(ping).toHaveBeenCalledTimes(1);

    releaseA();
    releaseA(); // idempotent: must not drop B's lease
    expect(keepAlive.active).toBe(true);
    clock.tick();
    expect(ping).toHaveBeenCalledTimes(2);

    releaseB();
    expect(keepAlive.active).toBe(false);
    expect(clock.timers.size).toBe(0);
  });

  it('survives a failing ping', async () => {
    const clock = fakeTimers();
    const ping = vi.fn(async () => {
      throw new Error('context invalidated');
    });
    const keepAlive = new KeepAlive({
      ping,
      setInterval: clock.setInterval,
      clearInterval: clock.clearInterval,
    });
    const release = keepAlive.acquire();
    clock.tick();
    await Promise.resolve();
    expect(ping).toHaveBeenCalledTimes(1);
    release();
  });
});
