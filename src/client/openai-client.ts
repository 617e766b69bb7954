import OpenAI from 'openai';
import { openRouterAttributionHeaders } from './openrouter';
import type { ProviderConnection } from './types';

/**
 * The SDK insists on a key. For local servers that need none we pass this stand-in and then
 * remove the `Authorization` header altogether (an explicit null unsets it), rather than send
 * an empty or fake bearer token that a strict server or proxy might reject.
 */
const NO_KEY_PLACEHOLDER = 'parley-no-key';

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
      ...(conn.kind === 'openrouter' ? openRouterAttributionHeaders() : {}),
      ...conn.headers,
      ...(hasKey ? {} : { Authorization: null }),
    },
  });
}
