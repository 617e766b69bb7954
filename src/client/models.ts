import { Attempt, failureOf } from './attempt';
import { systemClock } from './clock';
import { ClientError, makeErrorInfo } from './errors';
import { modelInfoFrom } from './openrouter';
import { createOpenAIClient } from './openai-client';
import type { ModelInfo, ProviderConnection } from './types';

export interface ListModelsOptions {
  fetch?: typeof fetch;
  signal?: AbortSignal;
  /** Longest wait for the list (default 30 s). */
  timeoutMs?: number;
}

/**
 * The provider's models (`GET /models`), with OpenRouter's names, context lengths and per-token
 * prices when given. Throws a `ClientError` classified like any other provider failure.
 */
export async function listModels(
  conn: ProviderConnection,
  opts: ListModelsOptions = {},
): Promise<ModelInfo[]> {
  const baseFetch: typeof fetch = opts.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const timeoutMs = opts.timeoutMs ?? 30_000;
  // The attempt keeps the raw error body and times out a silent server like a stream would.
  const attempt = new Attempt(
    baseFetch,
    systemClock,
    { beforeFirstOutputMs: timeoutMs, afterOutputMs: timeoutMs },
    opts.signal,
  );
  const client = createOpenAIClient(conn, { fetch: attempt.fetch, timeoutMs: timeoutMs + 5000 });
  const context = { baseURL: conn.baseURL, apiKey: conn.apiKey };
  try {
    const response = await client.models.list({ signal: attempt.controller.signal }).asResponse();
    const payload: unknown = await response.json().catch(() => {
      throw new ClientError(
        makeErrorInfo('not_found', { baseURL: conn.baseURL, notAModelList: true }),
      );
    });
    const entries = Array.isArray(payload)
      ? payload
      : Array.isArray((payload as { data?: unknown })?.data)
        ? (payload as { data: unknown[] }).data
        : [];
    return entries.map(modelInfoFrom).filter((m): m is ModelInfo => m !== null);
  } catch (err) {
    // A body cut short by an abort or the watchdog is reported as that, not as "not a list".
    throw new ClientError(failureOf(err, attempt, { ...context, body: attempt.errorBody }, false));
  } finally {
    attempt.dispose();
  }
}
