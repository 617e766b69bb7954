// @vitest-environment node
import { describe, expect, it } from 'vitest';
import type { ProviderView } from '@/shared/settings';
import { sumUsage, usageRows } from './usage-rows';

const row = (providerId: string, cost: number | null, input = 100) => ({
  providerId,
  model: 'm',
  turns: 2,
  input,
  cachedInput: 10,
  output: 50,
  reasoningOutput: 5,
  cost,
});

describe('usageRows', () => {
  it('names providers and marks removed ones', () => {
    const providers = [{ id: 'a', name: 'Home Ollama' } as ProviderView];
    const rows = usageRows({ rows: [row('a', null), row('gone', 1)] }, providers);
    expect(rows.map((r) => r.providerName)).toEqual(['Home Ollama', 'Removed provider']);
  });
});

describe('sumUsage', () => {
  it('adds every count and the known costs, flagging unknown ones', () => {
    const sum = sumUsage([row('a', 0.5, 100), row('b', null, 300), row('c', 0.25, 1)]);
    expect(sum).toEqual({
      turns: 6,
      input: 401,
      cachedInput: 30,
      output: 150,
      reasoningOutput: 15,
      cost: 0.75,
      costIncomplete: true,
    });
  });

  it('has no cost when none is known', () => {
    expect(sumUsage([row('a', null)]).cost).toBeNull();
    expect(sumUsage([row('a', 0)])).toMatchObject({ cost: 0, costIncomplete: false });
  });
});
