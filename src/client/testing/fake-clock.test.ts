// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { FakeClock, flushMicrotasks } from './fake-clock';

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
    clock.advanceSync(30);
    expect(seen).toEqual(['a@1010', 'c@1015', 'b@1020']);
    expect(clock.now()).toBe(1_030);
    expect(clock.pendingTimers).toBe(1);
  });

  it('runs timers due at the same time in the order they were set', () => {
    const clock = new FakeClock(0);
    const seen: string[] = [];
    clock.setTimeout(() => seen.push('first'), 10);
    clock.setTimeout(() => seen.push('second'), 10);
    clock.setTimeout(() => seen.push('third'), 10);
    clock.advanceSync(10);
    expect(seen).toEqual(['first', 'second', 'third']);
  });

  it('does not run cleared timers', () => {
    const clock = new FakeClock();
    let ran = false;
    clock.clearTimeout(clock.setTimeout(() => (ran = true), 1));
    clock.advanceSync(10);
    expect(ran).toBe(false);
  });

  it('drops every pending timer on discardTimers, while time still moves', () => {
    const clock = new FakeClock(0);
    let ran = false;
    clock.setTimeout(() => (ran = true), 5);
    clock.discardTimers();
    expect(clock.pendingTimers).toBe(0);
    clock.advanceSync(10);
    expect(ran).toBe(false);
    expect(clock.now()).toBe(10);
  });

  it('sleeps until advanced, records each sleep, and rejects with the reason on abort', async () => {
    const clock = new FakeClock();
    const slept = clock.sleep(50);
    clock.advanceSync(50);
    await expect(slept).resolves.toBeUndefined();
    const controller = new AbortController();
    const aborted = clock.sleep(70, controller.signal);
    controller.abort(new Error('stop'));
    await expect(aborted).rejects.toThrow('stop');
    await expect(clock.sleep(90, controller.signal)).rejects.toThrow('stop');
    expect(clock.pendingTimers).toBe(0);
    expect(clock.sleeps).toEqual([50, 70, 90]);
  });

  it('lets awaiting code run between timers when advancing asynchronously', async () => {
    const clock = new FakeClock(0);
    const seen: string[] = [];
    clock.setTimeout(() => seen.push(`timer@${clock.now()}`), 25);
    const waited = (async () => {
      await clock.sleep(10);
      seen.push(`woke@${clock.now()}`);
      await clock.sleep(10);
      seen.push(`woke again@${clock.now()}`);
    })();
    await clock.advance(30);
    await waited;
    expect(seen).toEqual(['woke@10', 'woke again@20', 'timer@25']);
    expect(clock.now()).toBe(30);
  });

  it('does not wait for awaiting code when advancing synchronously', async () => {
    const clock = new FakeClock(0);
    const seen: string[] = [];
    const waited = (async () => {
      await clock.sleep(10);
      seen.push(`woke@${clock.now()}`);
      await clock.sleep(10);
      seen.push(`woke again@${clock.now()}`);
    })();
    clock.advanceSync(30);
    expect(seen).toEqual([]);
    await flushMicrotasks();
    expect(seen).toEqual(['woke@30']);
    expect(clock.pendingTimers).toBe(1);
    clock.advanceSync(10);
    await waited;
    expect(seen).toEqual(['woke@30', 'woke again@40']);
  });
});
