import { createRoot } from 'react-dom/client';
import { PORT_NAMES } from '@/shared/protocol';
import { connectToBackground, pageMemory } from '@/ui/shared/connect';
import { createChatStore } from '@/ui/sidepanel/chat-store';
import { SidePanelApp } from '@/ui/sidepanel/SidePanelApp';
import { ChatStoreContext } from '@/ui/sidepanel/use-chat';
import '@/ui/shared/theme.css';
import '@/ui/sidepanel/sidepanel.css';

const store = createChatStore(connectToBackground(PORT_NAMES.chat), pageMemory);
store.getState().start();

createRoot(document.getElementById('root')!).render(
  <ChatStoreContext.Provider value={store}>
    <SidePanelApp />
  </ChatStoreContext.Provider>,
);
