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

export interface Services {
  vault: Vault;
  store: ConversationStore;
  settings: SettingsService;
  chat: ChatService;
  usage: UsageTracker;
  keepAlive: KeepAlive;
}

export async function createServices(deps: PlatformDeps): Promise<Services> {
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

  const db = await openParleyDb({ factory: deps.indexedDB });
  const store = new ConversationStore(db, { clock: deps.clock });
  const keepAlive = new KeepAlive({ ping: deps.keepAlivePing });
  const usage = new UsageTracker(deps.local);
  const chat = new ChatService({
    store,
    jobs: new JobStore(db),
    queue: new RequestQueue<GenerationJob>({ clock: deps.clock }),
    settings,
    usage,
    streamTurn: deps.streamTurn,
    keepAlive,
    clock: deps.clock,
    notify: deps.notify,
    log,
  });
  await chat.recover();
  return { vault, store, settings, chat, usage, keepAlive };
}
