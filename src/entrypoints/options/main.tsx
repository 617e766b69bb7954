import { createRoot } from 'react-dom/client';
import { PORT_NAMES } from '@/shared/protocol';
import { connectToBackground } from '@/ui/shared/connect';
import { createOptionsStore } from '@/ui/options/options-store';
import { OptionsApp } from '@/ui/options/OptionsApp';
import { OptionsStoreContext } from '@/ui/options/use-options';
import '@/ui/shared/theme.css';
import '@/ui/options/options.css';

const store = createOptionsStore(connectToBackground(PORT_NAMES.settings));
store.getState().start();

createRoot(document.getElementById('root')!).render(
  <OptionsStoreContext.Provider value={store}>
    <OptionsApp />
  </OptionsStoreContext.Provider>,
);
