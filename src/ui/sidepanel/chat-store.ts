// The side panel's state: the open conversation (kept exact from snapshot + deltas), the provider
// and model for the next message, the vault's lock state and the conversation history.
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ModelInfo } from '@/client/types';
import type { ConversationSummary, VaultStatus } from '@/shared/protocol';
import { defaultProvider, type SettingsView } from '@/shared/settings';
import { RequestFailedError, type ConnectionState, type PortClient } from '../port-client';
import {
  applyAdded,
  applyDelta,
  applyJobStatus,
  applyUpdated,
  fromSnapshot,
  type OpenConversation,
} from './conversation-state';

/** Small persistence for what the page should remember between openings (the last conversation). */
export interface PanelMemory {
  get(key: string): string | null;
  set(key: string, value: string | null): void;
}

const LAST_CONVERSATION = 'parley.lastConversation';
/** The model last picked for a provider in this panel, per provider id. */
const MODEL_CHOICE = 'parley.model.';

export interface ChatState {
  connection: ConnectionState;
  settings: SettingsView | null;
  vault: VaultStatus | null;
  open: OpenConversation | null;
  /** Opening a conversation in progress (or failed), for the UI's loading/error states. */
  opening: boolean;
  history: ConversationSummary[];
  providerId: string | null;
  model: string | null;
  models: Record<string, { models: ModelInfo[]; error?: string; loading: boolean }>;
  /** A failure to show above the composer (send failed, storage refused…). */
  notice: { level: 'info' | 'warning' | 'error'; message: string; code?: string } | null;

