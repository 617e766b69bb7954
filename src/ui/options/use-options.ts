import { createContext, useContext } from 'react';
import { useStore, type StoreApi } from 'zustand';
import type { OptionsState } from './options-store';

export const OptionsStoreContext = createContext<StoreApi<OptionsState> | null>(null);

/** Reads one value from the options page's store (single-value selectors keep renders cheap). */
export function useOptions<T>(selector: (state: OptionsState) => T): T {
  const store = useContext(OptionsStoreContext);
  if (!store) throw new Error('useOptions needs an OptionsStoreContext provider');
  return useStore(store, selector);
}
