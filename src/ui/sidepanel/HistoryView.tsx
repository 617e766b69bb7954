import { useEffect, useState } from 'react';
import { formatRelativeTime } from '../shared/format';
import { Icon } from '../shared/Icon';
import { useChat } from './use-chat';

/** Past conversations, newest first, with full-text search over titles and messages. */
export function HistoryView({ onClose }: { onClose: () => void }) {
  const history = useChat((s) => s.history);
  const loadHistory = useChat((s) => s.loadHistory);
  const openConversation = useChat((s) => s.openConversation);
  const deleteConversation = useChat((s) => s.deleteConversation);
  const currentId = useChat((s) => s.open?.conversation.id);
  const [query, setQuery] = useState('');

  useEffect(() => {
    const timer = setTimeout(() => void loadHistory(query), query ? 150 : 0);
    return () => clearTimeout(timer);
  }, [query, loadHistory]);

  return (
    <div className="history">
      <label className="history-search">
        <span className="visually-hidden">Search conversations</span>
        <input
          type="search"
          placeholder="Search conversations"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          autoFocus
        />
      </label>
      {history.length === 0 ? (
        <p className="muted history-empty">
          {query ? 'No conversation matches.' : 'No conversations yet.'}
        </p>
      ) : (
        <ul className="history-list">
          {history.map((c) => (
            <li key={c.id} className={c.id === currentId ? 'current' : undefined}>
              <button
                type="button"
                className="history-item"
                onClick={() => {
                  void openConversation(c.id);
                  onClose();
                }}
              >
                <span className="history-title">{c.title}</span>
                <span className="small muted">{formatRelativeTime(c.updatedAt)}</span>
              </button>
              <button
                type="button"
                className="icon danger"
                aria-label={`Delete conversation ${c.title}`}
                onClick={() => {
                  if (confirm(`Delete “${c.title}”? This cannot be undone.`))
                    void deleteConversation(c.id);
                }}
              >
                <Icon name="trash" size={16} />
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
