// @vitest-environment node
import { describe, expect, it } from 'vitest';
import type { ChatMessage } from '@/shared/conversation';
import {
  applyAdded,
  applyDelta,
  applyJobStatus,
  applyUpdated,
  fromSnapshot,
} from './conversation-state';

const conversation = {
  id: 'c1',
  title: 'T',
  titleSource: 'first-message' as const,
  createdAt: 0,
  updatedAt: 0,
};
function message(
  id: string,
  seq: number,
  content: string,
  extra: Partial<ChatMessage> = {},
): ChatMessage {
  return {
    id,
    conversationId: 'c1',
    seq,
    role: 'assistant',
    content,
    state: 'streaming',
    createdAt: 0,
    updatedAt: 0,
    ...extra,
  };
}
const delta = (offset: number, text: string, field: 'content' | 'reasoning' = 'content') => ({
  conversationId: 'c1',
  messageId: 'a1',
  field,
  offset,
  text,
});

describe('applying background events', () => {
  const open = fromSnapshot({
    conversation,
    messages: [message('a1', 1, 'Hello'), message('u1', 0, 'Hi', { role: 'user' })],
    jobs: {},
  });

  it('orders the snapshot by seq', () => {
    expect(open.messages.map((m) => m.id)).toEqual(['u1', 'a1']);
  });

  it('appends a delta that starts where the text ends', () => {
    const { open: next, outcome } = applyDelta(open, delta(5, ' world'));
    expect(outcome).toBe('applied');
    expect(next.messages[1]?.content).toBe('Hello world');
  });

  it('ignores a delta it already has, and keeps only the new tail of an overlapping one', () => {
    expect(applyDelta(open, delta(0, 'Hel')).outcome).toBe('duplicate');
    const { open: next, outcome } = applyDelta(open, delta(3, 'lo there'));
    expect(outcome).toBe('applied');
    expect(next.messages[1]?.content).toBe('Hello there');
  });

  it('reports a gap instead of inventing text', () => {
    const { open: next, outcome } = applyDelta(open, delta(9, 'x'));
    expect(outcome).toBe('gap');
    expect(next).toBe(open);
  });

  it('streams reasoning into its own field', () => {
    const { open: next } = applyDelta(open, delta(0, 'Thinking', 'reasoning'));
    expect(next.messages[1]?.reasoning).toBe('Thinking');
    expect(next.messages[1]?.content).toBe('Hello');
  });

  it('replaces a re-added message (retry resets it) and updates metadata without touching text', () => {
    const reset = applyAdded(open, message('a1', 1, ''));
    expect(reset.messages[1]?.content).toBe('');
    const updated = applyUpdated(open, {
      conversationId: 'c1',
      messageId: 'a1',
      patch: { state: 'complete' },
    });
    expect(updated.messages[1]).toMatchObject({ state: 'complete', content: 'Hello' });
  });

  it('tracks job status until done', () => {
    const waiting = applyJobStatus(open, {
      conversationId: 'c1',
      messageId: 'a1',
      status: { phase: 'waiting', reason: 'rate-limit', until: 5 },
    });
    expect(waiting.jobs.a1).toEqual({ phase: 'waiting', reason: 'rate-limit', until: 5 });
    const done = applyJobStatus(waiting, {
      conversationId: 'c1',
      messageId: 'a1',
      status: { phase: 'done' },
    });
    expect(done.jobs.a1).toBeUndefined();
  });
});
