// Client-side rules for a new passphrase: the minimum the background also enforces is not enough
// to be safe, so the page also gives a rough strength hint while the user types.

const MIN_PASSPHRASE_LENGTH = 8;

export type StrengthLevel = 'too-short' | 'weak' | 'fair' | 'strong';

export interface PassphraseStrength {
  level: StrengthLevel;
  hint: string;
}

/** Bits of a uniformly random string drawn from the character classes the passphrase uses. */
function estimatedBits(passphrase: string): number {
  let pool = 0;
  if (/[a-z]/.test(passphrase)) pool += 26;
  if (/[A-Z]/.test(passphrase)) pool += 26;
  if (/[0-9]/.test(passphrase)) pool += 10;
  if (/[^a-zA-Z0-9]/.test(passphrase)) pool += 33;
  // Repeats carry little information: count distinct characters, at most the full length.
  const distinct = new Set(passphrase).size;
  const effectiveLength = Math.min(passphrase.length, distinct * 2);
  return effectiveLength * Math.log2(Math.max(pool, 2));
}

/** A rough hint only: people choose predictable passphrases, so this errs on the generous side. */
export function passphraseStrength(passphrase: string): PassphraseStrength {
  if ([...passphrase].length < MIN_PASSPHRASE_LENGTH) {
    return {
      level: 'too-short',
      hint: `Too short: use at least ${MIN_PASSPHRASE_LENGTH} characters.`,
    };
  }
  const bits = estimatedBits(passphrase);
  if (bits < 45) {
    return { level: 'weak', hint: 'Weak: add length. A few unrelated words work well.' };
  }
  if (bits < 70) {
    return { level: 'fair', hint: 'Fair: a little longer would make it much harder to guess.' };
  }
  return { level: 'strong', hint: 'Strong, as long as it is not a phrase others could guess.' };
}

/** Why a new passphrase cannot be used yet, or null when it can. */
export function newPassphraseProblem(passphrase: string, confirmation: string): string | null {
  if ([...passphrase].length < MIN_PASSPHRASE_LENGTH) {
    return `The passphrase must be at least ${MIN_PASSPHRASE_LENGTH} characters long.`;
  }
  if (passphrase !== confirmation) {
    return 'The two passphrases do not match. Type the same passphrase in both fields.';
  }
  return null;
}
