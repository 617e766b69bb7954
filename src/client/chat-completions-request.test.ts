// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { buildChatCompletionsRequest } from './chat-completions-request';
import type { TurnRequest } from './types';

const full: TurnRequest = {
  model: 'm',
  instructions: 'Be brief.',
  messages: [{ role: 'user', content: 'Hi' }],
  reasoning: { effort: 'high' },
  verbosity: 'low',
  temperature: 0.2,
  maxOutputTokens: 256,
  cacheKey: 'conv-1',
};

describe('buildChatCompletionsRequest', () => {
  it('streams with usage, the instructions as a leading system message', () => {
    expect(
      buildChatCompletionsRequest(
        { kind: 'compatible' },
        { model: 'm', instructions: 'Be brief.', messages: full.messages },
      ),
    ).toEqual({
      model: 'm',
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'Hi' },
      ],
      stream: true,
      stream_options: { include_usage: true },
    });
  });

  it('OpenAI: max_completion_tokens, reasoning_effort, verbosity, prompt_cache_key', () => {
    const body = buildChatCompletionsRequest({ kind: 'openai' }, full);
    expect(body).toMatchObject({
      max_completion_tokens: 256,
      reasoning_effort: 'high',
      verbosity: 'low',
      prompt_cache_key: 'conv-1',
      temperature: 0.2,
    });
    expect(body).not.toHaveProperty('max_tokens');
  });

  it('OpenRouter: max_tokens, usage accounting, reasoning in its own shape', () => {
    const body = buildChatCompletionsRequest({ kind: 'openrouter' }, full);
    expect(body).toMatchObject({
      max_tokens: 256,
      usage: { include: true },
      reasoning: { effort: 'high' },
      verbosity: 'low',
    });
    expect(body).not.toHaveProperty('reasoning_effort');
    expect(body).not.toHaveProperty('prompt_cache_key');
  });

  it('compatible servers: max_tokens and reasoning_effort, no OpenAI-only fields', () => {
    const body = buildChatCompletionsRequest({ kind: 'compatible' }, full);
    expect(body).toMatchObject({ max_tokens: 256, reasoning_effort: 'high' });
    expect(body).not.toHaveProperty('verbosity');
    expect(body).not.toHaveProperty('prompt_cache_key');
    expect(body).not.toHaveProperty('usage');
  });
});
