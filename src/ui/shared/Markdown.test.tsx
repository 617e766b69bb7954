import { cleanup, render } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { Markdown } from './Markdown';

afterEach(cleanup);

/** What the answer looks like when rendered in one go. */
function renderedAtOnce(text: string): string {
  const { container, unmount } = render(<Markdown text={text} />);
  const html = container.innerHTML;
  unmount();
  return html;
}

const STREAMS = [
  '- one\n- two\n\n- three after a blank line\n\n  still three\n\nAfter the list.',
  'Intro\n\n```ts\nconst a = 1;\n\nconst b = 2;\n```\n\nAfter the code.',
  'Numbers:\n\n| n | square |\n|---|---:|\n| 2 | 4 |\n| 3 | 9 |\n\nDone.',
  '# Title\n\nSome **bold** and `code`, a [link](https://example.com).\n> quote\nlazy',
];

describe('Markdown while streaming', () => {
  for (const doc of STREAMS) {
    it(`renders each step as a full render would: ${JSON.stringify(doc.slice(0, 24))}…`, () => {
      const { container, rerender } = render(<Markdown text="" />);
      for (let end = 1; end <= doc.length; end += 2) {
        const text = doc.slice(0, end);
        rerender(<Markdown text={text} />);
        const streamed = container.innerHTML;
        expect(streamed).toBe(renderedAtOnce(text));
      }
    });
  }
});
