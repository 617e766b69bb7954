// Durations as providers write them: compact Go-style (`6m0s`, `1.898s`, `28ms`, `1h2m`) in
// rate-limit headers and error messages, or worded (`35 seconds`) in error messages.

const COMPACT_PART = /(\d+(?:\.\d+)?)(ms|h|m|s)/y;
const COMPACT_UNIT_MS: Record<string, number> = { h: 3_600_000, m: 60_000, s: 1000, ms: 1 };

/** `6m0s` → 360000; `1.898s` → 1898; `28ms` → 28. Undefined unless the whole text is a duration. */
export function parseCompactDuration(text: string): number | undefined {
  const trimmed = text.trim();
  if (!trimmed) return undefined;
  COMPACT_PART.lastIndex = 0;
  let total = 0;
  let match: RegExpExecArray | null;
  while ((match = COMPACT_PART.exec(trimmed))) {
    total += Number(match[1]) * (COMPACT_UNIT_MS[match[2] as string] as number);
    if (COMPACT_PART.lastIndex === trimmed.length) return Math.round(total);
  }
  return undefined;
}

const WORDED = /^(\d+(?:\.\d+)?)\s*([a-z]+)$/i;
const WORDED_UNITS: [RegExp, number][] = [
  [/^(ms|msecs?|milliseconds?)$/, 1],
  [/^(s|secs?|seconds?)$/, 1000],
  [/^(m|mins?|minutes?)$/, 60_000],
  [/^(h|hrs?|hours?)$/, 3_600_000],
];

/** `35 seconds` → 35000, `2 minutes` → 120000, `500 ms` → 500. */
export function parseWordedDuration(text: string): number | undefined {
  const match = WORDED.exec(text.trim());
  if (!match) return undefined;
  const unit = (match[2] as string).toLowerCase();
  const factor = WORDED_UNITS.find(([pattern]) => pattern.test(unit))?.[1];
  return factor === undefined ? undefined : Math.round(Number(match[1]) * factor);
}
