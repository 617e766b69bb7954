// Words for the full-text index: the same function cuts stored text and queries, so whatever
// it decides (case, width, segmentation) matches on both sides. Pure, no IndexedDB.

/** Runs of letters, combining marks and digits in any script. */
const WORD_PATTERN = /[\p{L}\p{M}\p{N}]+/gu;

/** Scripts written without spaces between words: a run of them is cut by a dictionary segmenter. */
const UNSPACED_SCRIPT =
  /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]/u;

/** Longer words (hashes, base64) are cut to this many code points; prefix search still finds them. */
export const MAX_TERM_LENGTH = 48;

let segmenter: Intl.Segmenter | undefined;

function dictionaryWords(run: string): string[] {
  segmenter ??= new Intl.Segmenter('und', { granularity: 'word' });
  const words: string[] = [];
  for (const part of segmenter.segment(run)) if (part.isWordLike) words.push(part.segment);
  return words;
}

function capLength(word: string): string {
  // `word.length` counts UTF-16 units, so only the rare long word pays for the code-point split.
  return word.length <= MAX_TERM_LENGTH ? word : [...word].slice(0, MAX_TERM_LENGTH).join('');
}

/** The words of `text` in order (with repeats): NFKC-normalized, lower-cased, unicode-aware. */
export function tokenize(text: string): string[] {
  const words: string[] = [];
  for (const [run] of text.normalize('NFKC').toLowerCase().matchAll(WORD_PATTERN)) {
    if (UNSPACED_SCRIPT.test(run))
      for (const word of dictionaryWords(run)) words.push(capLength(word));
    else words.push(capLength(run));
  }
  return words;
}

/** The distinct words of `text`, for indexing. */
export function extractTerms(text: string): string[] {
  return [...new Set(tokenize(text))];
}

/** What a search box query asks for: every word exactly, the last one (still being typed) as a prefix. */
export interface ParsedQuery {
  exact: string[];
  prefix: string;
}

export function parseQuery(query: string): ParsedQuery | null {
  const words = tokenize(query);
  const prefix = words.pop();
  if (prefix === undefined) return null;
  return { exact: [...new Set(words)], prefix };
}
