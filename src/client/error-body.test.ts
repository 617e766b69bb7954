// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { readProviderError } from './error-body';

describe('readProviderError', () => {
  it("reads OpenAI's {error: {…}} body", () => {
    expect(
      readProviderError({
        error: {
          message: 'You exceeded your current quota',
          type: 'insufficient_quota',
          code: 'insufficient_quota',
          param: null,
        },
      }),
    ).toEqual({
      message: 'You exceeded your current quota',
      type: 'insufficient_quota',
      code: 'insufficient_quota',
    });
  });

  it("reads OpenRouter's numeric code and metadata", () => {
    expect(
      readProviderError({
        error: {
          code: 502,
          message: 'Provider returned error',
          metadata: {
            provider_name: 'Venice',
            raw: { detail: 'upstream exploded' },
            error_type: 'provider_error',
          },
        },
      }),
    ).toEqual({
      code: 502,
      message: 'Provider returned error',
      providerName: 'Venice',
      raw: '{"detail":"upstream exploded"}',
      errorType: 'provider_error',
    });
  });

  it("reads Ollama's string error, vLLM's flat body and FastAPI's detail", () => {
    expect(readProviderError({ error: "model 'x' not found" })).toEqual({
      message: "model 'x' not found",
    });
    expect(
      readProviderError({
        object: 'error',
        message: 'too long',
        type: 'BadRequestError',
        code: 400,
      }),
    ).toEqual({
      message: 'too long',
      type: 'BadRequestError',
      code: 400,
    });
    expect(readProviderError({ detail: 'Not Found' })).toEqual({ message: 'Not Found' });
  });

  it('reads a Responses error event without mistaking its type for an error type', () => {
    expect(
      readProviderError({ type: 'error', code: 'ERR_SOMETHING', message: 'Something went wrong' }),
    ).toEqual({
      code: 'ERR_SOMETHING',
      message: 'Something went wrong',
    });
  });

  it('reads when a usage quota resets', () => {
    expect(
      readProviderError({ error: { code: 'usage_limit_reached', resets_at: 1_700_000_000 } })
        .resetsAt,
    ).toBe(1_700_000_000_000);
    expect(readProviderError({ error: { resets_in_seconds: 60 } }, 1000).resetsAt).toBe(61_000);
  });

  it('reads a plain-text body and nothing from junk', () => {
    expect(readProviderError('  Bad Gateway ')).toEqual({ message: 'Bad Gateway' });
    expect(readProviderError(null)).toEqual({});
    expect(readProviderError([1, 2])).toEqual({});
  });
});
