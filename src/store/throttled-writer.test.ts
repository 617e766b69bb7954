// @vitest-environment node
import { describe, expect, it, vi } from 'vitest';
import { FakeClock } from '@/client/testing/fake-clock';
import { ThrottledWriter } from './throttled-writer';

interface Patch {
  content?: string;
  reasoning?: string;
  state?: string;
}

/** Lets every promise callback already queued run (a turn of the event loop, not a timed wait). */
const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

/** A write whose calls the test sees and finishes by hand. */
function manualStorage() {
  const calls: { patch: Patch; at: number; resolve: () => void; reject: (e: unknown) => void }[] =
    [];
  let inFlight = 0;
  let maxInFlight = 0;
  const write = (clock: FakeClock) => (patch: Patch) =>
    new Promise<void>((resolve, reject) => {
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      const done = () => inFlight--;
      calls.push({
        patch,
        at: clock.now(),
        resolve: () => (done(), resolve()),
        reject: (e) => (done(), reject(e)),
      });
    });
  return { calls, write, maxInFlight: () => maxInFlight };
}

function setup(
  options: { retryBaseDelayMs?: number; isRetryable?: (err: unknown) => boolean } = {},
) {
  const clock = new FakeClock(0);
  const storage = manualStorage();
  const onError = vi.fn();
  const onRecovered = vi.fn();
  const writer = new ThrottledWriter<Patch>({
    write: storage.write(clock),
    clock,
    onError,
    onRecovered,
    ...options,
  });
  return { clock, storage, writer, onError, onRecovered };
}

