// The model client's public vocabulary: what goes in (a connection and a turn)
// and what comes out (one normalized event stream and a final summary), the
// same for every wire API. Raw wire shapes never leave the per-API mappers.

/** Which HTTP API a provider is spoken to with. */
export type WireApi = 'responses' | 'chat';

/** Who the provider is; decides provider-specific quirks (OpenRouter headers, cost, errors). */
export type ProviderKind = 'openai' | 'openrouter' | 'compatible';

export interface ProviderConnection {
  kind: ProviderKind;
  api: WireApi;
  /** e.g. `https://api.openai.com/v1`, `http://localhost:11434/v1`. */
  baseURL: string;
  /** Absent for local servers that need none. Never logged, never put in an error. */
  apiKey?: string;
  /** Extra request headers (OpenRouter attribution is added by the client itself). */
  headers?: Record<string, string>;
}

export type Role = 'system' | 'user' | 'assistant';

export interface TurnMessage {
  role: Role;
  content: string;
}

export type ReasoningEffort = 'minimal' | 'low' | 'medium' | 'high';

export interface TurnRequest {
  model: string;
  /** System prompt (Responses `instructions`; a leading system message for Chat Completions). */
  instructions?: string;
  /** The conversation so far, oldest first, ending with the new user message. */
  messages: TurnMessage[];
  reasoning?: { effort?: ReasoningEffort; summary?: 'auto' | 'concise' | 'detailed' };
  verbosity?: 'low' | 'medium' | 'high';
  temperature?: number;
  maxOutputTokens?: number;
  /** Stable per conversation, so the provider's prompt cache can be reused (`prompt_cache_key`). */
  cacheKey?: string;
}

/** Token counts as the provider reported them; `total` is copied, never recomputed. */
export interface TokenUsage {
  input: number;
  cachedInput: number;
  output: number;
  reasoningOutput: number;
  total: number;
}

/** Chat Completions' names, which Responses outcomes are mapped onto. */
export type FinishReason = 'stop' | 'length' | 'tool_calls' | 'content_filter';

export interface ToolCall {
  id: string;
  name: string;
  /** The raw argument string as streamed (a custom tool's free-form input goes here too). */
  arguments: string;
}

export type ErrorKind =
  | 'auth'
  | 'permission'
  | 'insufficient_credits'
  | 'not_found'
  | 'bad_request'
  | 'context_window_exceeded'
  | 'rate_limit'
  | 'quota_exceeded'
  | 'server_error'
  | 'network'
  | 'idle_timeout'
  | 'stream_error'
  | 'incomplete'
  | 'stream_closed_before_completed'
  | 'aborted';

/** A classified failure, safe to show and to send over a port (plain data, no key material). */
export interface ClientErrorInfo {
  kind: ErrorKind;
  /** User-facing: what happened and what to do. */
  message: string;
  /** The provider's own message, when it sent one. */
  providerMessage?: string;
  retryable: boolean;
  status?: number;
  code?: string;
  /** For `rate_limit`: how long the provider asked us to wait. */
  retryAfterMs?: number;
  /** For `quota_exceeded`: when the quota resets (epoch ms), when the provider said. */
  resetsAt?: number;
  /** For `incomplete`: the provider's reason (`max_output_tokens`, `content_filter`, …). */
  reason?: string;
}

export interface RateLimitWindow {
  limit?: number;
  remaining?: number;
  /** Epoch ms when the window resets. */
  resetsAt?: number;
}

/** What the provider's headers said about our remaining budget, at `observedAt`. */
export interface RateLimitSnapshot {
  observedAt: number;
  requests?: RateLimitWindow;
  tokens?: RateLimitWindow;
}

export type OutputItem =
  | { type: 'message'; id?: string; text: string }
  | { type: 'reasoning'; id?: string; summary: string[]; text?: string }
  | { type: 'tool_call'; call: ToolCall }
  | { type: 'web_search'; id?: string; status?: string; query?: string };

/** The normalized stream every wire API maps into (noun-action names, `type` discriminant). */
export type ClientEvent =
  | { type: 'text-delta'; delta: string }
  | { type: 'reasoning-summary-delta'; delta: string; summaryIndex: number }
  | { type: 'reasoning-delta'; delta: string }
  | { type: 'output-item-done'; item: OutputItem }
  | { type: 'rate-limits'; snapshot: RateLimitSnapshot }
  | { type: 'usage'; usage: TokenUsage; cost: number | null }
  | { type: 'retry-wait'; attempt: number; delayMs: number; error: ClientErrorInfo }
  | { type: 'finish'; finishReason: FinishReason | null }
  | { type: 'error'; error: ClientErrorInfo };

/** What a whole turn came to, accumulated from the events. */
export interface TurnSummary {
  text: string;
  reasoning: string | null;
  usage: TokenUsage | null;
  /** Exact cost in USD when the provider reported it (OpenRouter `usage.cost`). */
  cost: number | null;
  finishReason: FinishReason | null;
  toolCalls: ToolCall[];
  error: ClientErrorInfo | null;
}

export interface ModelInfo {
  id: string;
  name?: string;
  contextLength?: number;
  /** USD per token, when the provider publishes it (OpenRouter). */
  pricing?: { prompt: number; completion: number };
}

/** Time, injectable so retry and timeout logic is tested without real waiting. */
export interface Clock {
  now(): number;
  /** Resolves after `ms`, or rejects with the signal's reason when it aborts first. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface RetryPolicy {
  /** Retries after the first attempt (0 = never retry). */
  maxRetries: number;
  /** First backoff delay; doubles each attempt. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** Proportional jitter, e.g. 0.1 = ±10%. */
  jitter: number;
}

export interface IdleTimeouts {
  /** Longest silence (no byte at all) before the first output. */
  beforeFirstOutputMs: number;
  /** Longest silence once output has started. */
  afterOutputMs: number;
}

export interface StreamOptions {
  signal?: AbortSignal;
  /** The fetch the `openai` client uses (the replay tool and tests inject one). */
  fetch?: typeof fetch;
  retry?: Partial<RetryPolicy>;
  idle?: Partial<IdleTimeouts>;
  clock?: Clock;
  /** Random source in [0, 1), for jitter. */
  random?: () => number;
}
