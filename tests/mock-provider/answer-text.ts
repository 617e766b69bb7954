// What a generated answer says and how it is cut into stream chunks.

/**
 * Splits text into stream chunks: fixed-size by code points (never inside a surrogate pair), or by
 * default one word per chunk with its leading whitespace, the way tokens arrive from real models.
 */
export function splitIntoChunks(text: string, chunkChars?: number): string[] {
  if (text === '') return [];
  if (chunkChars === undefined) return text.match(/\s*\S+|\s+$/g) ?? [text];
  const size = Math.max(1, Math.floor(chunkChars));
  const codePoints = Array.from(text);
  const chunks: string[] = [];
  for (let i = 0; i < codePoints.length; i += size) {
    chunks.push(codePoints.slice(i, i + size).join(''));
  }
  return chunks;
}

/** The echo a reply gives when no text was asked for. */
export function defaultReplyText(lastUserText: string | undefined): string {
  return lastUserText ? `Mock reply to: ${lastUserText}` : 'Mock reply.';
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Text of a message's `content`: a string, or an array of text parts (chat `text`, responses `input_text`). */
function contentText(content: unknown): string | undefined {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return undefined;
  const texts = content
    .filter(isRecord)
    .map((part) => part.text)
    .filter((text): text is string => typeof text === 'string');
  return texts.length > 0 ? texts.join('') : undefined;
}

function lastUserContent(items: unknown[]): string | undefined {
  for (let i = items.length - 1; i >= 0; i--) {
    const item = items[i];
    if (isRecord(item) && item.role === 'user') return contentText(item.content);
  }
  return undefined;
}

/** The last user message of a Chat Completions (`messages`) or Responses (`input`) request body. */
export function lastUserText(body: unknown): string | undefined {
  if (!isRecord(body)) return undefined;
  if (Array.isArray(body.messages)) return lastUserContent(body.messages);
  if (typeof body.input === 'string') return body.input;
  if (Array.isArray(body.input)) return lastUserContent(body.input);
  return undefined;
}

/** Every piece of text the request sends, for a rough input token estimate. */
export function requestTextLength(body: unknown): number {
  if (!isRecord(body)) return 0;
  const items = Array.isArray(body.messages)
    ? body.messages
    : Array.isArray(body.input)
      ? body.input
      : [{ content: body.input }];
  const instructions = typeof body.instructions === 'string' ? body.instructions.length : 0;
  return items.reduce<number>(
    (sum, item) => sum + (isRecord(item) ? (contentText(item.content)?.length ?? 0) : 0),
    instructions,
  );
}
