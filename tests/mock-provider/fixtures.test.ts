// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { fixturePath, loadFixture, splitSseEvents } from './fixtures';

const texts = (chunks: Buffer[]) => chunks.map((chunk) => chunk.toString('utf8'));

describe('splitSseEvents', () => {
  it('splits after each blank line and keeps every byte', () => {
    const body = Buffer.from(': c\n\ndata: é\n\nevent: x\ndata: 1\n\n');
    const chunks = splitSseEvents(body);
    expect(texts(chunks)).toEqual([': c\n\n', 'data: é\n\n', 'event: x\ndata: 1\n\n']);
    expect(Buffer.concat(chunks).equals(body)).toBe(true);
  });

  it('handles CRLF line endings and a trailing partial event', () => {
    const body = Buffer.from('data: 1\r\n\r\ndata: 2\r\n\r\ndata: 3');
    expect(texts(splitSseEvents(body))).toEqual(['data: 1\r\n\r\n', 'data: 2\r\n\r\n', 'data: 3']);
  });
});

describe('fixtures', () => {
  it('finds fixtures by name and refuses names that leave the folder', () => {
    expect(fixturePath('aibridge-openai-responses-text')).toMatch(/\.sse$/);
    expect(fixturePath('../fixtures/sse/aibridge-openai-responses-text')).toBeUndefined();
    expect(fixturePath('missing')).toBeUndefined();
  });

  it('loads a fixture as its events', () => {
    const { bytes, events } = loadFixture('blog-openrouter-chat-keepalive-comments-excerpt');
    expect(events).toHaveLength(7); // 3 comments, 3 chunks, [DONE]
    expect(Buffer.concat(events).equals(bytes)).toBe(true);
    expect(() => loadFixture('missing')).toThrow(/no fixture named "missing"/);
  });
});
