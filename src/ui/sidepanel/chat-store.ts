// The side panel's state: the open conversation (kept exact from snapshot + deltas), the provider
// and model for the next message, the vault's lock state and the conversation history.
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ModelInfo } from '@/client/types';
import type { ConversationSummary, EventPayloads, VaultStatus } from '@/shared/protocol';
import { defaultProvider, type SettingsView } from '@/shared/settings';
import { RequestFailedError, type ConnectionState, type PortClient } from '../port-client';
import {
  applyAdded,
  applyDeltas,
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

/** Runs a callback before the next paint. */
export type ScheduleFrame = (callback: () => void) => void;

/** The next animation frame; where there is none (a worker, node), about one frame's time. */
const nextFrame: ScheduleFrame = (callback) => {
  if (typeof requestAnimationFrame === 'function') requestAnimationFrame(() => callback());
  else setTimeout(callback, 16);
};

export interface ChatStoreOptions {
  /** When queued streamed text is applied: once per frame, so a fast stream renders once a frame. */
  scheduleFrame?: ScheduleFrame;
}

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
  /**
   * Resolves true as soon as the background accepted the message (the composer may clear then);
   * a new conversation opens afterwards, without holding up the composer.
   */
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
  /** Resolves true once the background accepted the new title. */
  renameConversation(conversationId: string, title: string): Promise<boolean>;
  dismissNotice(): void;
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

export function createChatStore(
  client: PortClient,
  memory: PanelMemory,
  options: ChatStoreOptions = {},
): StoreApi<ChatState> {
  const scheduleFrame = options.scheduleFrame ?? nextFrame;
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

    // One reload at a time: after a gap every following delta also misses, and each must not
    // start its own full `conversation.open`.
    let reopening: Promise<void> | null = null;
    const reopen = (): Promise<void> => {
      reopening ??= (async () => {
        const id = get().open?.conversation.id ?? memory.get(LAST_CONVERSATION);
        if (id) await get().openConversation(id);
      })().finally(() => {
        reopening = null;
      });
      return reopening;
    };

    // Streamed text waits for the next frame and is applied in one update. Any other change to the
    // open conversation applies the waiting text first, so events keep their order.
    let pendingDeltas: EventPayloads['message.delta'][] = [];
    let frameRequested = false;
    const applyPendingDeltas = () => {
      if (pendingDeltas.length === 0) return;
      const deltas = pendingDeltas;
      pendingDeltas = [];
      const open = get().open;
      if (!open) return;
      const result = applyDeltas(open, deltas);
      if (result.open !== open) set({ open: result.open });
      // Missed events (should not happen on one port, but a reattach may race): reload.
      if (result.missed) void reopen();
    };
    const queueDelta = (delta: EventPayloads['message.delta']) => {
      pendingDeltas.push(delta);
      if (frameRequested) return;
      frameRequested = true;
      scheduleFrame(() => {
        frameRequested = false;
        applyPendingDeltas();
      });
    };
    /** A snapshot (or no conversation) replaces the open one: text queued for the old is moot. */
    const replaceOpen = (open: OpenConversation | null) => {
      pendingDeltas = [];
      return open;
    };

    // A model list is dropped when the keys or settings change (a load that failed while locked
    // must run again); a load that started before the drop must not put its stale answer back.
    let modelListsVersion = 0;
    const dropModelLists = () => {
      modelListsVersion++;
      set({ models: {} });
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
        client.on('settings.changed', ({ settings }) => {
          adoptSettings(settings);
          dropModelLists();
        });
        client.on('vault.changed', ({ status }) => {
          set({ vault: status });
          dropModelLists();
        });
        client.on('notice', (notice) => set({ notice }));
        client.on('message.delta', queueDelta);
        client.on('message.added', ({ message }) => {
          applyPendingDeltas();
          const open = get().open;
          if (open) set({ open: applyAdded(open, message) });
        });
        client.on('message.updated', (update) => {
          applyPendingDeltas();
          const open = get().open;
          if (open && open.conversation.id === update.conversationId)
            set({ open: applyUpdated(open, update) });
        });
        client.on('job.status', (update) => {
          applyPendingDeltas();
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
            open: replaceOpen(open),
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
            set({ open: replaceOpen(null) });
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
        set({ open: replaceOpen(null), notice: null });
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
          // Opening reports its own failure; the message is accepted either way.
          if (get().open?.conversation.id !== result.conversationId)
            void get().openConversation(result.conversationId);
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
        const { settings, models } = get();
        const provider = settings?.providers.find((p) => p.id === providerId);
        // Choosing a provider whose list failed to load drops the failure, so it loads again.
        const { [providerId]: entry, ...others } = models;
        set({
          providerId,
          model: memory.get(MODEL_CHOICE + providerId) ?? provider?.defaultModel ?? null,
          ...(entry?.error ? { models: others } : {}),
        });
      },

      selectModel(model) {
        const providerId = get().providerId;
        const chosen = model.trim() || null;
        if (providerId) memory.set(MODEL_CHOICE + providerId, chosen);
        set({ model: chosen });
      },

      async loadModels(providerId, refresh = false) {
        const version = modelListsVersion;
        const previous = get().models[providerId];
        set({
          models: {
            ...get().models,
            [providerId]: { models: previous?.models ?? [], loading: true },
          },
        });
        try {
          const { models } = await client.request('models.list', { providerId, refresh });
          if (version !== modelListsVersion) return;
          set({ models: { ...get().models, [providerId]: { models, loading: false } } });
        } catch (err) {
          if (version !== modelListsVersion) return;
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
          return true;
        } catch (err) {
          fail(err);
          return false;
        }
      },

      dismissNotice() {
        set({ notice: null });
      },
    };
  });
}
