// Which pages watch which conversation, so a job's events reach every open side panel on it
// (two windows on the same conversation both see the stream) and nobody else.
import type { BackgroundEvent } from '@/shared/protocol';
import type { PortSession } from './port-server';

export class ConversationSubscriptions {
  private readonly byConversation = new Map<string, Set<PortSession>>();
  private readonly closeHooked = new WeakSet<PortSession>();

  subscribe(conversationId: string, session: PortSession): void {
    let sessions = this.byConversation.get(conversationId);
    if (!sessions) this.byConversation.set(conversationId, (sessions = new Set()));
    sessions.add(session);
    if (!this.closeHooked.has(session)) {
      this.closeHooked.add(session);
      session.onClose(() => this.unsubscribeAll(session));
    }
  }

  unsubscribe(conversationId: string, session: PortSession): boolean {
    const sessions = this.byConversation.get(conversationId);
    const removed = sessions?.delete(session) ?? false;
    if (sessions && sessions.size === 0) this.byConversation.delete(conversationId);
    return removed;
  }

  send(conversationId: string, event: BackgroundEvent): void {
    for (const session of this.byConversation.get(conversationId) ?? []) session.send(event);
  }

  watchers(conversationId: string): number {
    return this.byConversation.get(conversationId)?.size ?? 0;
  }

  private unsubscribeAll(session: PortSession): void {
    for (const conversationId of [...this.byConversation.keys()])
      this.unsubscribe(conversationId, session);
  }
}
