import { useState, type FormEvent } from 'react';
import { Icon } from '../shared/Icon';
import { useChat } from './use-chat';

/**
 * The open conversation's title, renamed in place (Enter or leaving the field saves, Escape
 * cancels). The field stays open with the typed title until the background accepts it; a refusal
 * shows in the notice banner.
 */
export function ConversationTitle() {
  const conversation = useChat((s) => s.open?.conversation);
  const rename = useChat((s) => s.renameConversation);
  const [draft, setDraft] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  if (!conversation) return <h1 className="panel-title">New chat</h1>;

  if (draft !== null) {
    const save = async (event?: FormEvent) => {
      event?.preventDefault();
      if (saving) return;
      const title = draft.trim();
      if (!title || title === conversation.title) {
        setDraft(null);
        return;
      }
      setSaving(true);
      const accepted = await rename(conversation.id, title);
      setSaving(false);
      if (accepted) setDraft(null);
    };
    return (
      <form className="panel-title title-form" onSubmit={(e) => void save(e)}>
        <input
          aria-label="Conversation title"
          value={draft}
          maxLength={200}
          autoFocus
          readOnly={saving}
          onChange={(e) => setDraft(e.target.value)}
          onBlur={() => void save()}
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
