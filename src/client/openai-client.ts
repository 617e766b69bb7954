import OpenAI from 'openai';
import { openRouterAttributionHeaders } from './openrouter';
import type { ProviderConnection } from './types';

/**
 * The SDK insists on a key. For local servers that need none we pass this stand-in and then
 * remove the `Authorization` header altogether (an explicit null unsets it), rather than send
 * an empty or fake bearer token that a strict server or proxy might reject.
 */
const NO_KEY_PLACEHOLDER = 'parley-no-key';

/**
 * The SDK's telemetry headers. Sent to a server that has not granted the extension host access,
 * they make the browser preflight the request, and a local server with a fixed list of allowed
 * headers refuses it; they tell a self-hosted server nothing it needs, so they are not sent there.
 */
const SDK_TELEMETRY_HEADERS = [
  'X-Stainless-Lang',
  'X-Stainless-Package-Version',
  'X-Stainless-OS',
  'X-Stainless-Arch',
  'X-Stainless-Runtime',
  'X-Stainless-Runtime-Version',
  'X-Stainless-Retry-Count',
  'X-Stainless-Timeout',
];

export interface OpenAIClientOptions {
  fetch: typeof fetch;
  /** The SDK's own limit on waiting for response headers (a backstop behind our idle timeout). */
  timeoutMs?: number;
}

/** An `openai` client for a connection: no SDK retries (ours are visible), no env lookups. */
export function createOpenAIClient(conn: ProviderConnection, options: OpenAIClientOptions): OpenAI {
  const hasKey = Boolean(conn.apiKey);
  return new OpenAI({
    apiKey: hasKey ? conn.apiKey : NO_KEY_PLACEHOLDER,
    baseURL: conn.baseURL,
    // Explicit nulls stop the SDK reading OPENAI_* environment variables in Node.
    adminAPIKey: null,
    organization: null,
    project: null,
    webhookSecret: null,
    maxRetries: 0,
    ...(options.timeoutMs !== undefined ? { timeout: Math.round(options.timeoutMs) } : {}),
    dangerouslyAllowBrowser: true,
    fetch: options.fetch,
    logLevel: 'off',
    defaultHeaders: {
      ...(conn.kind === 'compatible'
        ? Object.fromEntries(SDK_TELEMETRY_HEADERS.map((name) => [name, null]))
        : {}),
      ...(conn.kind === 'openrouter' ? openRouterAttributionHeaders() : {}),
      ...conn.headers,
      ...(hasKey ? {} : { Authorization: null }),
    },
  });
}
