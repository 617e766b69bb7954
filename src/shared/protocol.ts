// THE port protocol between the pages (side panel, options) and the background worker.
//
// Every message that crosses a port is a claim: both ends validate what arrives against the
// schemas here and drop (with a logged reason) anything unknown or malformed. The types used
// by the code on both sides are inferred from these schemas, so they cannot drift apart.
import * as v from 'valibot';
import type { ClientErrorInfo, ModelInfo } from '@/client/types';
import type { ChatMessage, Conversation } from './conversation';
import type { VaultStatus } from '@/vault/vault';
import type { ProviderView, SettingsView } from './settings';

/** Bumped on any incompatible change; a page from an older build is told to reload. */
export const PROTOCOL_VERSION = 1;

export const PORT_NAMES = {
  /** The side panel: chatting, conversations, and unlocking the vault. */
  chat: 'parley/chat',
  /** The options page: providers, keys, models, vault and import/export. */
  settings: 'parley/settings',
} as const;
export type PortName = (typeof PORT_NAMES)[keyof typeof PORT_NAMES];

const id = v.pipe(v.string(), v.minLength(1), v.maxLength(200));
/** User text is bounded so a runaway page cannot flood the worker; 1 MB is far beyond a chat turn. */
const userText = v.pipe(v.string(), v.maxLength(1_000_000));
const passphrase = v.pipe(v.string(), v.minLength(1), v.maxLength(1024));

const providerDraft = v.object({
  id: v.optional(id),
  name: v.pipe(v.string(), v.maxLength(100)),
  preset: v.picklist(['openai', 'openrouter', 'ollama', 'lmstudio', 'custom']),
  baseURL: v.pipe(v.string(), v.maxLength(2000)),
  api: v.optional(v.picklist(['responses', 'chat'])),
  defaultModel: v.optional(v.pipe(v.string(), v.maxLength(300))),
});
export type ProviderDraft = v.InferOutput<typeof providerDraft>;

/** Request name → payload schema. The result types are in `RequestResults` below. */
export const REQUESTS = {
  'settings.get': v.object({}),
  'settings.update': v.object({
    defaultProviderId: v.optional(id),
    systemPrompt: v.optional(v.pipe(v.string(), v.maxLength(20_000))),
    modelTitles: v.optional(v.boolean()),
  }),
  'settings.export': v.object({}),
  'settings.import': v.object({ json: v.pipe(v.string(), v.maxLength(1_000_000)) }),
  'provider.save': v.object({
    provider: providerDraft,
    /** A new key; `null` removes the stored key; absent keeps it. */
    apiKey: v.optional(v.nullable(v.pipe(v.string(), v.maxLength(1000)))),
  }),
  'provider.remove': v.object({ providerId: id }),
  'provider.reorder': v.object({ providerIds: v.array(id) }),
  'provider.check': v.object({ providerId: id }),
  'models.list': v.object({ providerId: id, refresh: v.optional(v.boolean()) }),
  'vault.status': v.object({}),
  'vault.unlock': v.object({ passphrase }),
  'vault.lock': v.object({}),
  'vault.enablePassphrase': v.object({ passphrase }),
  'vault.changePassphrase': v.object({ oldPassphrase: passphrase, newPassphrase: passphrase }),
  'vault.removePassphrase': v.object({ passphrase }),
  /** The way out of a forgotten passphrase: deletes every stored key and the passphrase. */
  'vault.reset': v.object({ confirm: v.literal('delete all keys') }),
  'vault.setAutoLock': v.object({
    ms: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(7 * 24 * 3600 * 1000)),
  }),
  'chat.send': v.object({
    conversationId: v.optional(id),
    text: v.pipe(userText, v.minLength(1)),
    providerId: v.optional(id),
    model: v.optional(v.pipe(v.string(), v.minLength(1), v.maxLength(300))),
  }),
  'chat.stop': v.object({ messageId: id }),
  'chat.continue': v.object({ messageId: id }),
  'chat.retry': v.object({ messageId: id }),
  'conversation.open': v.object({ conversationId: id }),
  'conversation.close': v.object({ conversationId: id }),
  'conversation.list': v.object({
    query: v.optional(v.pipe(v.string(), v.maxLength(500))),
    limit: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(500))),
  }),
  'conversation.rename': v.object({
    conversationId: id,
    title: v.pipe(v.string(), v.minLength(1), v.maxLength(200)),
  }),
  'conversation.delete': v.object({ conversationId: id }),
  'usage.get': v.object({}),
} as const;