  start(): void;
  openConversation(conversationId: string): Promise<void>;
  newConversation(): void;
  /** Resolves true when the background accepted the message (the composer may clear then). */
  send(text: string): Promise<boolean>;
  stop(messageId: string): Promise<void>;
  continueMessage(messageId: string): Promise<void>;
  retryMessage(messageId: string): Promise<void>;
  unlock(passphrase: string): Promise<string | null>;
  selectProvider(providerId: string): void;
  selectModel(model: string): void;
  loadModels(providerId: string, refresh?: boolean): Promise<void>;
  loadHistory(query?: string): Promise<void>;
  deleteConversation(conversationId: string): Promise<void>;
  renameConversation(conversationId: string, title: string): Promise<void>;
  dismissNotice(): void;
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

export function createChatStore(client: PortClient, memory: PanelMemory): StoreApi<ChatState> {
  return createStore<ChatState>()((set, get) => {
    const fail = (err: unknown) => {
      const code = err instanceof RequestFailedError ? err.code : undefined;
      set({ notice: { level: 'error', message: messageOf(err), ...(code ? { code } : {}) } });
      if (code === 'vault_locked') void refreshVault();
    };

    const refreshVault = async () => {
      try {
        set({ vault: await client.request('vault.status', {}) });
      } catch {
        // Reported by the request that needed the vault.
      }
    };

    const adoptSettings = (settings: SettingsView) => {
      const { providerId, model } = get();
      const current = settings.providers.find((p) => p.id === providerId);
      const provider = current ?? defaultProvider(settings);
      set({
        settings,
        providerId: provider?.id ?? null,
        model: current
          ? model
          : provider
            ? (memory.get(MODEL_CHOICE + provider.id) ?? provider.defaultModel ?? null)
            : null,
      });
    };

    const reopen = async () => {
      const id = get().open?.conversation.id ?? memory.get(LAST_CONVERSATION);
      if (id) await get().openConversation(id);
    };

    return {
      connection: client.connectionState,
      settings: null,
      vault: null,
      open: null,
      opening: false,
      history: [],
      providerId: null,
      model: null,
      models: {},
      notice: null,

      start() {
        client.onState((connection) => set({ connection }));
        client.onConnected(() => {
          void client.request('settings.get', {}).then(adoptSettings, fail);
          void refreshVault();
          void reopen();
        });
        client.on('settings.changed', ({ settings }) => adoptSettings(settings));
        client.on('vault.changed', ({ status }) => set({ vault: status }));
        client.on('notice', (notice) => set({ notice }));
        client.on('message.delta', (delta) => {
          const open = get().open;
          if (!open || open.conversation.id !== delta.conversationId) return;
          const result = applyDelta(open, delta);
          if (result.outcome === 'applied') set({ open: result.open });
          // Missed events (should not happen on one port, but a reattach may race): reload.
          else if (result.outcome === 'gap' || result.outcome === 'unknown-message') void reopen();
        });
        client.on('message.added', ({ message }) => {
          const open = get().open;
          if (open) set({ open: applyAdded(open, message) });
        });
        client.on('message.updated', (update) => {
          const open = get().open;
          if (open && open.conversation.id === update.conversationId)
            set({ open: applyUpdated(open, update) });
        });
        client.on('job.status', (update) => {
          const open = get().open;
          if (open && open.conversation.id === update.conversationId)
            set({ open: applyJobStatus(open, update) });
        });
        client.on('conversation.updated', ({ conversation }) => {
          const open = get().open;
          if (open && open.conversation.id === conversation.id)
            set({ open: { ...open, conversation } });
          set({
            history: get().history.map((c) =>
              c.id === conversation.id ? { ...c, ...conversation } : c,
            ),
          });
        });
        client.on('conversation.deleted', ({ conversationId }) => {
          if (get().open?.conversation.id === conversationId) get().newConversation();
          set({ history: get().history.filter((c) => c.id !== conversationId) });
        });
      },

      async openConversation(conversationId) {
        const previous = get().open?.conversation.id;
        set({ opening: true });
        try {
          const snapshot = await client.request('conversation.open', { conversationId });
          if (previous && previous !== conversationId) {
            void client
              .request('conversation.close', { conversationId: previous })
              .catch(() => undefined);
          }
          const open = fromSnapshot(snapshot);
          memory.set(LAST_CONVERSATION, conversationId);
          const { settings } = get();
          const provider = settings?.providers.find((p) => p.id === open.conversation.providerId);
          set({
            open,
            opening: false,
            ...(provider
              ? {
                  providerId: provider.id,
                  model: open.conversation.model ?? provider.defaultModel ?? null,
                }
              : {}),
          });
        } catch (err) {
          set({ opening: false });
          if (err instanceof RequestFailedError && err.code === 'not_found') {
            memory.set(LAST_CONVERSATION, null);
            set({ open: null });
            return;
          }
          fail(err);
        }
      },

      newConversation() {
        const previous = get().open?.conversation.id;
        if (previous)
          void client
            .request('conversation.close', { conversationId: previous })
            .catch(() => undefined);
        memory.set(LAST_CONVERSATION, null);
        set({ open: null, notice: null });
      },

      async send(text) {
        const { providerId, model, open } = get();
        if (!providerId) {
          set({
            notice: {
              level: 'error',
              message: 'Add a provider in Parley settings first, then send again.',
            },
          });
          return false;
        }
        try {
          const result = await client.request('chat.send', {
            text,
            providerId,
            ...(model ? { model } : {}),
            ...(open ? { conversationId: open.conversation.id } : {}),
          });
          set({ notice: null });
          if (get().open?.conversation.id !== result.conversationId)
            await get().openConversation(result.conversationId);
          return true;
        } catch (err) {
          fail(err);
          return false;
        }
      },

      async stop(messageId) {
        try {
          await client.request('chat.stop', { messageId });
        } catch (err) {
          fail(err);
        }
      },

      async continueMessage(messageId) {
        try {
          await client.request('chat.continue', { messageId });
          set({ notice: null });
        } catch (err) {
          fail(err);
        }
      },

      async retryMessage(messageId) {
        try {
          await client.request('chat.retry', { messageId });
          set({ notice: null });
        } catch (err) {
          fail(err);
        }
      },

      async unlock(passphrase) {
        try {
          const vault = await client.request('vault.unlock', { passphrase });
          set({ vault, notice: null });
          return null;
        } catch (err) {
          return messageOf(err);
        }
      },

      selectProvider(providerId) {
        const provider = get().settings?.providers.find((p) => p.id === providerId);
        set({
          providerId,
          model: memory.get(MODEL_CHOICE + providerId) ?? provider?.defaultModel ?? null,
        });
      },

      selectModel(model) {
        const providerId = get().providerId;
        const chosen = model.trim() || null;
        if (providerId) memory.set(MODEL_CHOICE + providerId, chosen);
        set({ model: chosen });
      },

      async loadModels(providerId, refresh = false) {
        const previous = get().models[providerId];
        set({
          models: {
            ...get().models,
            [providerId]: { models: previous?.models ?? [], loading: true },
          },
        });
        try {
          const { models } = await client.request('models.list', { providerId, refresh });
          set({ models: { ...get().models, [providerId]: { models, loading: false } } });
        } catch (err) {
          set({
            models: {
              ...get().models,
              [providerId]: {
                models: previous?.models ?? [],
                loading: false,
                error: messageOf(err),
              },
            },
          });
        }
      },

      async loadHistory(query) {
        try {
          const history = await client.request('conversation.list', {
            limit: 100,
            ...(query?.trim() ? { query: query.trim() } : {}),
          });
          set({ history });
        } catch (err) {
          fail(err);
        }
      },

      async deleteConversation(conversationId) {
        try {
          await client.request('conversation.delete', { conversationId });
        } catch (err) {
          fail(err);
        }
      },

      async renameConversation(conversationId, title) {
        try {
          await client.request('conversation.rename', { conversationId, title });
        } catch (err) {
          fail(err);
        }
      },

      dismissNotice() {
        set({ notice: null });
      },
    };
  });
}
