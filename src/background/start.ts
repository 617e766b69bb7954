// The background's composition root: wires browser APIs to the services. Listeners are added
// synchronously on start-up (MV3 delivers the waking event only to listeners present then);
// the slower set-up (database, vault, job recovery) runs behind the `ready` promise.
import { browser } from 'wxt/browser';
import { listModels, streamTurn } from '@/client';
import { systemClock } from '@/client/clock';
import { eventMessage } from '@/shared/protocol';
import { createHandlers } from './handlers';
import { PortServer, type IncomingPort } from './port-server';
import { startServices } from './services';

/**
 * Only for the negative control of the worker-lifetime end-to-end test, which builds a copy with
 * VITE_PARLEY_WITHOUT_KEEPALIVE=true to show that without the extension API call the worker is
 * stopped mid-answer. Normal builds fold this to `false` and drop the branch.
 */
const KEEP_ALIVE_DISABLED = import.meta.env.VITE_PARLEY_WITHOUT_KEEPALIVE === 'true';

export function startBackground(): void {
  // Services report changes before and after pages connect; `server` exists by the time they do
  // (set-up is asynchronous, the server is created synchronously below).
  const broadcast: PortServer['broadcast'] = (...args) => server.broadcast(...args);

  const ready = startServices({
    local: browser.storage.local,
    session: browser.storage.session,
    indexedDB: globalThis.indexedDB,
    clock: systemClock,
    streamTurn,
    listModels: (conn) => listModels(conn),
    keepAlivePing: KEEP_ALIVE_DISABLED
      ? () => Promise.resolve()
      : () => browser.runtime.getPlatformInfo(),
    onSettingsChanged: (settings) => broadcast(eventMessage('settings.changed', { settings })),
    onVaultChanged: (status) => broadcast(eventMessage('vault.changed', { status })),
    notify: (level, message, code) =>
      broadcast(eventMessage('notice', { level, message, ...(code ? { code } : {}) })),
  });
  ready.core.catch((err) => console.error('Parley: settings and keys could not start', err));
  ready.chat.catch((err) => console.error('Parley: conversations could not start', err));

  const server = new PortServer(
    { extensionId: browser.runtime.id, extensionOrigin: browser.runtime.getURL('/') },
    createHandlers(ready),
  );
  browser.runtime.onConnect.addListener((port) => server.accept(port as unknown as IncomingPort));

  // The toolbar button opens the side panel (Chrome's own panel, no popup).
  void chrome.sidePanel
    ?.setPanelBehavior({ openPanelOnActionClick: true })
    .catch((err: unknown) => console.warn('Parley: could not set the side panel behaviour', err));
  // The unlocked vault key lives in session storage: keep it out of reach of content scripts.
  void chrome.storage.session
    ?.setAccessLevel?.({ accessLevel: 'TRUSTED_CONTEXTS' })
    .catch(() => undefined);
}
