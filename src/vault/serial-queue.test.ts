// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { SerialQueue } from './serial-queue';

describe('SerialQueue', () => {
  it('runs tasks one at a time in call order', async () => {
    const queue = new SerialQueue();
    const log: string[] = [];
    let releaseFirst!: () => void;
    let firstStarted!: () => void;
    const started = new Promise<void>((resolve) => (firstStarted = resolve));
    const first = queue.run(async () => {
      log.push('first start');
      firstStarted();
      await new Promise<void>((resolve) => (releaseFirst = resolve));
      log.push('first end');
    });
    const second = queue.run(async () => {
      log.push('second');
    });
    await started;
    expect(log).toEqual(['first start']);
    releaseFirst();
    await Promise.all([first, second]);
    expect(log).toEqual(['first start', 'first end', 'second']);
  });

  it('reports a failure to its caller and keeps running later tasks', async () => {
    const queue = new SerialQueue();
    const failed = queue.run(async () => {
      throw new Error('boom');
    });
    const next = queue.run(async () => 42);
    await expect(failed).rejects.toThrow('boom');
    await expect(next).resolves.toBe(42);
  });
});
