// @vitest-environment node
import { describe, expect, it } from 'vitest';
import type { ChatMessage } from '@/shared/conversation';
import {
  buildTurnMessages,
  cleanModelTitle,
  CONTINUE_PROMPT,
  titleFromFirstMessage,
} from './turn-history';

function msg(
  seq: number,
  role: ChatMessage['role'],
  content: string,
  state: ChatMessage['state'] = 'complete',
): ChatMessage {
  return {
    id: `m${seq}`,
    conversationId: 'c',
    seq,
    role,
    content,
    state,
    createdAt: 0,
    updatedAt: 0,
  };
}

describe('buildTurnMessages', () => {
  const history = [
    msg(0, 'user', 'Hi'),
    msg(1, 'assistant', 'Hello!'),
    msg(2, 'user', 'Tell me more'),
    msg(3, 'assistant', '', 'error'),
    msg(4, 'user', 'Again?'),
    msg(5, 'assistant', 'Part one', 'interrupted'),
  ];

  it('sends everything before the target, skipping empty assistant turns', () => {
    const target = history[5]!;
    expect(buildTurnMessages(history, target, false)).toEqual([
      { role: 'user', content: 'Hi' },
      { role: 'assistant', content: 'Hello!' },
      { role: 'user', content: 'Tell me more' },
      { role: 'user', content: 'Again?' },
    ]);
  });

  it('continuing adds the partial answer and asks the model to carry on', () => {
    const turns = buildTurnMessages(history, history[5]!, true);
    expect(turns.slice(-2)).toEqual([
      { role: 'assistant', content: 'Part one' },
      { role: 'user', content: CONTINUE_PROMPT },
    ]);
  });
});

describe('titles', () => {
  it('uses a short first message as it is', () => {
    expect(titleFromFirstMessage('  How do   tides work?\n')).toBe('How do tides work?');
  });

  it('cuts a long first message at a word', () => {
    const title = titleFromFirstMessage(
      'Please explain in detail how the tides of the oceans are related to the moon and the sun',
    );
    expect(title.length).toBeLessThanOrEqual(61);
    expect(title.endsWith('…')).toBe(true);
    expect(title).not.toMatch(/\s…$/);
  });

  it('cleans what a model returns as a title', () => {
    expect(cleanModelTitle('"Ocean Tides Explained."')).toBe('Ocean Tides Explained');
    expect(cleanModelTitle('Title: Moon and tides\nSecond line')).toBe('Moon and tides');
    expect(cleanModelTitle('<think>hmm</think>\n**Tides**')).toBe('Tides');
    expect(cleanModelTitle('   ')).toBeNull();
  });
});
