// @vitest-environment node
import { describe, expect, it } from 'vitest';
import {
  modelInfoFrom,
  openRouterAttributionHeaders,
  openRouterCost,
  openRouterRequestExtras,
} from './openrouter';

describe('OpenRouter specifics', () => {
  it('attributes requests to Parley under both header names', () => {
    expect(openRouterAttributionHeaders()).toEqual({
      'HTTP-Referer': 'https://github.com/parley-extension',
      'X-OpenRouter-Title': 'Parley',
      'X-Title': 'Parley',
    });
  });

  it('asks for usage accounting, and for reasoning in its own shape', () => {
    expect(openRouterRequestExtras(undefined)).toEqual({ usage: { include: true } });
    expect(openRouterRequestExtras('high')).toEqual({
      usage: { include: true },
      reasoning: { effort: 'high' },
    });
  });

  it('reads the exact cost when reported', () => {
    expect(openRouterCost({ total_tokens: 30, cost: 0.0015 })).toBe(0.0015);
    expect(openRouterCost({ total_tokens: 30 })).toBeNull();
    expect(openRouterCost({ cost: '0.1' })).toBeNull();
  });

  it('reads a model entry with per-token prices as numbers and the context length', () => {
    expect(
      modelInfoFrom({
        id: 'openai/gpt-4o',
        name: 'OpenAI: GPT-4o',
        context_length: 128_000,
        pricing: { prompt: '0.0000025', completion: '0.00001', request: '0' },
      }),
    ).toEqual({
      id: 'openai/gpt-4o',
      name: 'OpenAI: GPT-4o',
      contextLength: 128_000,
      pricing: { prompt: 0.0000025, completion: 0.00001 },
    });
  });

  it('leaves out prices that vary ("-1") and keeps plain entries as ids', () => {
    expect(
      modelInfoFrom({ id: 'openrouter/auto', pricing: { prompt: '-1', completion: '-1' } }),
    ).toEqual({
      id: 'openrouter/auto',
    });
    expect(modelInfoFrom({ id: 'llama3.2:latest', object: 'model', owned_by: 'library' })).toEqual({
      id: 'llama3.2:latest',
    });
    expect(modelInfoFrom({ name: 'no id' })).toBeNull();
  });
});
