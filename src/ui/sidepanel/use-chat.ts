import { createContext, useContext } from 'react';
import { useStore, type StoreApi } from 'zustand';
import type { ChatState } from './chat-store';

export const ChatStoreContext = createContext<StoreApi<ChatState> | null>(null);

/** Reads one value from the side panel's store (single-value selectors keep renders cheap). */
export function useChat<T>(selector: (state: ChatState) => T): T {
  const store = useContext(ChatStoreContext);
  if (!store) throw new Error('useChat needs a ChatStoreContext provider');
  return useStore(store, selector);
}
