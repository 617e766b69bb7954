import { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from 'openai';
import { readProviderError, type ProviderErrorFields } from './error-body';
import { userMessageFor, type ErrorMessageDetails } from './error-messages';
import { readHeader, type HeadersLike } from './headers';
import { redactSecrets } from './redact';
import { parseRetryAfter, parseRetryDelayFromMessage } from './retry';
import type { ClientErrorInfo, ErrorKind } from './types';

/** Thrown by the client's promise-returning calls (`listModels`); streams report errors as events. */
export class ClientError extends Error {
  readonly info: ClientErrorInfo;
  constructor(info: ClientErrorInfo) {
    super(info.message);
    this.name = 'ClientError';
    this.info = info;
  }
}

/** What classification may use besides the error itself. */
export interface ClassifyContext {
  /** Shown in `network` messages: which server could not be reached. */
  baseURL?: string;
  /** Scrubbed from every message. */
  apiKey?: string;
  /** Error carried inside a 200 stream rather than by the HTTP status. */
  inStream?: boolean;
  /** For HTTP errors: the raw body text, when the transport kept it. */
  body?: string;
  now?: number;
}

const RETRYABLE: ReadonlySet<ErrorKind> = new Set<ErrorKind>([
  'rate_limit',
  'server_error',
  'network',
  'idle_timeout',
  'stream_error',
  'stream_closed_before_completed',
]);

export function isRetryableKind(kind: ErrorKind): boolean {
  return RETRYABLE.has(kind);
}

/** Error codes and types providers use, by the kind they mean (checked before the status). */
const KIND_BY_CODE: Record<string, ErrorKind> = {
  context_length_exceeded: 'context_window_exceeded',
  context_window_exceeded: 'context_window_exceeded',
  string_above_max_length: 'context_window_exceeded',
  insufficient_quota: 'quota_exceeded',
  usage_limit_reached: 'quota_exceeded',
  quota_exceeded: 'quota_exceeded',
  billing_hard_limit_reached: 'quota_exceeded',
  rate_limit_exceeded: 'rate_limit',
  rate_limit_error: 'rate_limit',
  tokens_exceeded: 'rate_limit',
  server_error: 'server_error',
  internal_error: 'server_error',
  internal_server_error: 'server_error',
  server_is_overloaded: 'server_error',
  overloaded_error: 'server_error',
  service_unavailable: 'server_error',
  slow_down: 'server_error',
  invalid_api_key: 'auth',
  authentication_error: 'auth',
  invalid_authentication: 'auth',
  model_not_found: 'not_found',
  not_found_error: 'not_found',
  permission_denied: 'permission',
  permission_error: 'permission',
  unsupported_country_region_territory: 'permission',
  insufficient_credits: 'insufficient_credits',
  payment_required: 'insufficient_credits',
  invalid_prompt: 'bad_request',
};

const CONTEXT_WINDOW_MESSAGE =
  /context (length|window)|maximum context|prompt is too long|too many (input )?tokens|reduce the length of the messages/i;

function kindForStatus(status: number, message: string | undefined): ErrorKind | undefined {
  if (status === 401) return 'auth';
  if (status === 402) return 'insufficient_credits';
  if (status === 403) return 'permission';
  if (status === 404) return 'not_found';
  if (status === 408 || status === 409) return 'server_error'; // timeouts and conflicts pass
  if (status === 429) return 'rate_limit';
  if (status >= 500 && status < 600) return 'server_error';
  if (status >= 400 && status < 500) {
    return message && CONTEXT_WINDOW_MESSAGE.test(message)
      ? 'context_window_exceeded'
      : 'bad_request';
  }
  return undefined;
}

function kindForCode(fields: ProviderErrorFields): ErrorKind | undefined {
  for (const token of [fields.code, fields.errorType, fields.type]) {
    if (typeof token !== 'string') continue;
    const kind = KIND_BY_CODE[token.toLowerCase()];
    if (kind) return kind;
  }
  return undefined;
}

function numericCode(code: string | number | undefined): number | undefined {
  const n =
    typeof code === 'number'
      ? code
      : typeof code === 'string' && /^\d{3}$/.test(code)
        ? Number(code)
        : NaN;
  return Number.isInteger(n) && n >= 400 && n < 600 ? n : undefined;
}

export interface ProviderErrorInput extends ProviderErrorFields {
  status?: number;
  headers?: HeadersLike;
}

/**
 * Classifies a provider's error, whether it came as an HTTP status with a body or inside a
 * stream (a Chat Completions `error` chunk, OpenRouter's mid-stream error, a Responses `error`
 * event or `response.failed`): the same codes mean the same kinds either way.
 */
export function classifyProviderError(
  input: ProviderErrorInput,
  context: ClassifyContext = {},
): ClientErrorInfo {
  const now = context.now ?? Date.now();
  // OpenRouter puts the HTTP-like status in the body's `code` (429, 402, 502) for in-stream errors.
  const status = input.status ?? numericCode(input.code);
  const kind =
    kindForCode(input) ??
    (status !== undefined ? kindForStatus(status, input.message) : undefined) ??
    (input.type === 'invalid_request_error' ? 'bad_request' : undefined) ??
    (context.inStream ? 'stream_error' : 'server_error');

  let retryable = isRetryableKind(kind);
  const shouldRetry = readHeader(input.headers, 'x-should-retry');
  if (shouldRetry === 'true' || shouldRetry === 'false') retryable = shouldRetry === 'true';

  const retryAfterMs = retryable
    ? (parseRetryAfter(input.headers, now) ?? parseRetryDelayFromMessage(input.message))
    : undefined;

  const said = providerWords(input);
  const providerMessage = said ? redactSecrets(said, [context.apiKey]) : undefined;
  const code = input.code !== undefined ? String(input.code) : undefined;
  return {
    kind,
    message: redactSecrets(
      userMessageFor(kind, {
        localServer: isLocalURL(context.baseURL),
        status: input.status,
        providerMessage,
        retryAfterMs,
        resetsAt: input.resetsAt,
      }),
      [context.apiKey],
    ),
    retryable,
    ...(providerMessage ? { providerMessage } : {}),
    ...(input.status !== undefined ? { status: input.status } : {}),
    ...(code !== undefined ? { code } : {}),
    ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
    ...(kind === 'quota_exceeded' && input.resetsAt !== undefined
      ? { resetsAt: input.resetsAt }
      : {}),
  };
}

/** Loopback and private-network hosts: where local model servers live. */
function isLocalURL(url: string | undefined): boolean {
  if (!url) return false;
  let host: string;
  try {
    host = new URL(url).hostname;
  } catch {
    return false;
  }
  return (
    host === 'localhost' ||
    host.endsWith('.local') ||
    host === '[::1]' ||
    /^127\./.test(host) ||
    /^10\./.test(host) ||
    /^192\.168\./.test(host) ||
    /^172\.(1[6-9]|2\d|3[01])\./.test(host)
  );
}

/** The provider's message, with OpenRouter's upstream name and raw error when it gave them. */
function providerWords(fields: ProviderErrorFields): string | undefined {
  const parts: string[] = [];
  if (fields.message) parts.push(fields.message);
  if (fields.raw && fields.raw !== fields.message) parts.push(truncate(fields.raw, 300));
  if (!parts.length) return undefined;
  const text = parts.join(': ');
  return fields.providerName ? `${fields.providerName}: ${text}` : text;
}

function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

/** Builds an error of a kind the client itself detected (timeouts, truncation, aborts). */
export function makeErrorInfo(kind: ErrorKind, details: ErrorMessageDetails = {}): ClientErrorInfo {
  return {
    kind,
    message: userMessageFor(kind, details),
    retryable: isRetryableKind(kind),
    ...(details.providerMessage ? { providerMessage: details.providerMessage } : {}),
    ...(details.reason ? { reason: details.reason } : {}),
  };
}

/**
 * Classifies anything thrown while talking to a provider: the `openai` SDK's errors (HTTP
 * status errors, connection errors, aborts) and anything else.
 */
export function classifyError(err: unknown, context: ClassifyContext = {}): ClientErrorInfo {
  if (err instanceof ClientError) return err.info;
  if (err instanceof APIUserAbortError || isAbortError(err)) return makeErrorInfo('aborted');
  if (err instanceof APIConnectionTimeoutError) return makeErrorInfo('idle_timeout');
  if (err instanceof APIConnectionError) {
    return makeErrorInfo('network', { baseURL: context.baseURL });
  }
  if (err instanceof APIError) {
    const body = context.body !== undefined ? parseJson(context.body) : undefined;
    const fields =
      body !== undefined
        ? readProviderError(body, context.now)
        : readProviderError({ error: err.error });
    if (!fields.message && context.body?.trim())
      fields.message = truncate(context.body.trim(), 500);
    return classifyProviderError(
      {
        ...fields,
        ...(err.status !== undefined ? { status: err.status } : {}),
        headers: err.headers,
      },
      context,
    );
  }
  if (err instanceof TypeError) return makeErrorInfo('network', { baseURL: context.baseURL });
  const text = err instanceof Error ? err.message : String(err);
  return {
    ...makeErrorInfo('stream_error', { providerMessage: redactSecrets(text, [context.apiKey]) }),
  };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function isAbortError(err: unknown): boolean {
  return (
    typeof err === 'object' &&
    err !== null &&
    'name' in err &&
    ((err as { name: unknown }).name === 'AbortError' ||
      (err as { name: unknown }).name === 'TimeoutError')
  );
}
