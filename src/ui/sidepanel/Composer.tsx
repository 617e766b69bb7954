import { useEffect, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { pageMemory } from '../shared/connect';
import { ModelPicker } from './ModelPicker';
import { useChat } from './use-chat';

const DRAFT_KEY = 'parley.draft';

/**
 * The message being typed survives closing the panel. `clearSent` empties it once the background
 * has the message, unless the user has typed on meanwhile (then what they typed stays).
 */
function useDraft(): [string, (text: string) => void, (sent: string) => void] {
  const [draft, setDraftState] = useState(() => pageMemory.get(DRAFT_KEY) ?? '');
  const latest = useRef(draft);
  const setDraft = (text: string) => {
    latest.current = text;
    setDraftState(text);
    pageMemory.set(DRAFT_KEY, text || null);
  };
  const clearSent = (sent: string) => {
    if (latest.current.trim() === sent) setDraft('');
  };
  return [draft, setDraft, clearSent];
}

export function Composer() {
  const [draft, setDraft, clearSent] = useDraft();
  const [sending, setSending] = useState(false);
  const send = useChat((s) => s.send);
  const stop = useChat((s) => s.stop);
  const hasProvider = useChat((s) => s.providerId !== null);
  const locked = useChat((s) => s.vault?.locked ?? false);
  // A conversation still opening would not receive the message: wait for it.
  const opening = useChat((s) => s.opening);
  const activeId = useChat((s) => {
    const messages = s.open?.messages ?? [];
    const last = messages[messages.length - 1];
    return last &&
      last.role === 'assistant' &&
      (last.state === 'pending' || last.state === 'streaming')
      ? last.id
      : null;
  });
  const textarea = useRef<HTMLTextAreaElement>(null);

  useEffect(() => {
    const element = textarea.current;
    if (!element) return;
    element.style.height = 'auto';
    element.style.height = `${Math.min(element.scrollHeight, 240)}px`;
  }, [draft]);

  const canSend = draft.trim().length > 0 && !sending && !opening && !activeId && hasProvider;

  const submit = async (event?: FormEvent) => {
    event?.preventDefault();
    if (!canSend) return;
    const text = draft.trim();
    setSending(true);
    const accepted = await send(text);
    setSending(false);
    if (accepted) clearSent(text);
    textarea.current?.focus();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      void submit();
    }
  };

  return (
    <form className="composer" onSubmit={submit} aria-label="Send a message">
      <ModelPicker />
      <div className="composer-row">
        <label htmlFor="composer-input" className="visually-hidden">
          Message
        </label>
        <textarea
          id="composer-input"
          ref={textarea}
          rows={1}
          value={draft}
          placeholder={locked ? 'Unlock your keys to chat…' : 'Message Parley…'}
          onChange={(e) => setDraft(e.target.value)}
          onKeyDown={onKeyDown}
          autoFocus
        />
        {activeId ? (
          <button type="button" className="stop" onClick={() => void stop(activeId)}>
            Stop
          </button>
        ) : (
          <button type="submit" className="primary" disabled={!canSend}>
            Send
          </button>
        )}
      </div>
    </form>
  );
}
