import { useState } from 'react';
import { Composer } from './Composer';
import { ConnectionBanner } from './ConnectionBanner';
import { HistoryView } from './HistoryView';
import { MessageList } from './MessageList';
import { NoticeBanner } from './NoticeBanner';
import { PanelHeader } from './PanelHeader';
import { VaultBanner } from './VaultBanner';

export function SidePanelApp() {
  const [showHistory, setShowHistory] = useState(false);
  return (
    <div className="panel">
      <PanelHeader
        historyOpen={showHistory}
        onToggleHistory={() => setShowHistory((open) => !open)}
      />
      <ConnectionBanner />
      <VaultBanner />
      {showHistory ? <HistoryView onClose={() => setShowHistory(false)} /> : <MessageList />}
      <NoticeBanner />
      <Composer />
    </div>
  );
}
