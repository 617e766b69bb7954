// @vitest-environment node
import { marked } from 'marked';
import { describe, expect, it } from 'vitest';
import { lexIncrementally, type LexedText } from './incremental-lex';

const fullLex = (text: string) => JSON.stringify(marked.lexer(text, { gfm: true }));

/** Streams `doc` in chunks of `step` characters; returns the first prefix whose tokens differ. */
function firstMismatch(doc: string, step: number): string | null {
  let lexed: LexedText | null = null;
  for (let end = 0; end <= doc.length + step; end += step) {
    const text = doc.slice(0, end);
    lexed = lexIncrementally(text, lexed);
    if (JSON.stringify(lexed.tokens) !== fullLex(text)) return text;
  }
  return null;
}

const TRICKY = {
  'a list that continues after a blank line':
    '- one\n- two\n\n- three\n\n  still three\n\nAfter.\n',
  'an ordered list with a nested paragraph': '1. first\n2. second\n\n   more of second\n3. third\n',
  'a code fence opened, streamed, then closed':
    'Intro\n\n```js\nconst a = 1;\n\nconst b = 2;\n```\n\nAfter code.\n',
  'an unclosed fence at the end': '- [ ] task\n- [x] done\n\n```\nunclosed\nfence',
  'a table growing row by row': 'Para\n\n| a | b |\n|---|:-:|\n| 1 | 2 |\n| 3 | 4 |\n\nDone\n',
  'a table right under a paragraph line': 'Text\n| x | y |\n|-|-|\n| 1 | 2 |',
  'setext headings and lazy quotes': 'Title\n===\n\nSub\n---\n> quote\nlazy line\n\n> next\n',
  'partial lines that look like blocks at first': '[x]\n2) y\n  cont\n- [ ] t\ntext**\n|---|-\n',
  'indented code across blank lines': 'Para\n\n    code\n\n    more code\n\nend',
  'html blocks and comments': '<div>\nhtml\n</div>\n\n<!--\ncomment\n\n-->\nafter',
} as const;

describe('lexing a streamed answer incrementally', () => {
  for (const [name, doc] of Object.entries(TRICKY)) {
    it(`matches a full lex at every step: ${name}`, () => {
      for (const step of [1, 3, 7]) expect(firstMismatch(doc, step)).toBeNull();
    });
  }

  it('matches a full lex on generated documents', () => {
    const lines = ['- a', '  cont', '2) y', '', '', '```', 'code', '    ind', '> q', 'lazy'];
    lines.push('| h | i |', '|---|---|', '---', '===', '# H', 'text **b', '<div>', '1.', '-');
    let seed = 7;
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    const mismatches: string[] = [];
    for (let d = 0; d < 300; d++) {
      const doc = Array.from({ length: 2 + random(12) }, () => lines[random(lines.length)]!);
      const mismatch = firstMismatch(doc.join('\n'), 1 + random(5));
      if (mismatch !== null) mismatches.push(mismatch);
    }
    expect(mismatches).toEqual([]);
  });

  it('keeps the finished blocks it already had (same objects) and lexes only the end', () => {
    const first = lexIncrementally('# Title\n\nFirst paragraph.\n\nSecond', null);
    const next = lexIncrementally('# Title\n\nFirst paragraph.\n\nSecond paragraph.', first);
    expect(next.tokens[0]).toBe(first.tokens[0]);
    expect(next.tokens[1]).toBe(first.tokens[1]);
    expect(next.tokens.at(-1)).not.toBe(first.tokens.at(-1));
    expect(JSON.stringify(next.tokens)).toBe(fullLex(next.text));
  });

  it('lexes everything again when the text is not an extension of the previous one', () => {
    const first = lexIncrementally('# Title\n\nSome text', null);
    const edited = lexIncrementally('# Other\n\nSome text and more', first);
    expect(edited.tokens[0]).not.toBe(first.tokens[0]);
    expect(JSON.stringify(edited.tokens)).toBe(fullLex(edited.text));
  });

  it('lexes everything again when link definitions are present (they change earlier links)', () => {
    const first = lexIncrementally('See [the docs][d].\n\nMore', null);
    const text = 'See [the docs][d].\n\nMore\n\n[d]: https://example.com';
    const next = lexIncrementally(text, first);
    expect(next.tokens[0]).not.toBe(first.tokens[0]);
    expect(JSON.stringify(next.tokens)).toBe(fullLex(text));
    expect(JSON.stringify(next.tokens)).toContain('https://example.com');
  });

  it('lexes everything again when the lexer rewrote the source (CRLF line ends)', () => {
    const first = lexIncrementally('One\r\n\r\nTwo', null);
    const text = 'One\r\n\r\nTwo and three\r\n\r\n- four';
    expect(JSON.stringify(lexIncrementally(text, first).tokens)).toBe(fullLex(text));
  });
});
