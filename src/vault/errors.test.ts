// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { KeyUnreadableError, VaultError, VaultLockedError, WrongPassphraseError } from './errors';

describe('vault errors', () => {
  it('are VaultErrors with their own names, and messages that say what to do', () => {
    const cases: [VaultError, string, RegExp][] = [
      [new VaultLockedError(), 'VaultLockedError', /Unlock them with your passphrase/],
      [new WrongPassphraseError(), 'WrongPassphraseError', /Nothing was changed; check it/],
      [
        new KeyUnreadableError('openrouter'),
        'KeyUnreadableError',
        /Enter the key for "openrouter" again/,
      ],
    ];
    for (const [error, name, advice] of cases) {
      expect(error).toBeInstanceOf(VaultError);
      expect(error).toBeInstanceOf(Error);
      expect(error.name).toBe(name);
      expect(error.message).toMatch(advice);
    }
  });

  it('KeyUnreadableError names the provider and says the others still work', () => {
    const error = new KeyUnreadableError('openai');
    expect(error.providerId).toBe('openai');
    expect(error.message).toContain('"openai"');
    expect(error.message).toMatch(/other providers are not affected/);
  });
});
