// @vitest-environment node
import { describe, expect, it, vi } from 'vitest';
import { IdleWatchdog } from './idle-watchdog';
import { FakeClock } from './testing/fake-clock';

const LIMITS = { beforeFirstOutputMs: 300_000, afterOutputMs: 30_000 };

function setup() {
  const clock = new FakeClock();
  const onIdle = vi.fn();
  const watchdog = new IdleWatchdog(clock, LIMITS, onIdle);
  watchdog.start();
  return { clock, onIdle, watchdog };
}

describe('IdleWatchdog', () => {
  it('fires once after the before-first-output limit of silence', async () => {
    const { clock, onIdle } = setup();
    await clock.advance(299_999);
    expect(onIdle).not.toHaveBeenCalled();
    await clock.advance(1);
    expect(onIdle).toHaveBeenCalledExactlyOnceWith(300_000);
    await clock.advance(1_000_000);
    expect(onIdle).toHaveBeenCalledTimes(1);
  });

  it('measures silence from the last activity', async () => {
    const { clock, onIdle, watchdog } = setup();
    for (let i = 0; i < 10; i++) {
      await clock.advance(200_000);
      watchdog.touch();
    }
    expect(onIdle).not.toHaveBeenCalled();
    await clock.advance(300_000);
    expect(onIdle).toHaveBeenCalledTimes(1);
  });

  it('switches to the shorter limit once output starts', async () => {
    const { clock, onIdle, watchdog } = setup();
    await clock.advance(100_000);
    watchdog.outputStarted();
    await clock.advance(29_999);
    expect(onIdle).not.toHaveBeenCalled();
    await clock.advance(1);
    expect(onIdle).toHaveBeenCalledExactlyOnceWith(30_000);
  });

  it('does not count time while paused (the consumer is busy), only from resuming', async () => {
    const { clock, onIdle, watchdog } = setup();
    watchdog.outputStarted();
    watchdog.pause();
    await clock.advance(120_000);
    expect(onIdle).not.toHaveBeenCalled();
    watchdog.resume();
    await clock.advance(29_999);
    expect(onIdle).not.toHaveBeenCalled();
    await clock.advance(1);
    expect(onIdle).toHaveBeenCalledTimes(1);
  });

  it('never fires once stopped, and leaves no timer behind', async () => {
    const { clock, onIdle, watchdog } = setup();
    watchdog.stop();
    expect(clock.pendingTimers).toBe(0);
    await clock.advance(1_000_000);
    expect(onIdle).not.toHaveBeenCalled();
  });
});
