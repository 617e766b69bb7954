// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { parseBehaviour } from './parse-behaviour';

describe('parseBehaviour', () => {
  it('accepts every kind with its fields', () => {
    const valid = [
      {
        kind: 'reply',
        text: 'x',
        reasoning: 'y',
        chunkDelayMs: 0,
        firstChunkDelayMs: 10,
        chunkChars: 2,
      },
      { kind: 'reply', usage: { inputTokens: 1, cost: 0.5 }, headers: { 'x-a': '1' } },
      { kind: 'fixture', name: 'aibridge-openai-responses-text', chunkDelayMs: 5 },
      { kind: 'status', status: 429, body: { error: {} }, headers: { 'retry-after': '1' } },
      { kind: 'cut', afterEvents: 0 },
      { kind: 'stall', afterEvents: 1, stallMs: 100, keepAliveEveryMs: 10, keepAliveComment: 'k' },
      { kind: 'malformed', raw: '{', continueAfter: true },
      { kind: 'midstream-error', code: 429, message: 'slow down' },
      { kind: 'midstream-error', code: 'server_error' },
    ];
    for (const behaviour of valid) expect(parseBehaviour(behaviour)).toBe(behaviour);
  });

  it.each([
    [null, /must be an object/],
    [{ kind: 'explode' }, /unknown behaviour kind "explode"/],
    [{ kind: 'cut', after: 3 }, /"cut" has no field "after"/],
    [{ kind: 'cut', afterEvents: 1.5 }, /afterEvents must be an integer/],
    [{ kind: 'reply', chunkDelayMs: -1 }, /chunkDelayMs must be a number/],
    [{ kind: 'reply', text: 3 }, /text must be a string/],
    [{ kind: 'reply', headers: { a: 1 } }, /headers must be an object of string values/],
    [{ kind: 'reply', usage: { tokens: 1 } }, /unknown field "tokens"/],
    [{ kind: 'malformed', continueAfter: 'yes' }, /continueAfter must be a boolean/],
    [{ kind: 'midstream-error', code: {} }, /code must be a string or a number/],
    [{ kind: 'fixture' }, /needs a name/],
    [{ kind: 'fixture', name: 'nope' }, /no fixture named "nope"/],
    [{ kind: 'status' }, /HTTP status/],
    [{ kind: 'status', status: 99 }, /HTTP status/],
  ])('rejects %j', (value, message) => {
    expect(() => parseBehaviour(value)).toThrow(message);
  });
});
