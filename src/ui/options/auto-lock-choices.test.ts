// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { AUTO_LOCK_CHOICES, autoLockLabel } from './auto-lock-choices';

describe('auto-lock choices', () => {
  it('offers 5 min, 15 min, 1 h, 4 h and never', () => {
    expect(AUTO_LOCK_CHOICES.map((c) => c.ms)).toEqual([
      300_000, 900_000, 3_600_000, 14_400_000, 0,
    ]);
  });

  it('describes times that are not in the list', () => {
    expect(autoLockLabel(0)).toBe('Never');
    expect(autoLockLabel(2 * 3_600_000)).toBe('2 hours');
    expect(autoLockLabel(60_000)).toBe('1 minute');
    expect(autoLockLabel(30 * 60_000)).toBe('30 minutes');
  });
});
