// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { parseCompactDuration, parseWordedDuration } from './duration';

describe('parseCompactDuration', () => {
  it.each([
    ['1s', 1000],
    ['1.898s', 1898],
    ['28ms', 28],
    ['6m0s', 360_000],
    ['2m59.56s', 179_560],
    ['1h2m3s', 3_723_000],
    ['0s', 0],
  ])('%s → %i ms', (text, ms) => {
    expect(parseCompactDuration(text)).toBe(ms);
  });

  it.each(['', 'soon', '5', '5 s', '1s later', 's1'])('rejects %j', (text) => {
    expect(parseCompactDuration(text)).toBeUndefined();
  });
});

describe('parseWordedDuration', () => {
  it.each([
    ['35 seconds', 35_000],
    ['1 second', 1000],
    ['2.5 s', 2500],
    ['500 ms', 500],
    ['250 milliseconds', 250],
    ['2 minutes', 120_000],
    ['1 hour', 3_600_000],
  ])('%s → %i ms', (text, ms) => {
    expect(parseWordedDuration(text)).toBe(ms);
  });

  it.each(['35 parsecs', 'seconds', ''])('rejects %j', (text) => {
    expect(parseWordedDuration(text)).toBeUndefined();
  });
});
