// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { describeCheck, hasUsableKey } from './describe-check';

describe('hasUsableKey', () => {
  it('needs a stored key that can be read', () => {
    expect(hasUsableKey({ maskedKey: 'sk-…abcd' })).toBe(true);
    expect(hasUsableKey({ maskedKey: null })).toBe(false);
    expect(hasUsableKey({ maskedKey: 'sk-…abcd', keyError: 'Stored by another profile.' })).toBe(
      false,
    );
  });
});

describe('describeCheck', () => {
  it('counts models for a working key, and says "connected" when there is no key', () => {
    expect(describeCheck({ status: 'valid', modelCount: 42 }, true)).toEqual({
      tone: 'ok',
      title: 'Key works: 42 models available.',
    });
    expect(describeCheck({ status: 'valid', modelCount: 1 }, false).title).toBe(
      'Connected: 1 model available.',
    );
  });

  it('keeps the background’s words and names the address tried when unreachable', () => {
    const unreachable = describeCheck(
      { status: 'unreachable', message: 'Connection refused.', baseURL: 'http://localhost:1/v1' },
      false,
    );
    expect(unreachable.tone).toBe('error');
    expect(unreachable.detail).toBe('Connection refused. Address tried: http://localhost:1/v1');
    const named = describeCheck(
      { status: 'unreachable', message: 'Could not reach http://h/v1.', baseURL: 'http://h/v1' },
      false,
    );
    expect(named.detail).toBe('Could not reach http://h/v1.');
    expect(describeCheck({ status: 'rejected', message: 'Bad key.' }, true).detail).toBe(
      'Bad key.',
    );
    expect(describeCheck({ status: 'error', message: 'HTTP 500' }, true).detail).toBe('HTTP 500');
    expect(describeCheck({ status: 'skipped', message: 'Locked.' }, true)).toMatchObject({
      tone: 'warning',
      detail: 'Locked.',
    });
  });
});
