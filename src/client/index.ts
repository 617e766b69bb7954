// The model client's public surface: what the background (and the replay tool) use.

export * from './types';
export { streamTurn } from './stream-turn';
export { TurnSummaryBuilder } from './summary';
export { listModels, type ListModelsOptions } from './models';
export {
  ClientError,
  classifyError,
  classifyProviderError,
  isRetryableKind,
  makeErrorInfo,
  type ClassifyContext,
} from './errors';
export { userMessageFor, type ErrorMessageDetails } from './error-messages';
export { backoffDelay, parseRetryAfter, parseRetryDelayFromMessage, retryDelayFor } from './retry';
export { parseRateLimitHeaders } from './rate-limits';
export { DEFAULT_IDLE_TIMEOUTS, DEFAULT_RETRY_POLICY } from './defaults';
export { systemClock } from './clock';
export { OPENROUTER_REFERER, OPENROUTER_TITLE } from './openrouter';
