// Small HTTP helpers: request bodies, header records, CORS, JSON answers.
import type { IncomingMessage, ServerResponse } from 'node:http';

export async function readBodyText(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** Parsed JSON, else the raw text, else undefined for an empty body. */
export function parseBody(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/** Lower-cased header names; repeated headers joined with `, `. */
export function headerRecord(req: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return headers;
}

/** Headers a page without host permissions needs to call the mock and read rate-limit headers. */
const ALLOWED_HEADERS = [
  'Authorization',
  'Content-Type',
  'HTTP-Referer',
  'X-Title',
  'OpenAI-Organization',
  'OpenAI-Project',
  'OpenAI-Beta',
];

export function corsHeaders(req: IncomingMessage): Record<string, string> {
  // Echo what a preflight asks for (the openai SDK sends many x-stainless-* headers); a `*`
  // would not do, as it never covers Authorization.
  const requested = req.headers['access-control-request-headers'];
  return {
    'access-control-allow-origin': '*',
    'access-control-allow-methods': 'GET, POST, OPTIONS',
    'access-control-allow-headers': requested
      ? `${ALLOWED_HEADERS.join(', ')}, ${requested}`
      : ALLOWED_HEADERS.join(', '),
    'access-control-expose-headers': '*',
    'access-control-max-age': '600',
    // Chromium's Private Network Access asks this before a public page may call 127.0.0.1.
    ...(req.headers['access-control-request-private-network'] === 'true'
      ? { 'access-control-allow-private-network': 'true' }
      : {}),
  };
}

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  const contentType = typeof body === 'string' ? 'text/plain; charset=utf-8' : 'application/json';
  res.writeHead(status, { 'content-type': contentType, ...headers });
  res.end(text);
}
