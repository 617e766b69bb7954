// Turns a stored conversation into the messages a model is sent for the next answer.
import type { TurnMessage } from '@/client/types';
import type { ChatMessage } from '@/shared/conversation';

/** What we ask when the user continues an answer that was cut off. */
export const CONTINUE_PROMPT =
  'Your previous answer was cut off. Continue it exactly where it stopped, without repeating anything and without any preamble.';

/**
 * The history before `target` (oldest first). Assistant turns that produced no text are left out:
 * they carry nothing for the model and would break the user/assistant alternation.
 * With `continuing`, the target's partial text is included and followed by CONTINUE_PROMPT.
 */
export function buildTurnMessages(
  messages: readonly ChatMessage[],
  target: ChatMessage,
  continuing: boolean,
): TurnMessage[] {
  const turns: TurnMessage[] = [];
  for (const message of messages) {
    if (message.seq >= target.seq) break;
    if (message.role === 'assistant' && !message.content) continue;
    turns.push({ role: message.role, content: message.content });
  }
  if (continuing && target.content) {
    turns.push({ role: 'assistant', content: target.content });
    turns.push({ role: 'user', content: CONTINUE_PROMPT });
  }
  return turns;
}

/** A first title from the user's first message: one line, at most ~60 characters, cut at a word. */
export function titleFromFirstMessage(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  if (line.length <= 60) return line || 'New chat';
  const cut = line.slice(0, 60);
  const lastSpace = cut.lastIndexOf(' ');
  return `${(lastSpace > 30 ? cut.slice(0, lastSpace) : cut).trimEnd()}…`;
}

export const TITLE_INSTRUCTIONS =
  'You write titles for chat conversations. Reply with a title of 2 to 6 words that names the topic. No quotes, no trailing punctuation, no preamble.';

/** Cleans a model-written title; null when nothing usable came back. */
export function cleanModelTitle(raw: string): string | null {
  const firstLine =
    raw
      .replace(/<think>[\s\S]*?<\/think>/g, '')
      .trim()
      .split('\n')[0] ?? '';
  const title = firstLine
    .replace(/^(title\s*:\s*)/i, '')
    .replace(/^["'“”‘’*#\s]+|["'“”‘’*.\s]+$/g, '')
    .trim();
  if (!title) return null;
  return title.length > 80 ? `${title.slice(0, 79)}…` : title;
}