describe('ThrottledWriter', () => {
  it('writes the first update at once, then coalesces the next ones into one write per interval', async () => {
    const { clock, storage, writer } = setup();
    writer.update({ content: 'a' });
    expect(storage.calls.map((c) => c.patch)).toEqual([{ content: 'a' }]);
    storage.calls[0]!.resolve();
    await settle();
    clock.advanceSync(100);
    writer.update({ content: 'ab' });
    writer.update({ reasoning: 'thinking' });
    clock.advanceSync(100);
    writer.update({ content: 'abc' });
    expect(storage.calls).toHaveLength(1);
    clock.advanceSync(49);
    expect(storage.calls).toHaveLength(1);
    clock.advanceSync(1);
    expect(storage.calls).toHaveLength(2);
    expect(storage.calls[1]).toMatchObject({
      at: 250,
      patch: { content: 'abc', reasoning: 'thinking' },
    });
  });

  it('never leaves more than one interval of a steady stream unsaved', async () => {
    const clock = new FakeClock(0);
    const durable: { content: string; at: number }[] = [];
    const writer = new ThrottledWriter<Patch>({
      clock,
      write: async (patch) => void durable.push({ content: patch.content ?? '', at: clock.now() }),
    });
    let text = '';
    const updatedAt = new Map<string, number>();
    for (let tick = 0; tick < 300; tick++) {
      text += 'x';
      updatedAt.set(text, clock.now());
      writer.update({ content: text });
      await settle();
      clock.advanceSync(10);
    }
    await writer.flush();
    // 3 s of tokens every 10 ms: about one write per 250 ms, not one per token.
    expect(durable.length).toBeGreaterThanOrEqual(12);
    expect(durable.length).toBeLessThanOrEqual(14);
    // Every token was durable at most 250 ms after it arrived.
    let written = 0;
    for (const [content, at] of updatedAt) {
      while (durable[written]!.content.length < content.length) written++;
      expect(durable[written]!.at - at).toBeLessThanOrEqual(250);
    }
    expect(durable.at(-1)?.content).toBe(text);
  });

  it('never has two writes in flight: the next one waits and carries the latest data', async () => {
    const { clock, storage, writer } = setup();
    writer.update({ content: 'a' });
    clock.advanceSync(1_000);
    writer.update({ content: 'ab' });
    clock.advanceSync(1_000);
    writer.update({ content: 'abc' });
    expect(storage.calls).toHaveLength(1);
    storage.calls[0]!.resolve();
    await settle();
    // The interval has long passed, so the next write starts as soon as the first ended.
    expect(storage.calls.map((c) => c.patch)).toEqual([{ content: 'a' }, { content: 'abc' }]);
    expect(storage.maxInFlight()).toBe(1);
  });

  it('flush writes at once, ignoring the throttle, and resolves when the write is durable', async () => {
    const { clock, storage, writer } = setup();
    writer.update({ content: 'a' });
    storage.calls[0]!.resolve();
    await settle();
    clock.advanceSync(10);
    writer.update({ content: 'ab', state: 'complete' });
    let flushed = false;
    const flush = writer.flush().then(() => (flushed = true));
    expect(storage.calls[1]).toMatchObject({ at: 10, patch: { content: 'ab', state: 'complete' } });
    await settle();
    expect(flushed).toBe(false);
    storage.calls[1]!.resolve();
    await flush;
    expect(writer.hasUnsavedChanges).toBe(false);
    expect(clock.pendingTimers).toBe(0);
  });

  it('flush during a write waits for it, then writes the rest immediately', async () => {
    const { storage, writer } = setup();
    writer.update({ content: 'a' });
    writer.update({ content: 'ab' });
    const flush = writer.flush();
    expect(storage.calls).toHaveLength(1);
    storage.calls[0]!.resolve();
    await settle();
    expect(storage.calls.map((c) => c.patch)).toEqual([{ content: 'a' }, { content: 'ab' }]);
    storage.calls[1]!.resolve();
    await expect(flush).resolves.toBeUndefined();
  });

  it('flush with nothing unsaved resolves without writing', async () => {
    const { storage, writer } = setup();
    await writer.flush();
    expect(storage.calls).toHaveLength(0);
  });

  it('keeps data through failed writes, retries with backoff, reports error and recovery', async () => {
    const { clock, storage, writer, onError, onRecovered } = setup({ retryBaseDelayMs: 500 });
    const quota = new Error('QuotaExceededError');
    writer.update({ content: 'a' });
    const flush = writer.flush();
    storage.calls[0]!.reject(quota);
    await expect(flush).rejects.toBe(quota);
    expect(onError).toHaveBeenCalledWith(quota);
    expect(writer.hasUnsavedChanges).toBe(true);

    // Updates during the failure neither write at once nor get lost.
    writer.update({ content: 'ab', reasoning: 'r' });
    clock.advanceSync(499);
    expect(storage.calls).toHaveLength(1);
    clock.advanceSync(1);
    expect(storage.calls[1]).toMatchObject({ at: 500, patch: { content: 'ab', reasoning: 'r' } });
    storage.calls[1]!.reject(quota);
    await settle();
    expect(onError).toHaveBeenCalledTimes(2);

    // The second consecutive failure doubles the wait.
    clock.advanceSync(999);
    expect(storage.calls).toHaveLength(2);
    clock.advanceSync(1);
    expect(storage.calls[2]?.patch).toEqual({ content: 'ab', reasoning: 'r' });
    expect(onRecovered).not.toHaveBeenCalled();
    storage.calls[2]!.resolve();
    await settle();
    expect(onRecovered).toHaveBeenCalledTimes(1);
    expect(writer.hasUnsavedChanges).toBe(false);
  });

  it('drops a write that can never succeed instead of retrying it forever', async () => {
    const gone = new Error('record deleted');
    const { clock, storage, writer, onError } = setup({ isRetryable: (err) => err !== gone });
    writer.update({ content: 'a' });
    const flush = writer.flush();
    storage.calls[0]!.reject(gone);
    await expect(flush).rejects.toBe(gone);
    expect(onError).toHaveBeenCalledWith(gone);
    clock.advanceSync(60_000);
    expect(storage.calls).toHaveLength(1);
    expect(writer.hasUnsavedChanges).toBe(false);
    await expect(writer.flush()).resolves.toBeUndefined();
    // A newer update still gets its own attempt.
    writer.update({ content: 'ab' });
    clock.advanceSync(250);
    expect(storage.calls[1]?.patch).toEqual({ content: 'ab' });
  });

  it('retries a write that throws synchronously', async () => {
    const clock = new FakeClock(0);
    const written: Patch[] = [];
    let fail = true;
    const writer = new ThrottledWriter<Patch>({
      clock,
      onError: () => {},
      write: async (patch) => {
        if (fail) throw new Error('aborted');
        written.push(patch);
      },
    });
    writer.update({ content: 'a' });
    await expect(writer.flush()).rejects.toThrow('aborted');
    fail = false;
    clock.advanceSync(500);
    await settle();
    expect(written).toEqual([{ content: 'a' }]);
  });

  it('a flush during the retry wait tries again at once', async () => {
    const { storage, writer } = setup();
    writer.update({ content: 'a' });
    storage.calls[0]!.reject(new Error('aborted'));
    await settle();
    const flush = writer.flush();
    expect(storage.calls).toHaveLength(2);
    storage.calls[1]!.resolve();
    await expect(flush).resolves.toBeUndefined();
  });

  it('dispose stops retrying and hands back what was never written', async () => {
    const { clock, storage, writer } = setup();
    writer.update({ content: 'a' });
    storage.calls[0]!.reject(new Error('aborted'));
    await settle();
    expect(writer.dispose()).toEqual({ content: 'a' });
    clock.advanceSync(60_000);
    expect(storage.calls).toHaveLength(1);
    expect(clock.pendingTimers).toBe(0);
    expect(() => writer.update({ content: 'b' })).toThrow(/dispose/);
  });
});
