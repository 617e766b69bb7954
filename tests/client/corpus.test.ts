// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { replaySse } from '../../src/client/replay';
import { expectMatchesFixture, loadCorpus } from './corpus';

const corpus = loadCorpus();

describe('conformance corpus, replayed through the client as the replay tool does', () => {
  it('holds all 35 recorded streams', () => {
    expect(corpus).toHaveLength(35);
  });

  it.each(corpus.map((fixture) => [fixture.name, fixture] as const))(
    '%s',
    async (_name, fixture) => {
      const { events, summary } = await replaySse(fixture.bytes, { api: fixture.api });
      expectMatchesFixture(summary, fixture);
      // Exactly one terminal event, and it is the last.
      const terminals = events.filter((e) => e.type === 'finish' || e.type === 'error');
      expect(terminals).toHaveLength(1);
      expect(events.at(-1)).toBe(terminals[0]);
      // Replay has one body only: a retryable error is reported, not retried.
      expect(events.some((e) => e.type === 'retry-wait')).toBe(false);
    },
  );
});