export type RequestName = keyof typeof REQUESTS;
export type RequestPayload<N extends RequestName> = v.InferOutput<(typeof REQUESTS)[N]>;

/** Which requests each port may make; anything else on that port is rejected. */
export const ALLOWED_REQUESTS: Record<PortName, ReadonlySet<RequestName>> = {
  [PORT_NAMES.chat]: new Set<RequestName>([
    'settings.get',
    'settings.update',
    'models.list',
    'vault.status',
    'vault.unlock',
    'chat.send',
    'chat.stop',
    'chat.continue',
    'chat.retry',
    'conversation.open',
    'conversation.close',
    'conversation.list',
    'conversation.rename',
    'conversation.delete',
  ]),
  [PORT_NAMES.settings]: new Set<RequestName>(
    (Object.keys(REQUESTS) as RequestName[]).filter(
      (name) => !name.startsWith('chat.') && !name.startsWith('conversation.'),
    ),
  ),
};

/** Outcome of checking a provider's key and base URL by listing its models. */
export type ProviderCheck =
  | { status: 'valid'; modelCount: number }
  | { status: 'rejected'; message: string }
  | { status: 'unreachable'; message: string; baseURL: string }
  | { status: 'error'; message: string }
  | { status: 'skipped'; message: string };

export type { VaultStatus } from '@/vault/vault';

export type ConversationSummary = Conversation;

/** Where a not-yet-finished assistant message stands, beyond its `state`. */
export type JobStatus =
  | { phase: 'queued'; position: number }
  | {
      phase: 'waiting';
      reason: 'retry' | 'rate-limit';
      until: number;
      attempt?: number;
      error?: ClientErrorInfo;
    }
  | { phase: 'running' }
  | { phase: 'done' };

export interface ConversationSnapshot {
  conversation: Conversation;
  messages: ChatMessage[];
  /** Status of each message that is still pending or streaming, by message id. */
  jobs: Record<string, JobStatus>;
}

export interface UsageTotals {
  rows: {
    providerId: string;
    model: string;
    turns: number;
    input: number;
    cachedInput: number;
    output: number;
    reasoningOutput: number;
    cost: number | null;
  }[];
}

export interface RequestResults {
  'settings.get': SettingsView;
  'settings.update': SettingsView;
  'settings.export': { json: string };
  'settings.import': { settings: SettingsView; imported: number };
  'provider.save': { provider: ProviderView; check: ProviderCheck };
  'provider.remove': SettingsView;
  'provider.reorder': SettingsView;
  'provider.check': ProviderCheck;
  'models.list': { models: ModelInfo[]; fetchedAt: number };
  'vault.status': VaultStatus;
  'vault.unlock': VaultStatus;
  'vault.lock': VaultStatus;
  'vault.enablePassphrase': VaultStatus;
  'vault.changePassphrase': VaultStatus;
  'vault.removePassphrase': VaultStatus;
  'vault.setAutoLock': VaultStatus;
  'vault.reset': VaultStatus;
  'chat.send': { conversationId: string; userMessageId: string; assistantMessageId: string };
  'chat.stop': { stopped: boolean };
  'chat.continue': { assistantMessageId: string };
  'chat.retry': { assistantMessageId: string };
  'conversation.open': ConversationSnapshot;
  'conversation.close': { closed: boolean };
  'conversation.list': ConversationSummary[];
  'conversation.rename': Conversation;
  'conversation.delete': { deleted: boolean };
  'usage.get': UsageTotals;
}

