// The idle times a passphrase vault can lock itself after (`vault.setAutoLock`); 0 = never.

export interface AutoLockChoice {
  ms: number;
  label: string;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

export const AUTO_LOCK_CHOICES: readonly AutoLockChoice[] = [
  { ms: 5 * MINUTE, label: '5 minutes' },
  { ms: 15 * MINUTE, label: '15 minutes' },
  { ms: HOUR, label: '1 hour' },
  { ms: 4 * HOUR, label: '4 hours' },
  { ms: 0, label: 'Never' },
];

/** Words for any idle time, including ones set elsewhere that are not in the list. */
export function autoLockLabel(ms: number): string {
  const known = AUTO_LOCK_CHOICES.find((choice) => choice.ms === ms);
  if (known) return known.label;
  if (ms % HOUR === 0) return `${ms / HOUR} hours`;
  const minutes = Math.round(ms / MINUTE);
  return minutes === 1 ? '1 minute' : `${minutes} minutes`;
}
