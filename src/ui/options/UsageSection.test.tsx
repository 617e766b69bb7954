import { cleanup, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { UsageTotals } from '@/shared/protocol';
import { ollamaProvider, openAiProvider, startupHandlers } from './testing/fixtures';
import { renderOptions } from './testing/render-options';

afterEach(cleanup);

const totals: UsageTotals = {
  rows: [
    {
      providerId: 'openai-1',
      model: 'gpt-4.1-mini',
      turns: 3,
      input: 12_345,
      cachedInput: 2_000,
      output: 678,
      reasoningOutput: 90,
      cost: 0.0123,
    },
    {
      providerId: 'ollama-1',
      model: 'llama3.2',
      turns: 1,
      input: 100,
      cachedInput: 0,
      output: 20,
      reasoningOutput: 0,
      cost: null,
    },
  ],
};

async function usage() {
  return within(await screen.findByRole('region', { name: 'Usage' }));
}

describe('usage', () => {
  it('has an empty state', async () => {
    renderOptions();
    const section = await usage();
    expect(await section.findByText(/No usage yet/)).toBeTruthy();
    expect(section.queryByRole('table')).toBeNull();
  });

  it('lists usage per provider and model, with "—" for an unknown cost', async () => {
    renderOptions({
      ...startupHandlers({ providers: [openAiProvider, ollamaProvider] }),
      'usage.get': () => totals,
    });
    const section = await usage();
    const table = await section.findByRole('table');
    const cells = within(table)
      .getAllByRole('row')
      .map((row) => [...row.querySelectorAll('th, td')].map((cell) => cell.textContent));
    expect(cells).toEqual([
      ['Provider', 'Model', 'Turns', 'Input', 'Cached', 'Output', 'Reasoning', 'Cost'],
      ['OpenAI', 'gpt-4.1-mini', '3', '12,345', '2,000', '678', '90', '$0.01'],
      ['Home Ollama', 'llama3.2', '1', '100', '0', '20', '0', '—'],
      ['Total', '4', '12,445', '2,000', '698', '90', 'at least $0.01'],
    ]);
  });

  it('refreshes on request', async () => {
    const { user, background } = renderOptions({
      ...startupHandlers({ providers: [openAiProvider] }),
    });
    const section = await usage();
    await section.findByText(/No usage yet/);
    background.handle({ 'usage.get': () => ({ rows: [totals.rows[0]!] }) });
    await user.click(section.getByRole('button', { name: 'Refresh usage' }));
    expect(await section.findByRole('table')).toBeTruthy();
    expect(section.getByText('gpt-4.1-mini')).toBeTruthy();
    expect(background.payloadsOf('usage.get')).toHaveLength(2);
  });
});
