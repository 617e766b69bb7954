// The conformance corpus (tests/fixtures/sse): each recorded stream with what a correct client
// makes of it, in the normalized vocabulary.

import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { ReplayApi } from '../../src/client/replay';
import { expect } from 'vitest';
import type { ToolCall, TokenUsage, TurnSummary } from '../../src/client/types';

export const FIXTURE_DIR = fileURLToPath(new URL('../fixtures/sse/', import.meta.url));

interface ExpectFile {
  api: 'chat' | 'responses';
  text: string;
  reasoning: string | null;
  usage: {
    input: number;
    cached_input: number;
    output: number;
    reasoning_output: number;
    total: number;
  } | null;
  cost: number | null;
  error: { kind: string; retry_after_ms?: number; reason?: string } | null;
  finish_reason?: string | null;
  tool_calls?: {
    id?: string;
    call_id?: string;
    name: string;
    arguments?: string;
    input?: string;
  }[];
}

export interface Fixture {
  name: string;
  /** What the replay tool is run with: OpenRouter captures as `openrouter`, else the file's api. */
  api: ReplayApi;
  bytes: Uint8Array;
  expected: {
    text: string;
    reasoning: string | null;
    usage: TokenUsage | null;
    cost: number | null;
    /** Absent when the file does not say (Responses captures). */
    finishReason?: string | null;
    toolCalls: ToolCall[];
    errorKind: string | null;
    retryAfterMs: number | null;
    reason?: string;
  };
}

const OPENROUTER_NAME = /^(openrouter-|blog-openrouter|goose-openrouter)/;

export function loadCorpus(): Fixture[] {
  return readdirSync(FIXTURE_DIR)
    .filter((file) => file.endsWith('.sse'))
    .sort()
    .map((file) => {
      const name = file.slice(0, -'.sse'.length);
      const raw = JSON.parse(
        readFileSync(`${FIXTURE_DIR}${name}.expect.json`, 'utf8'),
      ) as ExpectFile;
      return {
        name,
        api: OPENROUTER_NAME.test(name) ? 'openrouter' : raw.api,
        bytes: new Uint8Array(readFileSync(`${FIXTURE_DIR}${file}`)),
        expected: {
          text: raw.text,
          reasoning: raw.reasoning,
          usage: raw.usage && {
            input: raw.usage.input,
            cachedInput: raw.usage.cached_input,
            output: raw.usage.output,
            reasoningOutput: raw.usage.reasoning_output,
            total: raw.usage.total,
          },
          cost: raw.cost,
          ...('finish_reason' in raw ? { finishReason: raw.finish_reason } : {}),
          toolCalls: (raw.tool_calls ?? []).map((call) => ({
            id: call.id ?? call.call_id ?? '',
            name: call.name,
            arguments: call.arguments ?? call.input ?? '',
          })),
          errorKind: raw.error?.kind ?? null,
          retryAfterMs: raw.error?.retry_after_ms ?? null,
          ...(raw.error?.reason ? { reason: raw.error.reason } : {}),
        },
      };
    });
}

/** The expectation's finish reason in our vocabulary: OpenRouter's wire `"error"` ends in an error event. */
function expectedFinishReason(fixture: Fixture): string | null | undefined {
  const reason = fixture.expected.finishReason;
  return reason === 'error' ? null : reason;
}

/** Asserts a summary against a fixture's expectation (error kind, retry delay, reason included). */
export function expectMatchesFixture(summary: TurnSummary, fixture: Fixture): void {
  const { expected } = fixture;
  expect(summary.text).toBe(expected.text);
  expect(summary.reasoning).toBe(expected.reasoning);
  expect(summary.usage).toEqual(expected.usage);
  expect(summary.cost).toBe(expected.cost);
  expect(summary.toolCalls).toEqual(expected.toolCalls);
  expect(summary.error?.kind ?? null).toBe(expected.errorKind);
  expect(summary.error?.retryAfterMs ?? null).toBe(expected.retryAfterMs);
  if (expected.reason) expect(summary.error?.reason).toBe(expected.reason);
  const finish = expectedFinishReason(fixture);
  if (finish !== undefined) expect(summary.finishReason).toBe(finish);
}
