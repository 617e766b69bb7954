// Error bodies as each flavor sends them: OpenAI `{"error":{"message","type","param","code"}}`,
// OpenRouter `{"error":{"code":<status>,"message","metadata"?}}`.
import type { MockFlavor } from './types';

interface OpenAiError {
  message: string;
  type: string;
  code: string | null;
}

const OPENAI_ERRORS: Record<number, OpenAiError> = {
  400: { message: 'Mock provider: bad request.', type: 'invalid_request_error', code: null },
  401: {
    message:
      'Incorrect API key provided. You can find your API key at https://platform.openai.com/account/api-keys.',
    type: 'invalid_request_error',
    code: 'invalid_api_key',
  },
  402: {
    message: 'You exceeded your current quota, please check your plan and billing details.',
    type: 'insufficient_quota',
    code: 'insufficient_quota',
  },
  403: {
    message: 'Country, region, or territory not supported',
    type: 'request_forbidden',
    code: 'unsupported_country_region_territory',
  },
  404: {
    message: 'The model does not exist or you do not have access to it.',
    type: 'invalid_request_error',
    code: 'model_not_found',
  },
  429: {
    message:
      'Rate limit reached for mock-model in organization org-mock on requests per min (RPM): Limit 3, Used 3, Requested 1. Please try again in 1.2s.',
    type: 'requests',
    code: 'rate_limit_exceeded',
  },
  500: {
    message: 'The server had an error while processing your request. Sorry about that!',
    type: 'server_error',
    code: null,
  },
  503: {
    message: 'The engine is currently overloaded, please try again later.',
    type: 'server_error',
    code: null,
  },
};

const OPENROUTER_MESSAGES: Record<number, string> = {
  400: 'Mock provider: bad request.',
  401: 'User not found.',
  402: 'This request requires more credits, or fewer max_tokens. Add credits at https://openrouter.ai/settings/credits',
  403: 'Your chosen model requires moderation and your input was flagged.',
  404: 'No endpoints found for this model.',
  408: 'Request timed out.',
  429: 'Rate limit exceeded: free-models-per-min.',
  500: 'Internal Server Error',
  502: 'Provider returned error',
  503: 'No available model provider that meets your routing requirements.',
};

const OPENROUTER_METADATA: Record<number, object> = {
  403: {
    reasons: ['mock'],
    flagged_input: 'mock input',
    provider_name: 'Mock',
    model_slug: 'mock/model',
  },
  429: { headers: { 'X-RateLimit-Limit': '20', 'X-RateLimit-Remaining': '0' } },
  502: { provider_name: 'Mock', raw: 'upstream error' },
};

export interface ErrorOverrides {
  message?: string;
  /** OpenAI flavor only: `error.code` (OpenRouter's code is always the status). */
  code?: string | null;
}

/** The default error body for `status` in the flavor's shape. */
export function defaultErrorBody(
  flavor: MockFlavor,
  status: number,
  overrides: ErrorOverrides = {},
): object {
  if (flavor === 'openrouter') {
    const metadata = OPENROUTER_METADATA[status];
    const message = overrides.message ?? OPENROUTER_MESSAGES[status];
    return {
      error: {
        code: status,
        message: message ?? `Mock provider: HTTP ${status}.`,
        ...(metadata ? { metadata } : {}),
      },
    };
  }
  const known = OPENAI_ERRORS[status] ?? {
    message: `Mock provider: HTTP ${status}.`,
    type: status >= 500 ? 'server_error' : 'invalid_request_error',
    code: null,
  };
  return { error: { ...known, ...overrides, param: null } };
}

/** What OpenAI answers for a path or method it does not serve. */
export function invalidUrlBody(flavor: MockFlavor, method: string, path: string): object {
  return defaultErrorBody(flavor, 404, { message: `Invalid URL (${method} ${path})`, code: null });
}

/** What OpenAI answers for a body that is not a JSON object. */
export function unparsableBodyBody(flavor: MockFlavor): object {
  return defaultErrorBody(flavor, 400, {
    message: 'We could not parse the JSON body of your request. The body must be a JSON object.',
  });
}

/** The 401 a request without the right `Authorization: Bearer` key gets. */
export function unauthorizedBody(flavor: MockFlavor, hadKey: boolean): object {
  if (hadKey) return defaultErrorBody(flavor, 401);
  if (flavor === 'openrouter') {
    return defaultErrorBody(flavor, 401, { message: 'No auth credentials found' });
  }
  return {
    error: {
      message:
        "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY).",
      type: 'invalid_request_error',
      param: null,
      code: null,
    },
  };
}
