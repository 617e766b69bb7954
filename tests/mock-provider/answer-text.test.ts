// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { defaultReplyText, lastUserText, requestTextLength, splitIntoChunks } from './answer-text';

describe('splitIntoChunks', () => {
  it('gives one word per chunk with its leading whitespace by default', () => {
    expect(splitIntoChunks('Mock reply  to:\nyou ')).toEqual([
      'Mock',
      ' reply',
      '  to:',
      '\nyou',
      ' ',
    ]);
  });

  it('cuts fixed-size chunks by code point, never inside a surrogate pair', () => {
    const text = 'a😀b😀c';
    const chunks = splitIntoChunks(text, 2);
    expect(chunks).toEqual(['a😀', 'b😀', 'c']);
    expect(chunks.join('')).toBe(text);
  });

  it('gives no chunks for empty text', () => {
    expect(splitIntoChunks('')).toEqual([]);
    expect(splitIntoChunks('', 3)).toEqual([]);
  });
});

describe('lastUserText', () => {
  it('reads the last user message of a chat request, string or text parts', () => {
    const messages = [
      { role: 'user', content: 'old' },
      {
        role: 'user',
        content: [
          { type: 'text', text: 'new ' },
          { type: 'text', text: 'one' },
        ],
      },
      { role: 'assistant', content: 'reply' },
    ];
    expect(lastUserText({ messages })).toBe('new one');
  });

  it('reads a Responses input string or its last user item', () => {
    expect(lastUserText({ input: 'just text' })).toBe('just text');
    const input = [
      { role: 'user', content: 'first' },
      { role: 'user', content: [{ type: 'input_text', text: 'second' }] },
    ];
    expect(lastUserText({ input })).toBe('second');
  });

  it('finds nothing in other bodies', () => {
    expect(lastUserText(undefined)).toBeUndefined();
    expect(lastUserText({ messages: [{ role: 'system', content: 'x' }] })).toBeUndefined();
  });
});

describe('defaultReplyText and requestTextLength', () => {
  it('echo the user and measure the whole input', () => {
    expect(defaultReplyText('hi')).toBe('Mock reply to: hi');
    expect(defaultReplyText(undefined)).toBe('Mock reply.');
    expect(requestTextLength({ instructions: 'abc', input: 'de' })).toBe(5);
    expect(
      requestTextLength({
        messages: [
          { role: 'system', content: 'ab' },
          { role: 'user', content: 'c' },
        ],
      }),
    ).toBe(3);
  });
});
