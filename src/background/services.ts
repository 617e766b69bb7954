// Builds the background's services from injected platform pieces (storage areas, IndexedDB,
// the model client), so the same graph runs in the worker and in integration tests.
import type { Clock, ModelInfo, ProviderConnection } from '@/client/types';
import { RequestQueue } from '@/queue/request-queue';
import { ConversationStore } from '@/store/conversation-store';
import { openParleyDb } from '@/store/db';
import { JobStore } from '@/store/job-store';
import type { GenerationJob } from '@/store/schema';
import type { StorageArea } from '@/vault/api-key-store';
import { IndexedDbDeviceKeyStore } from '@/vault/device-key-store';
import { migrateLegacyKeys } from '@/vault/migrate-legacy-keys';
import { Vault } from '@/vault/vault';
import { ChatService, type StreamTurn } from './chat-service';
import { KeepAlive } from './keep-alive';
import { SettingsService } from './settings-service';
import { UsageTracker } from './usage-tracker';
import type { SettingsView } from '@/shared/settings';
import type { VaultStatus } from '@/shared/protocol';

export interface PlatformDeps {
  local: StorageArea;
  session: StorageArea;
  indexedDB: IDBFactory;
  clock: Clock;
  streamTurn: StreamTurn;
  listModels: (conn: ProviderConnection) => Promise<ModelInfo[]>;
  /** A cheap extension API call that keeps the worker alive while jobs run. */
  keepAlivePing: () => Promise<unknown>;
  onSettingsChanged: (view: SettingsView) => void;
  onVaultChanged: (status: VaultStatus) => void;
  notify: (level: 'info' | 'warning' | 'error', message: string, code?: string) => void;
  log?: Pick<Console, 'warn' | 'error' | 'info'>;
  /** Tests only: a faster key derivation. */
  pbkdf2Iterations?: number;
}

/** What settings, keys and usage need: storage.local and the vault, no conversation database. */
export interface CoreServices {
  vault: Vault;
  settings: SettingsService;
  usage: UsageTracker;
}

/** Chat on top of the core: the conversation database, the queue and the jobs. */
export interface ChatServices {
  store: ConversationStore;
  chat: ChatService;
  keepAlive: KeepAlive;
}

export type Services = CoreServices & ChatServices;

/**
 * Two readiness steps, so the options page never waits for the conversation database, and a
 * database that cannot open (or a recovery that fails) leaves settings and keys working.
 */
export function startServices(deps: PlatformDeps): {
  core: Promise<CoreServices>;
  chat: Promise<ChatServices>;
} {
  const core = createCoreServices(deps);
  const chat = core.then((c) => createChatServices(c, deps));
  return { core, chat };
}

/** Both steps at once (tests and anything that needs the whole graph). */
export async function createServices(deps: PlatformDeps): Promise<Services> {
  const { core, chat } = startServices(deps);
  return { ...(await core), ...(await chat) };
}

async function createCoreServices(deps: PlatformDeps): Promise<CoreServices> {
  const log = deps.log ?? console;
  const vault = new Vault({
    local: deps.local,
    session: deps.session,
    deviceKeys: new IndexedDbDeviceKeyStore(deps.indexedDB),
    clock: deps.clock,
    ...(deps.pbkdf2Iterations ? { pbkdf2Iterations: deps.pbkdf2Iterations } : {}),
  });
  vault.onChange(deps.onVaultChanged);
  const settings = new SettingsService({
    local: deps.local,
    keys: vault,
    listModels: deps.listModels,
    now: () => deps.clock.now(),
    onChange: deps.onSettingsChanged,
    log,
  });
  // Keys from the walking skeleton's plain storage move into the vault (deferred while locked).
  try {
    const migration = await migrateLegacyKeys(deps.local, vault);
    if (migration.outcome === 'migrated') {
      log.info(`Parley: moved ${migration.migrated.length} API key(s) into the encrypted vault.`);
    }
  } catch (err) {
    log.error(
      'Parley: could not move old API keys into the vault; they stay where they were.',
      err,
    );
  }
  return { vault, settings, usage: new UsageTracker(deps.local) };
}

async function createChatServices(core: CoreServices, deps: PlatformDeps): Promise<ChatServices> {
  const log = deps.log ?? console;
  const db = await openParleyDb({ factory: deps.indexedDB });
  const store = new ConversationStore(db, { clock: deps.clock });
  const keepAlive = new KeepAlive({ ping: deps.keepAlivePing });
  const chat = new ChatService({
    store,
    jobs: new JobStore(db),
    queue: new RequestQueue<GenerationJob>({ clock: deps.clock }),
    settings: core.settings,
    usage: core.usage,
    streamTurn: deps.streamTurn,
    keepAlive,
    clock: deps.clock,
    notify: deps.notify,
    log,
  });
  try {
    await chat.recover();
  } catch (err) {
    // Chat still works; only what the last worker left behind could not be sorted out.
    log.error('Parley: could not recover unfinished answers', err);
    deps.notify(
      'warning',
      `Parley could not restore answers that were in progress when it last stopped (${err instanceof Error ? err.message : String(err)}). New chats work; reload the extension to try again.`,
      'storage',
    );
  }
  return { store, chat, keepAlive };
}
