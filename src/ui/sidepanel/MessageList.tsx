import { useEffect, useLayoutEffect, useRef } from 'react';
import { browser } from 'wxt/browser';
import { MessageView } from './MessageView';
import { useChat } from './use-chat';

/** Stays pinned to the newest text while the user is at the bottom; leaves them alone when they scroll up. */
function useStickToBottom(dependency: unknown) {
  const ref = useRef<HTMLDivElement>(null);
  const pinned = useRef(true);
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    const onScroll = () => {
      pinned.current = element.scrollHeight - element.scrollTop - element.clientHeight < 40;
    };
    element.addEventListener('scroll', onScroll, { passive: true });
    return () => element.removeEventListener('scroll', onScroll);
  }, []);
  useLayoutEffect(() => {
    const element = ref.current;
    if (element && pinned.current) element.scrollTop = element.scrollHeight;
  }, [dependency]);
  return ref;
}

export function MessageList() {
  const open = useChat((s) => s.open);
  const opening = useChat((s) => s.opening);
  const hasProviders = useChat((s) => (s.settings ? s.settings.providers.length > 0 : null));
  const ref = useStickToBottom(open?.messages);

  if (!open) {
    return (
      <div className="messages empty" ref={ref}>
        {opening ? (
          <p className="muted">Opening conversation…</p>
        ) : hasProviders === false ? (
          <div className="welcome">
            <h2>Welcome to Parley</h2>
            <p>
              Connect a model provider to start chatting: OpenAI, OpenRouter, a local Ollama or LM
              Studio, or any OpenAI-compatible server.
            </p>
            <button
              type="button"
              className="primary"
              onClick={() => void browser.runtime.openOptionsPage()}
            >
              Add a provider
            </button>
          </div>
        ) : (
          <div className="welcome">
            <h2>Ask anything</h2>
            <p className="muted">
              Answers keep streaming even if you close this panel. Press Enter to send, Shift+Enter
              for a new line.
            </p>
          </div>
        )}
      </div>
    );
  }

  return (
    <div className="messages" ref={ref} role="log" aria-label="Conversation">
      {open.messages.map((message, index) => (
        <MessageView
          key={message.id}
          message={message}
          job={open.jobs[message.id]}
          latest={index === open.messages.length - 1}
        />
      ))}
    </div>
  );
}
