// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { originNeedingAccess, originPattern } from './host-origin';

describe('originNeedingAccess', () => {
  it('needs nothing for the two built-in hosted APIs', () => {
    expect(originNeedingAccess('https://api.openai.com/v1')).toBeNull();
    expect(originNeedingAccess('https://openrouter.ai/api/v1')).toBeNull();
  });

  it('asks for any other origin, including a look-alike or plain http', () => {
    expect(originNeedingAccess('http://localhost:11434/v1')).toBe('http://localhost:11434');
    expect(originNeedingAccess('http://api.openai.com/v1')).toBe('http://api.openai.com');
    expect(originNeedingAccess('https://api.openai.com.evil.example/v1')).toBe(
      'https://api.openai.com.evil.example',
    );
  });

  it('gives up on addresses that are not http(s) URLs', () => {
    expect(originNeedingAccess('not a url')).toBeNull();
    expect(originNeedingAccess('file:///etc/passwd')).toBeNull();
  });

  it('builds a match pattern for every path', () => {
    expect(originPattern('http://localhost:1234')).toBe('http://localhost:1234/*');
  });
});
