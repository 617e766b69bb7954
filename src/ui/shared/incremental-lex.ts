// Lexing a streamed answer in time proportional to what changed: while the text only grows, the
// top-level blocks before its last blank-line break are final, so only the end is lexed again.
import { marked, type Token } from 'marked';

export interface LexedText {
  text: string;
  tokens: Token[];
}

/** `[label]: url` lines define links that earlier text may use: then only a full lex is right. */
const LINK_DEFINITION = /^ {0,3}\[[^\]\n]+\]:/m;

function lex(text: string): Token[] {
  return marked.lexer(text, { gfm: true });
}

function rawLength(tokens: readonly Token[]): number {
  let length = 0;
  for (const token of tokens) length += token.raw.length;
  return length;
}

/** Blocks that can go on after a blank line (list items, indented code, some HTML blocks). */
const CONTINUES_AFTER_BLANK_LINE = new Set(['list', 'code', 'html']);

/**
 * Where lexing must restart so that the result equals a full lex. Not simply at the last block:
 * an unfinished last line may read as a list, table or heading that, once longer, turns out to
 * continue the block before it (a lazy paragraph line), and so on backwards. Only a blank line
 * ends that: so the restart is the start of the last block after a blank line, unless the block
 * before that line can itself continue past it.
 */
function restartIndex(tokens: readonly Token[]): number {
  let index = tokens.length - 1;
  while (index > 0) {
    const before = tokens[index - 1]!;
    const blankLineBefore = before.type === 'space' || before.raw.endsWith('\n\n');
    if (blankLineBefore) {
      let block = index - 1;
      while (block > 0 && tokens[block]!.type === 'space') block--;
      if (!CONTINUES_AFTER_BLANK_LINE.has(tokens[block]!.type)) return index;
    }
    index--;
  }
  return 0;
}

/**
 * The tokens of `text`, reusing `previous` when `text` extends it: the finished blocks are kept
 * (same objects, so their rendering is reused) and lexing restarts at `restartIndex`. Anything
 * else (an edit, link definitions, a lexer that rewrote the source, e.g. CRLF) lexes it all.
 */
export function lexIncrementally(text: string, previous: LexedText | null): LexedText {
  const extendsPrevious =
    previous !== null &&
    previous.tokens.length > 0 &&
    text.startsWith(previous.text) &&
    // Token sources must cover the text exactly, or offsets into it mean nothing.
    rawLength(previous.tokens) === previous.text.length &&
    !LINK_DEFINITION.test(text);
  if (!extendsPrevious) return { text, tokens: lex(text) };
  if (text === previous.text) return previous;
  const kept = previous.tokens.slice(0, restartIndex(previous.tokens));
  const tail = lex(text.slice(rawLength(kept)));
  return { text, tokens: [...kept, ...tail] };
}
