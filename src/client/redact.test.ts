// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { redactSecrets, shownURL } from './redact';

describe('redactSecrets', () => {
  it('removes the exact key wherever it appears', () => {
    expect(redactSecrets('key my-local-secret-123 was bad', ['my-local-secret-123'])).toBe(
      'key [redacted] was bad',
    );
  });

  it('removes key-shaped tokens, masked ones included', () => {
    const message =
      'Incorrect API key provided: sk-proj-********************Ab1c. You can find your API key at https://platform.openai.com.';
    expect(redactSecrets(message)).toBe(
      'Incorrect API key provided: [redacted]. You can find your API key at https://platform.openai.com.',
    );
    expect(redactSecrets('bad sk-or-v1-0123456789abcdef')).toBe('bad [redacted]');
    expect(redactSecrets('gsk_ABCDEFGH123 and xai-ABCDEFGH123')).toBe('[redacted] and [redacted]');
    expect(redactSecrets('Authorization: Bearer abc.def-ghi')).toBe('Authorization: [redacted]');
  });

  it('leaves ordinary text alone', () => {
    const text = 'Rate limit reached for gpt-4.1 in organization org-AAA; task-force ok.';
    expect(redactSecrets(text, [undefined, ''])).toBe(text);
  });
});

describe('shownURL', () => {
  it.each([
    ['https://user:sk-secret@host/v1?api-key=sk-secret', 'https://host/v1'],
    ['https://api.openai.com/v1', 'https://api.openai.com/v1'],
    ['http://localhost:11434/v1/#top', 'http://localhost:11434/v1/'],
    ['http://[::1]:8080/openai/v1?x=1', 'http://[::1]:8080/openai/v1'],
    // Not parsable as a URL: still without userinfo, query and fragment.
    ['https://user:sk-secret@ho st/v1?api-key=sk-secret#x', 'https://ho st/v1'],
    ['user:sk-secret@host/v1', 'host/v1'],
  ])('%s → %s', (url, shown) => {
    expect(shownURL(url)).toBe(shown);
  });
});
