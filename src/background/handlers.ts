// Maps each protocol request to the service that answers it. Requests wait for start-up (opening
// the database, recovering jobs) to finish, so a page that connects early is simply answered late.
import type { VaultStatus } from '@/shared/protocol';
import type { RequestHandlers } from './port-server';
import type { Services } from './services';

export function createHandlers(ready: Promise<Services>): RequestHandlers {
  const vaultOp = async (op: (s: Services) => Promise<unknown>): Promise<VaultStatus> => {
    const services = await ready;
    await op(services);
    return services.vault.status();
  };

  return {
    'settings.get': async () => (await ready).settings.view(),
    'settings.update': async (payload) => (await ready).settings.updateDefaults(payload),
    'settings.export': async () => ({ json: await (await ready).settings.exportJson() }),
    'settings.import': async ({ json }) => (await ready).settings.importJson(json),
    'provider.save': async ({ provider, apiKey }) =>
      (await ready).settings.saveProvider(provider, apiKey),
    'provider.remove': async ({ providerId }) => (await ready).settings.removeProvider(providerId),
    'provider.reorder': async ({ providerIds }) => (await ready).settings.reorder(providerIds),
    'provider.check': async ({ providerId }) => (await ready).settings.check(providerId),
    'models.list': async ({ providerId, refresh }) =>
      (await ready).settings.models(providerId, refresh ?? false),

    'vault.status': async () => (await ready).vault.status(),
    'vault.unlock': ({ passphrase }) => vaultOp((s) => s.vault.unlock(passphrase)),
    'vault.lock': () => vaultOp((s) => s.vault.lock()),
    'vault.enablePassphrase': ({ passphrase }) =>
      vaultOp((s) => s.vault.enablePassphrase(passphrase)),
    'vault.changePassphrase': ({ oldPassphrase, newPassphrase }) =>
      vaultOp((s) => s.vault.changePassphrase(oldPassphrase, newPassphrase)),
    'vault.removePassphrase': ({ passphrase }) =>
      vaultOp((s) => s.vault.removePassphrase(passphrase)),
    'vault.setAutoLock': ({ ms }) => vaultOp((s) => s.vault.setAutoLock(ms)),
    'vault.reset': () =>
      vaultOp(async (s) => {
        await s.vault.reset();
        await s.settings.notify(); // every masked key is gone
      }),

    'chat.send': async (payload) => (await ready).chat.send(payload),
    'chat.stop': async ({ messageId }) => (await ready).chat.stop(messageId),
    'chat.continue': async ({ messageId }) => (await ready).chat.continue(messageId),
    'chat.retry': async ({ messageId }) => (await ready).chat.retry(messageId),
    'conversation.open': async ({ conversationId }, session) =>
      (await ready).chat.open(conversationId, session),
    'conversation.close': async ({ conversationId }, session) =>
      (await ready).chat.close(conversationId, session),
    'conversation.list': async (payload) => (await ready).chat.list(payload),
    'conversation.rename': async ({ conversationId, title }) =>
      (await ready).chat.rename(conversationId, title),
    'conversation.delete': async ({ conversationId }) => (await ready).chat.delete(conversationId),
    'usage.get': async () => (await ready).usage.totals(),
  };
}
