// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { UsageTracker } from './usage-tracker';

const usage = (input: number, output: number) => ({
  input,
  cachedInput: 1,
  output,
  reasoningOutput: 2,
  total: input + output,
});

describe('UsageTracker', () => {
  it('sums turns per provider and model, and cost only when reported', async () => {
    const tracker = new UsageTracker(fakeBrowser.storage.local);
    await Promise.all([
      tracker.record('p1', 'gpt', usage(10, 5), null),
      tracker.record('p1', 'gpt', usage(20, 5), null),
      tracker.record('p2', 'llama', usage(1, 1), 0.0015),
      tracker.record('p2', 'llama', null, 0.001),
    ]);
    const { rows } = await tracker.totals();
    expect(rows).toEqual([
      {
        providerId: 'p1',
        model: 'gpt',
        turns: 2,
        input: 30,
        cachedInput: 2,
        output: 10,
        reasoningOutput: 4,
        cost: null,
      },
      {
        providerId: 'p2',
        model: 'llama',
        turns: 2,
        input: 1,
        cachedInput: 1,
        output: 1,
        reasoningOutput: 2,
        cost: 0.0025,
      },
    ]);
  });

  it('starts from zero when stored totals are corrupted', async () => {
    await fakeBrowser.storage.local.set({ 'usage.v1': { nonsense: true } });
    const tracker = new UsageTracker(fakeBrowser.storage.local);
    await tracker.record('p', 'm', usage(1, 1), null);
    expect((await tracker.totals()).rows).toHaveLength(1);
  });
});
