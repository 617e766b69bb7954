import { useState, type FormEvent } from 'react';
import { Icon } from '../shared/Icon';
import { useChat } from './use-chat';

/** The open conversation's title, renamed in place (Enter or leaving the field saves, Escape cancels). */
export function ConversationTitle() {
  const conversation = useChat((s) => s.open?.conversation);
  const rename = useChat((s) => s.renameConversation);
  const [draft, setDraft] = useState<string | null>(null);

  if (!conversation) return <h1 className="panel-title">New chat</h1>;

  if (draft !== null) {
    const save = (event?: FormEvent) => {
      event?.preventDefault();
      const title = draft.trim();
      setDraft(null);
      if (title && title !== conversation.title) void rename(conversation.id, title);
    };
    return (
      <form className="panel-title title-form" onSubmit={save}>
        <input
          aria-label="Conversation title"
          value={draft}
          maxLength={200}
          autoFocus
          onChange={(e) => setDraft(e.target.value)}
          onBlur={() => save()}
          onKeyDown={(e) => {
            if (e.key === 'Escape') setDraft(null);
          }}
        />
      </form>
    );
  }

  return (
    <div className="panel-title title-row">
      <h1 title={conversation.title}>{conversation.title}</h1>
      <button
        type="button"
        className="icon rename"
        aria-label="Rename conversation"
        onClick={() => setDraft(conversation.title)}
      >
        <Icon name="edit" size={14} />
      </button>
    </div>
  );
}
