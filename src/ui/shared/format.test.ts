// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { formatCost, formatRelativeTime, formatTokens } from './format';

describe('format', () => {
  it('shortens token counts', () => {
    expect(formatTokens(999)).toBe('999');
    expect(formatTokens(1000)).toBe('1k');
    expect(formatTokens(12_345)).toBe('12.3k');
    expect(formatTokens(250_400)).toBe('250k');
  });

  it('keeps small costs meaningful', () => {
    expect(formatCost(0)).toBe('$0');
    expect(formatCost(0.0015)).toBe('$0.0015');
    expect(formatCost(1.234)).toBe('$1.23');
  });

  it('says how long ago', () => {
    const now = 10_000_000;
    expect(formatRelativeTime(now - 5_000, now)).toBe('just now');
    expect(formatRelativeTime(now - 5 * 60_000, now)).toBe('5 min ago');
    expect(formatRelativeTime(now - 3 * 3600_000, now)).toBe('3 h ago');
  });
});
