// Renders the whole options page against a scripted background.
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createOptionsStore } from '../options-store';
import { OptionsApp } from '../OptionsApp';
import { OptionsStoreContext } from '../use-options';
import { createFakeBackground, type Handlers } from '../../testing/fake-background';
import { startupHandlers } from './fixtures';

export function renderOptions(handlers: Handlers = {}) {
  const background = createFakeBackground({ ...startupHandlers(), ...handlers });
  const store = createOptionsStore(background.client);
  store.getState().start();
  const user = userEvent.setup();
  const view = render(
    <OptionsStoreContext.Provider value={store}>
      <OptionsApp />
    </OptionsStoreContext.Provider>,
  );
  return { background, store, user, ...view };
}

/** The add/edit provider form, found by its accessible name. */
export async function findProviderForm(name: 'Add a provider' | 'Edit provider') {
  return within(await screen.findByRole('form', { name }));
}