/** A failure of a request, in words for the user; `code` lets a page react (e.g. offer unlock). */
export interface RequestError {
  message: string;
  code?: 'vault_locked' | 'key_unreadable' | 'not_found' | 'invalid' | 'storage' | 'internal';
  providerId?: string;
}

// ---- UI → background ------------------------------------------------------------------------

const helloSchema = v.object({ type: v.literal('hello'), protocol: v.number() });
const requestEnvelope = v.object({
  type: v.literal('request'),
  id,
  name: v.picklist(Object.keys(REQUESTS) as RequestName[]),
  payload: v.unknown(),
});

export type UiToBackground =
  | v.InferOutput<typeof helloSchema>
  | {
      [N in RequestName]: { type: 'request'; id: string; name: N; payload: RequestPayload<N> };
    }[RequestName];

export type Validated<T> = { ok: true; message: T } | { ok: false; reason: string };

function issueText(issues: v.BaseIssue<unknown>[]): string {
  return issues
    .slice(0, 3)
    .map((issue) => {
      const path = issue.path?.map((p) => String(p.key)).join('.') ?? '';
      return path ? `${path}: ${issue.message}` : issue.message;
    })
    .join('; ');
}

/** Validates a message a page sent on `port`; never throws. */
export function parseUiMessage(raw: unknown, port: PortName): Validated<UiToBackground> {
  const hello = v.safeParse(helloSchema, raw);
  if (hello.success) return { ok: true, message: hello.output };
  const envelope = v.safeParse(requestEnvelope, raw);
  if (!envelope.success) {
    const type = typeof raw === 'object' && raw !== null ? (raw as { type?: unknown }).type : raw;
    return {
      ok: false,
      reason: `unknown or malformed message (type ${JSON.stringify(type)}): ${issueText(envelope.issues)}`,
    };
  }
  const { name } = envelope.output;
  if (!ALLOWED_REQUESTS[port].has(name)) {
    return { ok: false, reason: `request "${name}" is not allowed on port ${port}` };
  }
  const payload = v.safeParse(REQUESTS[name], envelope.output.payload);
  if (!payload.success) {
    return { ok: false, reason: `invalid payload for "${name}": ${issueText(payload.issues)}` };
  }
  return {
    ok: true,
    message: {
      type: 'request',
      id: envelope.output.id,
      name,
      payload: payload.output,
    } as UiToBackground,
  };
}

// ---- background → UI ------------------------------------------------------------------------

const welcomeSchema = v.object({ type: v.literal('welcome'), protocol: v.number() });
const responseSchema = v.variant('ok', [
  v.object({ type: v.literal('response'), id, ok: v.literal(true), result: v.unknown() }),
  v.object({
    type: v.literal('response'),
    id,
    ok: v.literal(false),
    error: v.looseObject({ message: v.string(), code: v.optional(v.string()) }),
  }),
]);

const errorInfoSchema = v.looseObject({
  kind: v.string(),
  message: v.string(),
  retryable: v.boolean(),
});
const messageSchema = v.looseObject({
  id,
  conversationId: id,
  seq: v.number(),
  role: v.picklist(['user', 'assistant']),
  content: v.string(),
  state: v.picklist(['pending', 'streaming', 'complete', 'error', 'interrupted']),
  createdAt: v.number(),
  updatedAt: v.number(),
});
const jobStatusSchema = v.variant('phase', [
  v.object({ phase: v.literal('queued'), position: v.number() }),
  v.object({
    phase: v.literal('waiting'),
    reason: v.picklist(['retry', 'rate-limit']),
    until: v.number(),
    attempt: v.optional(v.number()),
    error: v.optional(errorInfoSchema),
  }),
  v.object({ phase: v.literal('running') }),
  v.object({ phase: v.literal('done') }),
]);

