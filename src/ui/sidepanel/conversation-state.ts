// Applying background events to the open conversation: pure functions, so the rules that keep the
// text exact (no gap, no repeat after a reattach) are tested without React or ports.
import type { ChatMessage } from '@/shared/conversation';
import type { ConversationSnapshot, EventPayloads, JobStatus } from '@/shared/protocol';

export interface OpenConversation {
  conversation: ConversationSnapshot['conversation'];
  messages: ChatMessage[];
  jobs: Record<string, JobStatus>;
}

export type DeltaOutcome = 'applied' | 'duplicate' | 'gap' | 'unknown-message';

export function fromSnapshot(snapshot: ConversationSnapshot): OpenConversation {
  return {
    conversation: snapshot.conversation,
    messages: [...snapshot.messages].sort((a, b) => a.seq - b.seq),
    jobs: { ...snapshot.jobs },
  };
}

/**
 * Appends streamed text at its offset. A delta that starts before our end repeats what we
 * already have (kept only for its new tail); one that starts after it means we missed events
 * and must reload the snapshot.
 */
export function applyDelta(
  open: OpenConversation,
  delta: EventPayloads['message.delta'],
): { open: OpenConversation; outcome: DeltaOutcome } {
  const index = open.messages.findIndex((m) => m.id === delta.messageId);
  const message = open.messages[index];
  if (!message) return { open, outcome: 'unknown-message' };
  const current = (delta.field === 'content' ? message.content : message.reasoning) ?? '';
  if (delta.offset > current.length) return { open, outcome: 'gap' };
  const end = delta.offset + delta.text.length;
  if (end <= current.length) return { open, outcome: 'duplicate' };
  const next = current + delta.text.slice(current.length - delta.offset);
  const messages = open.messages.slice();
  messages[index] = { ...message, [delta.field]: next };
  return { open: { ...open, messages }, outcome: 'applied' };
}

/**
 * Applies a batch of deltas in arrival order (one store update per frame instead of per delta).
 * `missed` reports that at least one could not be placed (a gap or an unknown message): the
 * snapshot must be reloaded. Deltas for another conversation are ignored.
 */
export function applyDeltas(
  open: OpenConversation,
  deltas: readonly EventPayloads['message.delta'][],
): { open: OpenConversation; missed: boolean } {
  let current = open;
  let missed = false;
  for (const delta of deltas) {
    if (delta.conversationId !== current.conversation.id) continue;
    const result = applyDelta(current, delta);
    if (result.outcome === 'applied') current = result.open;
    else if (result.outcome === 'gap' || result.outcome === 'unknown-message') missed = true;
  }
  return { open: current, missed };
}

export function applyAdded(open: OpenConversation, message: ChatMessage): OpenConversation {
  if (message.conversationId !== open.conversation.id) return open;
  const messages = open.messages.filter((m) => m.id !== message.id);
  messages.push(message);
  messages.sort((a, b) => a.seq - b.seq);
  return { ...open, messages };
}

export function applyUpdated(
  open: OpenConversation,
  update: EventPayloads['message.updated'],
): OpenConversation {
  const index = open.messages.findIndex((m) => m.id === update.messageId);
  const message = open.messages[index];
  if (!message) return open;
  const messages = open.messages.slice();
  messages[index] = { ...message, ...update.patch };
  return { ...open, messages };
}

export function applyJobStatus(
  open: OpenConversation,
  update: EventPayloads['job.status'],
): OpenConversation {
  const jobs = { ...open.jobs };
  if (update.status.phase === 'done') delete jobs[update.messageId];
  else jobs[update.messageId] = update.status;
  return { ...open, jobs };
}
