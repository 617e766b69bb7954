// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { maskApiKey } from './mask-api-key';

describe('maskApiKey', () => {
  it('keeps the prefix up to the first dash and the last 4 characters', () => {
    expect(maskApiKey('sk-proj-abcdefghijklmnopqrstuvwxyz1234')).toBe('sk-…1234');
    expect(maskApiKey('sk-or-v1-0123456789abcdef0123456789abcdef')).toBe('sk-…cdef');
  });

  it('uses the first 3 characters when there is no dash within the first 8', () => {
    expect(maskApiKey('AIzaSyA1b2c3d4e5f6g7h8i9j0')).toBe('AIz…i9j0');
    expect(maskApiKey('abcdefghij-klmnopqrstuvwxyz')).toBe('abc…wxyz');
  });

  it('allows a dash prefix of exactly 8 characters', () => {
    expect(maskApiKey('abcdefg-0123456789abcdef')).toBe('abcdefg-…cdef');
  });

  it('shows only the last 2 characters when the full form would hide fewer than 8', () => {
    expect(maskApiKey('sk-12345678')).toBe('…78');
    expect(maskApiKey('abcdef')).toBe('…ef');
  });

  it('shows nothing of very short keys', () => {
    expect(maskApiKey('abcde')).toBe('…');
    expect(maskApiKey('x')).toBe('…');
  });

  it('never contains the whole key', () => {
    for (const key of ['sk-abcdefghijklmnop', 'abcdefghijklmno', 'sk-123456', 'abcdef']) {
      expect(maskApiKey(key)).not.toContain(key);
    }
  });
});