const EVENTS = {
  /** New text for a streaming message. `offset` is the length of the text before it (no gaps, no repeats). */
  'message.delta': v.object({
    conversationId: id,
    messageId: id,
    field: v.picklist(['content', 'reasoning']),
    offset: v.number(),
    text: v.string(),
  }),
  'message.added': v.object({ message: messageSchema }),
  /** Metadata changes (state, usage, error…); never the text, which only travels as deltas. */
  'message.updated': v.object({
    conversationId: id,
    messageId: id,
    patch: v.looseObject({}),
  }),
  'job.status': v.object({ conversationId: id, messageId: id, status: jobStatusSchema }),
  'conversation.updated': v.object({ conversation: v.looseObject({ id, title: v.string() }) }),
  'conversation.deleted': v.object({ conversationId: id }),
  'settings.changed': v.object({
    settings: v.looseObject({ providers: v.array(v.looseObject({ id })) }),
  }),
  'vault.changed': v.object({
    status: v.object({
      mode: v.picklist(['device', 'passphrase']),
      locked: v.boolean(),
      autoLockMs: v.number(),
    }),
  }),
  /** A background failure not tied to a request, e.g. storage refusing writes. */
  notice: v.object({
    level: v.picklist(['info', 'warning', 'error']),
    message: v.string(),
    code: v.optional(v.string()),
  }),
} as const;

export type EventName = keyof typeof EVENTS;
export type EventPayload<N extends EventName> = Omit<v.InferOutput<(typeof EVENTS)[N]>, never>;

export interface EventPayloads {
  'message.delta': EventPayload<'message.delta'>;
  'message.added': { message: ChatMessage };
  'message.updated': {
    conversationId: string;
    messageId: string;
    patch: Partial<Omit<ChatMessage, 'content' | 'reasoning' | 'id' | 'conversationId'>>;
  };
  'job.status': { conversationId: string; messageId: string; status: JobStatus };
  'conversation.updated': { conversation: Conversation };
  'conversation.deleted': { conversationId: string };
  'settings.changed': { settings: SettingsView };
  'vault.changed': { status: VaultStatus };
  notice: EventPayload<'notice'>;
}

const eventEnvelope = v.object({
  type: v.literal('event'),
  name: v.picklist(Object.keys(EVENTS) as EventName[]),
  payload: v.unknown(),
});

export type BackgroundEvent = {
  [N in EventName]: { type: 'event'; name: N; payload: EventPayloads[N] };
}[EventName];

export type BackgroundToUi =
  | v.InferOutput<typeof welcomeSchema>
  | { type: 'response'; id: string; ok: true; result: unknown }
  | { type: 'response'; id: string; ok: false; error: RequestError }
  | BackgroundEvent;

/** Validates a message the background sent; never throws. */
export function parseBackgroundMessage(raw: unknown): Validated<BackgroundToUi> {
  const welcome = v.safeParse(welcomeSchema, raw);
  if (welcome.success) return { ok: true, message: welcome.output };
  const response = v.safeParse(responseSchema, raw);
  if (response.success) return { ok: true, message: response.output as BackgroundToUi };
  const envelope = v.safeParse(eventEnvelope, raw);
  if (!envelope.success) {
    return { ok: false, reason: `unknown or malformed message: ${issueText(envelope.issues)}` };
  }
  const payload = v.safeParse(EVENTS[envelope.output.name], envelope.output.payload);
  if (!payload.success) {
    return {
      ok: false,
      reason: `invalid payload for event "${envelope.output.name}": ${issueText(payload.issues)}`,
    };
  }
  return {
    ok: true,
    message: {
      type: 'event',
      name: envelope.output.name,
      payload: payload.output,
    } as BackgroundEvent,
  };
}

export function eventMessage<N extends EventName>(
  name: N,
  payload: EventPayloads[N],
): BackgroundEvent {
  return { type: 'event', name, payload } as BackgroundEvent;
}
