// Reading the mock's answers in tests: whole bodies (also when cut), SSE blocks and their payloads.

export interface ReadResult {
  text: string;
  /** Set when the body ended with an error (the connection was cut). */
  error?: unknown;
}

/** Reads a body to its end, keeping what arrived before an error. */
export async function readBody(response: Response): Promise<ReadResult> {
  if (!response.body) return { text: '' };
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let text = '';
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return { text: text + decoder.decode() };
      text += decoder.decode(value, { stream: true });
    }
  } catch (error) {
    return { text, error };
  }
}

/** Blank-line-separated SSE blocks, without the separators. */
export function sseBlocks(text: string): string[] {
  return text.split('\n\n').filter((block) => block !== '');
}

/** The `data:` values in order (raw strings). */
export function dataValues(text: string): string[] {
  return sseBlocks(text)
    .flatMap((block) => block.split('\n'))
    .filter((line) => line.startsWith('data: '))
    .map((line) => line.slice('data: '.length));
}

/** The `data:` values parsed as JSON, `[DONE]` left out. */
export function dataJson(text: string): Record<string, unknown>[] {
  return dataValues(text)
    .filter((value) => value !== '[DONE]')
    .map((value) => JSON.parse(value) as Record<string, unknown>);
}

/** POSTs JSON to the mock. */
export function postJson(url: string, body: unknown, headers: Record<string, string> = {}) {
  return fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
}

export const chatRequest = (text: string, extra: Record<string, unknown> = {}) => ({
  model: 'mock-model',
  messages: [{ role: 'user', content: text }],
  stream: true,
  ...extra,
});

export const responsesRequest = (text: string, extra: Record<string, unknown> = {}) => ({
  model: 'mock-model',
  input: [{ role: 'user', content: [{ type: 'input_text', text }] }],
  stream: true,
  ...extra,
});
