import { browser } from 'wxt/browser';
import { Icon } from '../shared/Icon';
import { ConversationTitle } from './ConversationTitle';
import { useChat } from './use-chat';

export function PanelHeader({
  historyOpen,
  onToggleHistory,
}: {
  historyOpen: boolean;
  onToggleHistory: () => void;
}) {
  const newConversation = useChat((s) => s.newConversation);
  return (
    <header className="panel-header">
      <button
        type="button"
        className="icon"
        aria-label={historyOpen ? 'Close conversation history' : 'Conversation history'}
        aria-pressed={historyOpen}
        onClick={onToggleHistory}
      >
        <Icon name={historyOpen ? 'back' : 'menu'} />
      </button>
      {historyOpen ? <h1 className="panel-title">History</h1> : <ConversationTitle />}
      <button
        type="button"
        className="icon"
        aria-label="New chat"
        onClick={() => {
          newConversation();
          if (historyOpen) onToggleHistory();
        }}
      >
        <Icon name="plus" />
      </button>
      <button
        type="button"
        className="icon"
        aria-label="Settings"
        onClick={() => void browser.runtime.openOptionsPage()}
      >
        <Icon name="settings" />
      </button>
    </header>
  );
}
