// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { newPassphraseProblem, passphraseStrength } from './passphrase-rules';

describe('passphraseStrength', () => {
  it('grades from too short to strong', () => {
    expect(passphraseStrength('abc1234').level).toBe('too-short');
    expect(passphraseStrength('aaaaaaaaaaaa').level).toBe('weak');
    expect(passphraseStrength('sunflower7').level).toBe('fair');
    expect(passphraseStrength('correct horse battery staple').level).toBe('strong');
  });

  it('counts characters, not UTF-16 units', () => {
    expect(passphraseStrength('🔑🔑🔑🔑').level).toBe('too-short');
  });
});

describe('newPassphraseProblem', () => {
  it('requires 8 characters and two matching entries', () => {
    expect(newPassphraseProblem('short', 'short')).toMatch(/at least 8/);
    expect(newPassphraseProblem('long enough', 'long enougH')).toMatch(/do not match/);
    expect(newPassphraseProblem('long enough', 'long enough')).toBeNull();
  });
});
