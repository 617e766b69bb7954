// Maps each protocol request to the service that answers it. Requests wait for start-up (opening
// the database, recovering jobs) to finish, so a page that connects early is simply answered late.
import type { VaultStatus } from '@/shared/protocol';
import type { RequestHandlers } from './port-server';
import type { ChatServices, CoreServices } from './services';

export function createHandlers(ready: {
  core: Promise<CoreServices>;
  chat: Promise<ChatServices>;
}): RequestHandlers {
  const core = () => ready.core;
  const chat = async () => (await ready.chat).chat;
  const vaultOp = async (op: (s: CoreServices) => Promise<unknown>): Promise<VaultStatus> => {
    const services = await core();
    await op(services);
    return services.vault.status();
  };

  return {
    'settings.get': async () => (await core()).settings.view(),
    'settings.update': async (payload) => (await core()).settings.updateDefaults(payload),
    'settings.export': async () => ({ json: await (await core()).settings.exportJson() }),
    'settings.import': async ({ json }) => (await core()).settings.importJson(json),
    'provider.save': async ({ provider, apiKey }) =>
      (await core()).settings.saveProvider(provider, apiKey),
    'provider.remove': async ({ providerId }) => (await core()).settings.removeProvider(providerId),
    'provider.reorder': async ({ providerIds }) => (await core()).settings.reorder(providerIds),
    'provider.check': async ({ providerId }) => (await core()).settings.check(providerId),
    'models.list': async ({ providerId, refresh }) =>
      (await core()).settings.models(providerId, refresh ?? false),

    'vault.status': async () => (await core()).vault.status(),
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
        await s.settings.publish(); // every masked key is gone
      }),

    'chat.send': async (payload) => (await chat()).send(payload),
    'chat.stop': async ({ messageId }) => (await chat()).stop(messageId),
    'chat.continue': async ({ messageId }) => (await chat()).continue(messageId),
    'chat.retry': async ({ messageId }) => (await chat()).retry(messageId),
    'conversation.open': async ({ conversationId }, session) =>
      (await chat()).open(conversationId, session),
    'conversation.close': async ({ conversationId }, session) =>
      (await chat()).close(conversationId, session),
    'conversation.list': async (payload) => (await chat()).list(payload),
    'conversation.rename': async ({ conversationId, title }) =>
      (await chat()).rename(conversationId, title),
    'conversation.delete': async ({ conversationId }) => (await chat()).delete(conversationId),
    'usage.get': async () => (await core()).usage.totals(),
  };
}
