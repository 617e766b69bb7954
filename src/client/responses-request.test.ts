// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { buildResponsesRequest } from './responses-request';

describe('buildResponsesRequest', () => {
  const messages = [
    { role: 'user' as const, content: 'Hi' },
    { role: 'assistant' as const, content: 'Hello!' },
    { role: 'user' as const, content: 'Tell me more' },
  ];

  it('sends the conversation as input items, stateless, and nothing unasked', () => {
    expect(buildResponsesRequest({ model: 'gpt-5', messages })).toEqual({
      model: 'gpt-5',
      input: [
        { type: 'message', role: 'user', content: [{ type: 'input_text', text: 'Hi' }] },
        { type: 'message', role: 'assistant', content: [{ type: 'output_text', text: 'Hello!' }] },
        { type: 'message', role: 'user', content: [{ type: 'input_text', text: 'Tell me more' }] },
      ],
      stream: true,
      store: false,
    });
  });

  it('adds instructions, reasoning with encrypted content, verbosity, cache key and limits when set', () => {
    const body = buildResponsesRequest({
      model: 'gpt-5',
      instructions: 'Be brief.',
      messages,
      reasoning: { effort: 'low', summary: 'auto' },
      verbosity: 'low',
      cacheKey: 'conv-1',
      temperature: 0,
      maxOutputTokens: 500,
    });
    expect(body).toMatchObject({
      instructions: 'Be brief.',
      reasoning: { effort: 'low', summary: 'auto' },
      include: ['reasoning.encrypted_content'],
      text: { verbosity: 'low' },
      prompt_cache_key: 'conv-1',
      temperature: 0,
      max_output_tokens: 500,
    });
  });
});
