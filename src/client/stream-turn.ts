import { APIError } from 'openai';
import { Attempt, failureOf } from './attempt';
import { buildChatCompletionsRequest } from './chat-completions-request';
import { ChatCompletionsMapper } from './chat-completions';
import { systemClock } from './clock';
import { resolveIdleTimeouts, resolveRetryPolicy } from './defaults';
import { makeErrorInfo, type ClassifyContext } from './errors';
import { EventReader } from './event-reader';
import { createOpenAIClient } from './openai-client';
import { parseRateLimitHeaders } from './rate-limits';
import { buildResponsesRequest } from './responses-request';
import { ResponsesMapper } from './responses';
import { retryDelayFor } from './retry';
import type {
  ClientErrorInfo,
  ClientEvent,
  ProviderConnection,
  StreamOptions,
  TurnRequest,
} from './types';
import type OpenAI from 'openai';

/** Slack between our idle limit and the SDK's own header timeout, so ours fires first. */
const SDK_TIMEOUT_SLACK_MS = 5000;

type Opened = { response: Response } | { error: ClientErrorInfo; headers?: Headers };

/**
 * Streams one turn as normalized events, ending with exactly one `finish` or `error`.
 *
 * Failures before any output are retried per the policy, each wait announced by a `retry-wait`
 * event; after output, the partial answer stands and the error is reported. Provider and network
 * failures never throw: they are `error` events. Aborting `opts.signal` ends the stream promptly
 * with an `aborted` error, which is never retried.
 */
export async function* streamTurn(
  conn: ProviderConnection,
  req: TurnRequest,
  opts: StreamOptions = {},
): AsyncGenerator<ClientEvent, void, undefined> {
  const policy = resolveRetryPolicy(opts.retry);
  const limits = resolveIdleTimeouts(opts.idle);
  const clock = opts.clock ?? systemClock;
  const random = opts.random ?? Math.random;
  const signal = opts.signal;
  const baseFetch: typeof fetch = opts.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const context: ClassifyContext = { baseURL: conn.baseURL, apiKey: conn.apiKey };

  let attempt: Attempt | null = null;
  const client = createOpenAIClient(conn, {
    fetch: (input, init) => (attempt ? attempt.fetch(input, init) : baseFetch(input, init)),
    timeoutMs: limits.beforeFirstOutputMs + SDK_TIMEOUT_SLACK_MS,
  });
  const body =
    conn.api === 'responses' ? buildResponsesRequest(req) : buildChatCompletionsRequest(conn, req);

  for (let retry = 0; ; retry++) {
    if (signal?.aborted) {
      yield { type: 'error', error: makeErrorInfo('aborted') };
      return;
    }
    const current = new Attempt(baseFetch, clock, limits, signal);
    attempt = current;
    let failure: ClientErrorInfo;
    let outputStarted = false;
    try {
      const opened = await open(client, conn, body, current, context);
      if ('error' in opened) {
        const snapshot = parseRateLimitHeaders(opened.headers, clock.now());
        if (snapshot) yield { type: 'rate-limits', snapshot };
        failure = opened.error;
      } else {
        const snapshot = parseRateLimitHeaders(opened.response.headers, clock.now());
        if (snapshot) yield { type: 'rate-limits', snapshot };
        const mapper =
          conn.api === 'responses'
            ? new ResponsesMapper(context)
            : new ChatCompletionsMapper(context);
        const reader = new EventReader(
          opened.response.body ?? emptyBody(),
          mapper,
          current.controller.signal,
          conn.api,
          current.watchdog,
        );
        let more = true;
        while (more) {
          more = await reader.next();
          if (!outputStarted && reader.outputStarted) {
            outputStarted = true;
            current.watchdog.outputStarted();
          }
          for (const event of reader.events) yield event;
        }
        if (reader.terminal?.type === 'finish') {
          yield reader.terminal;
          return;
        }
        failure = reader.terminal
          ? reader.terminal.error
          : failureOf(reader.readError, current, context, true);
      }
    } catch (err) {
      // Not expected (the SDK's errors are handled in `open`); still an event, never a throw.
      failure = failureOf(err, current, context, false);
    } finally {
      current.dispose();
    }

    const delay =
      failure.kind === 'aborted' || outputStarted
        ? null
        : retryDelayFor(failure, retry + 1, policy, random);
    if (delay === null) {
      yield { type: 'error', error: failure };
      return;
    }
    yield { type: 'retry-wait', attempt: retry + 1, delayMs: delay, error: failure };
    try {
      await clock.sleep(delay, signal);
    } catch {
      yield { type: 'error', error: makeErrorInfo('aborted') };
      return;
    }
  }
}

/** Sends the request through the `openai` client and waits for the response headers. */
async function open(
  client: OpenAI,
  conn: ProviderConnection,
  body: Record<string, unknown>,
  attempt: Attempt,
  context: ClassifyContext,
): Promise<Opened> {
  const options = { signal: attempt.controller.signal };
  const request =
    conn.api === 'responses'
      ? client.responses.create(
          body as unknown as OpenAI.Responses.ResponseCreateParamsStreaming,
          options,
        )
      : client.chat.completions.create(
          body as unknown as OpenAI.Chat.ChatCompletionCreateParamsStreaming,
          options,
        );
  const response = request.asResponse();
  // Rejections after an abort won the race below must not go unhandled.
  response.catch(() => {});
  try {
    return { response: await untilAborted(response, attempt.controller.signal) };
  } catch (err) {
    const error = failureOf(err, attempt, { ...context, body: attempt.errorBody }, false);
    return err instanceof APIError && err.headers ? { error, headers: err.headers } : { error };
  }
}

/** Rejects with the signal's reason as soon as it aborts, even if `promise` never settles. */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (err: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(err);
      },
    );
  });
}

function emptyBody(): ReadableStream<Uint8Array> {
  return new ReadableStream({ start: (controller) => controller.close() });
}
