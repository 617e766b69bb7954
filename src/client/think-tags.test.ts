// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { ThinkTagSplitter, type ContentParts } from './think-tags';

function split(deltas: string[]): ContentParts {
  const splitter = new ThinkTagSplitter();
  const total: ContentParts = { reasoning: '', text: '' };
  for (const delta of [...deltas.map((d) => splitter.push(d)), splitter.flush()]) {
    total.reasoning += delta.reasoning;
    total.text += delta.text;
  }
  return total;
}

describe('ThinkTagSplitter', () => {
  const content = '<think>\nCount the r letters.\n</think>\n\nThere are three.';

  it('moves a leading think block to reasoning and keeps the answer as text', () => {
    expect(split([content])).toEqual({
      reasoning: '\nCount the r letters.\n',
      text: 'There are three.',
    });
  });

  it('handles the content split at every point, tags included', () => {
    for (let cut = 1; cut < content.length; cut++) {
      expect(split([content.slice(0, cut), content.slice(cut)]), `cut at ${cut}`).toEqual({
        reasoning: '\nCount the r letters.\n',
        text: 'There are three.',
      });
    }
    expect(split([...content])).toEqual({
      reasoning: '\nCount the r letters.\n',
      text: 'There are three.',
    });
  });

  it('passes content without a leading think block through untouched', () => {
    const splitter = new ThinkTagSplitter();
    expect(splitter.push('Hello')).toEqual({ reasoning: '', text: 'Hello' });
    expect(splitter.isPlainText).toBe(true);
    expect(split(['I wrote <think>x</think> in my answer'])).toEqual({
      reasoning: '',
      text: 'I wrote <think>x</think> in my answer',
    });
  });

  it('allows whitespace before the opening tag', () => {
    expect(split(['\n ', '<thi', 'nk>why</think>ok'])).toEqual({ reasoning: 'why', text: 'ok' });
  });

  it('releases a held partial tag as text when the content ends', () => {
    expect(split(['<thi'])).toEqual({ reasoning: '', text: '<thi' });
    expect(split(['<b>bold</b>'])).toEqual({ reasoning: '', text: '<b>bold</b>' });
  });

  it('keeps an unterminated think block as reasoning', () => {
    expect(split(['<think>still thinking</thi'])).toEqual({
      reasoning: 'still thinking</thi',
      text: '',
    });
  });
});
