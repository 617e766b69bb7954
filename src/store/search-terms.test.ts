// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { MAX_TERM_LENGTH, extractTerms, parseQuery, tokenize } from './search-terms';

describe('tokenize', () => {
  it('lower-cases and splits on anything that is not a letter, mark or digit', () => {
    expect(tokenize('Hello, World! v2 — état_final')).toEqual([
      'hello',
      'world',
      'v2',
      'état',
      'final',
    ]);
  });

  it('folds compatibility forms (full-width letters, ligatures) so they match plain text', () => {
    expect(tokenize('ＡＢＣ ﬁle')).toEqual(['abc', 'file']);
  });

  it('treats accented letters written with combining marks like precomposed ones', () => {
    expect(tokenize('Cafe\u0301')).toEqual(tokenize('Café'));
  });

  it('keeps words of other scripts whole', () => {
    expect(tokenize('Привет мир, Γειά σου')).toEqual(['привет', 'мир', 'γειά', 'σου']);
  });

  it('cuts unspaced scripts (Chinese, Japanese) into dictionary words', () => {
    const words = tokenize('我喜欢吃苹果');
    expect(words).toContain('苹果');
    expect(words.join('')).toBe('我喜欢吃苹果');
  });

  it('caps very long words, counting code points', () => {
    const long = '😀'.repeat(MAX_TERM_LENGTH + 10);
    expect([...(tokenize(`a${'b'.repeat(100)}`)[0] ?? '')]).toHaveLength(MAX_TERM_LENGTH);
    // Emoji are not letters: no term, and no half surrogate pair either.
    expect(tokenize(long)).toEqual([]);
  });
});

describe('extractTerms', () => {
  it('returns each word once', () => {
    expect(extractTerms('the cat and THE hat')).toEqual(['the', 'cat', 'and', 'hat']);
  });
});

describe('parseQuery', () => {
  it('matches the last word as a prefix and the others exactly', () => {
    expect(parseQuery('Rust borrow che')).toEqual({ exact: ['rust', 'borrow'], prefix: 'che' });
  });

  it('returns null when the query has no words', () => {
    expect(parseQuery('  ?! ')).toBeNull();
  });
});
