// Generation jobs owned by the worker. A send persists the user's message before anything else,
// then queues a job that streams the answer whether or not a page is open: text is saved on a
// short throttle and at every state change, and every page watching the conversation gets the
// deltas. Jobs in flight when the worker died are marked interrupted at start-up (their text
// kept); jobs still queued then are run again.
import { TurnSummaryBuilder } from '@/client/summary';
import type {
  ClientErrorInfo,
  ClientEvent,
  Clock,
  ProviderConnection,
  RateLimitSnapshot,
  StreamOptions,
  TurnRequest,
} from '@/client/types';
import type { ChatMessage, Conversation } from '@/shared/conversation';
import {
  eventMessage,
  type BackgroundEvent,
  type ConversationSnapshot,
  type ConversationSummary,
  type JobStatus,
  type RequestPayload,
  type RequestResults,
} from '@/shared/protocol';
import { defaultProvider } from '@/shared/settings';
import type { JobOutcome, RequestQueue } from '@/queue/request-queue';
import { applyPatch, type ConversationStore, type MessagePatch } from '@/store/conversation-store';
import type { JobStore } from '@/store/job-store';
import { recoverAfterRestart } from '@/store/recovery';
import type { GenerationJob } from '@/store/schema';
import { ThrottledWriter } from '@/store/throttled-writer';
import { isKeyAccessError, UserFacingError } from './errors';
import type { KeepAlive } from './keep-alive';
import type { PortSession } from './port-server';
import type { SettingsService } from './settings-service';
import { ConversationSubscriptions } from './subscriptions';
import {
  buildTurnMessages,
  cleanModelTitle,
  titleFromFirstMessage,
  TITLE_INSTRUCTIONS,
} from './turn-history';
import type { UsageTracker } from './usage-tracker';

export type StreamTurn = (
  conn: ProviderConnection,
  req: TurnRequest,
  opts?: StreamOptions,
) => AsyncIterable<ClientEvent>;

export interface ChatServiceDeps {
  store: ConversationStore;
  jobs: JobStore;
  queue: RequestQueue<GenerationJob>;
  settings: SettingsService;
  usage: UsageTracker;
  streamTurn: StreamTurn;
  keepAlive: KeepAlive;
  clock: Clock;
  newId?: () => string;
  /** Tells every page about a problem not tied to one request (e.g. storage refusing writes). */
  notify?: (level: 'warning' | 'error' | 'info', message: string, code?: string) => void;
  log?: Pick<Console, 'warn' | 'error'>;
  /** How often streamed text is saved at most (default 250 ms). */
  persistIntervalMs?: number;
}

/** A job this worker is running or has queued, with the live state of its message. */
interface ActiveJob {
  job: GenerationJob;
  /** The in-memory truth for the message while the job lives (content grows here first). */
  message: ChatMessage;
  /** `done` from the moment the job starts finishing: later stream events are ignored. */
  status: JobStatus;
  continuing: boolean;
  stopRequested: boolean;
  /** Saves the message's text and state; title jobs write no message and have none. */
  writer: ThrottledWriter<MessagePatch> | null;
  releaseKeepAlive: () => void;
}

const STOPPED_BY_USER = 'stopped-by-user';
const STOPPED: MessagePatch = { state: 'complete', stopped: true };

const isDone = (active: ActiveJob) => active.status.phase === 'done';

/** A write that can never land: its record is gone, or the database is from a newer Parley. */
function isLostCause(err: unknown): boolean {
  if (!(err instanceof Error)) return false;
  if (err.name === 'RecordNotFoundError') return true;
  return err.name === 'StorageError' && (err as { retryable?: boolean }).retryable === false;
}

export class ChatService {
  readonly subscriptions = new ConversationSubscriptions();
  private readonly active = new Map<string, ActiveJob>();
  /** Conversations a send or regenerate is setting up: a second one must wait its turn. */
  private readonly starting = new Set<string>();
  private readonly newId: () => string;
  private readonly log: Pick<Console, 'warn' | 'error'>;

  constructor(private readonly deps: ChatServiceDeps) {
    this.newId = deps.newId ?? (() => crypto.randomUUID());
    this.log = deps.log ?? console;
    deps.queue.subscribe((event) => {
      if (event.state === 'queued' || event.state === 'running' || event.state === 'cancelled') {
        this.refreshQueuePositions();
      }
    });
  }

  // ---- start-up --------------------------------------------------------------------------

  /** Marks what the last worker left in flight as interrupted and re-queues what was waiting. */
  async recover(): Promise<void> {
    const { queued } = await recoverAfterRestart(
      this.deps.store,
      this.deps.jobs,
      this.deps.clock.now(),
    );
    const resumable: ActiveJob[] = [];
    for (const job of queued) {
      const message = await this.deps.store.getMessage(job.messageId);
      if (message && (job.kind === 'title' || message.state === 'pending')) {
        // A queued chat job whose message already has text can only be a Continue.
        const continuing = job.kind === 'chat' && message.content !== '';
        resumable.push(this.track(job, message, continuing));
      } else {
        await this.deps.jobs.remove(job.id);
      }
    }
    const outcomes = this.deps.queue.restore(
      resumable.map((active) => active.job),
      (job) => (signal) => this.run(this.active.get(job.id)!, signal),
    );
    outcomes.forEach((outcome, index) => void this.afterQueue(resumable[index]!, outcome));
  }

  // ---- requests from pages -----------------------------------------------------------------

  async send(payload: RequestPayload<'chat.send'>): Promise<RequestResults['chat.send']> {
    const release = payload.conversationId ? this.reserve(payload.conversationId) : () => {};
    try {
      return await this.sendReserved(payload);
    } finally {
      release();
    }
  }

  async stop(messageId: string): Promise<RequestResults['chat.stop']> {
    const active = [...this.active.values()].find(
      (a) => a.message.id === messageId && a.job.kind === 'chat' && !isDone(a),
    );
    if (!active) return { stopped: false };
    active.stopRequested = true;
    this.deps.queue.cancel(active.job.id, STOPPED_BY_USER);
    return { stopped: true };
  }

  /** Asks the model to carry on from an answer's partial text. */
  continue(messageId: string): Promise<RequestResults['chat.continue']> {
    return this.regenerate(messageId, true);
  }

  /** Generates the answer again from scratch. */
  retry(messageId: string): Promise<RequestResults['chat.retry']> {
    return this.regenerate(messageId, false);
  }

  async open(conversationId: string, session: PortSession): Promise<ConversationSnapshot> {
    const conversation = await this.deps.store.getConversation(conversationId);
    if (!conversation)
      throw new UserFacingError('This conversation no longer exists.', 'not_found');
    const stored = await this.deps.store.getMessages(conversationId);
    // From here to the return nothing awaits: the live state overlaid now and the subscription
    // start at the same instant, so the page gets every later delta exactly once. A job stays
    // here until its final state is on disk, so a snapshot read just before that write still
    // gets the final state from memory.
    const byId = new Map(stored.map((m) => [m.id, m]));
    const jobs: Record<string, JobStatus> = {};
    for (const active of this.active.values()) {
      if (active.job.conversationId !== conversationId || active.job.kind !== 'chat') continue;
      byId.set(active.message.id, { ...active.message });
      if (!isDone(active)) jobs[active.message.id] = active.status;
    }
    this.subscriptions.subscribe(conversationId, session);
    return {
      conversation,
      messages: [...byId.values()].sort((a, b) => a.seq - b.seq),
      jobs,
    };
  }

  close(conversationId: string, session: PortSession): RequestResults['conversation.close'] {
    return { closed: this.subscriptions.unsubscribe(conversationId, session) };
  }

  async list(payload: RequestPayload<'conversation.list'>): Promise<ConversationSummary[]> {
    const limit = payload.limit ?? 50;
    if (payload.query) return this.deps.store.search(payload.query, limit);
    return this.deps.store.listConversations({ limit });
  }

  async rename(conversationId: string, title: string): Promise<Conversation> {
    const trimmed = title.trim();
    if (!trimmed) throw new UserFacingError('A conversation title cannot be empty.');
    // A name the user chose is never replaced by a model-written one.
    const conversation = await this.deps.store.renameConversation(conversationId, trimmed, 'user');
    this.tellWatchers(conversationId, eventMessage('conversation.updated', { conversation }));
    return conversation;
  }

  async delete(conversationId: string): Promise<RequestResults['conversation.delete']> {
    for (const active of [...this.active.values()]) {
      if (active.job.conversationId !== conversationId || isDone(active)) continue;
      active.stopRequested = true;
      this.deps.queue.cancel(active.job.id, STOPPED_BY_USER);
      await this.finish(active, STOPPED).catch(() => undefined);
    }
    const deleted = await this.deps.store.deleteConversation(conversationId);
    this.tellWatchers(conversationId, eventMessage('conversation.deleted', { conversationId }));
    return { deleted };
  }

  /** True while any job (chat or title) is queued or running. */
  get busy(): boolean {
    return this.active.size > 0;
  }

  // ---- jobs ------------------------------------------------------------------------------

  /**
   * Claims a conversation for one send or regenerate at a time, synchronously, so two requests
   * (two windows, a double click) cannot both start an answer. Returns the release.
   */
  private reserve(conversationId: string): () => void {
    const answering = [...this.active.values()].some(
      (a) => a.job.conversationId === conversationId && a.job.kind === 'chat' && !isDone(a),
    );
    if (answering || this.starting.has(conversationId)) {
      throw new UserFacingError(
        'Wait for the current answer to finish, or stop it, before sending another message.',
      );
    }
    this.starting.add(conversationId);
    return () => this.starting.delete(conversationId);
  }

  private async sendReserved(
    payload: RequestPayload<'chat.send'>,
  ): Promise<RequestResults['chat.send']> {
    const now = this.deps.clock.now();
    let conversation = payload.conversationId
      ? await this.deps.store.getConversation(payload.conversationId)
      : undefined;
    if (payload.conversationId && !conversation) {
      throw new UserFacingError('This conversation was deleted. Start a new chat.', 'not_found');
    }
    const settings = await this.deps.settings.get();
    const providerId =
      payload.providerId ?? conversation?.providerId ?? defaultProvider(settings)?.id;
    if (!providerId) {
      throw new UserFacingError(
        'Add a provider in Parley settings first, then send again.',
        'not_found',
      );
    }
    const provider = await this.deps.settings.provider(providerId);
    const model = payload.model ?? conversation?.model ?? provider.defaultModel;
    if (!model) {
      throw new UserFacingError(
        `Choose a model for ${provider.name} first: type a model id or pick one from the list.`,
      );
    }
    // Fail before storing anything when the key cannot be read (locked vault, unreadable key):
    // the page keeps the typed text and offers to unlock.
    await this.deps.settings.connection(providerId);

    if (!conversation) {
      conversation = await this.deps.store.createConversation({
        title: titleFromFirstMessage(payload.text),
        titleSource: 'first-message',
        providerId,
        model,
      });
    } else if (conversation.providerId !== providerId || conversation.model !== model) {
      conversation = await this.deps.store.updateConversation(conversation.id, {
        providerId,
        model,
      });
    }
    const user = await this.deps.store.appendMessage({
      conversationId: conversation.id,
      role: 'user',
      content: payload.text,
      state: 'complete',
    });
    const jobId = this.newId();
    const assistant = await this.deps.store.appendMessage({
      conversationId: conversation.id,
      role: 'assistant',
      content: '',
      state: 'pending',
      providerId,
      model,
      jobId,
    });
    this.tellWatchers(conversation.id, eventMessage('message.added', { message: user }));
    this.tellWatchers(conversation.id, eventMessage('conversation.updated', { conversation }));
    await this.start(
      {
        id: jobId,
        conversationId: conversation.id,
        messageId: assistant.id,
        providerId,
        priority: 'interactive',
        kind: 'chat',
        createdAt: now,
      },
      assistant,
      false,
    );
    return {
      conversationId: conversation.id,
      userMessageId: user.id,
      assistantMessageId: assistant.id,
    };
  }

  private async regenerate(
    messageId: string,
    continuing: boolean,
  ): Promise<{ assistantMessageId: string }> {
    const message = await this.deps.store.getMessage(messageId);
    if (!message || message.role !== 'assistant') {
      throw new UserFacingError('That answer no longer exists.', 'not_found');
    }
    const release = this.reserve(message.conversationId);
    try {
      const messages = await this.deps.store.getMessages(message.conversationId);
      if (messages[messages.length - 1]?.id !== message.id) {
        throw new UserFacingError(
          'Only the latest answer in a conversation can be continued or retried.',
        );
      }
      const providerId =
        message.providerId ??
        (await this.deps.store.getConversation(message.conversationId))?.providerId;
      if (!providerId) {
        throw new UserFacingError(
          'This answer has no provider any more. Send the message again.',
          'not_found',
        );
      }
      await this.deps.settings.connection(providerId);
      const carryOn = continuing && message.content !== '';
      const jobId = this.newId();
      const updated = await this.deps.store.updateMessage(message.id, {
        state: 'pending',
        jobId,
        error: undefined,
        stopped: undefined,
        usage: undefined,
        cost: undefined,
        ...(carryOn ? {} : { content: '', reasoning: undefined, toolCalls: undefined }),
      });
      await this.start(
        {
          id: jobId,
          conversationId: updated.conversationId,
          messageId: updated.id,
          providerId,
          priority: 'interactive',
          kind: 'chat',
          createdAt: this.deps.clock.now(),
        },
        updated,
        carryOn,
      );
      return { assistantMessageId: updated.id };
    } finally {
      release();
    }
  }

  private async start(
    input: Omit<GenerationJob, 'seq' | 'state'>,
    message: ChatMessage,
    continuing: boolean,
  ): Promise<void> {
    const job = await this.deps.jobs.add(input);
    const active = this.track(job, message, continuing);
    if (job.kind === 'chat') {
      // New or reset, the message travels whole once (it is empty or the kept partial text);
      // from here on its text only moves as deltas.
      this.tellWatchers(
        job.conversationId,
        eventMessage('message.added', { message: { ...message } }),
      );
    }
    const outcome = this.deps.queue.enqueue(job, (signal) => this.run(active, signal));
    void this.afterQueue(active, outcome);
  }

  private track(job: GenerationJob, message: ChatMessage, continuing: boolean): ActiveJob {
    const active: ActiveJob = {
      job,
      message: { ...message },
      status: { phase: 'queued', position: 1 },
      continuing,
      stopRequested: false,
      writer:
        job.kind === 'chat'
          ? new ThrottledWriter<MessagePatch>({
              write: (patch) => this.deps.store.updateMessage(message.id, patch),
              clock: this.deps.clock,
              intervalMs: this.deps.persistIntervalMs ?? 250,
              isRetryable: (err) => !isLostCause(err),
              onError: (err) => this.storageTrouble(err),
              onRecovered: () =>
                this.deps.notify?.('info', 'Saving works again; nothing was lost.', 'storage'),
            })
          : null,
      // Queued work counts too: a job waiting out a rate limit must not be dropped by a sleeping worker.
      releaseKeepAlive: this.deps.keepAlive.acquire(),
    };
    this.active.set(job.id, active);
    return active;
  }

  private async afterQueue(active: ActiveJob, outcome: Promise<JobOutcome>): Promise<void> {
    const result = await outcome;
    if (isDone(active)) return;
    // Only a job cancelled before it ran gets here (a running one finishes itself).
    const patch: MessagePatch =
      result.state === 'failed' ? { state: 'error', error: internalError(result.error) } : STOPPED;
    if (result.state === 'failed') {
      this.log.error('Parley: a generation job failed unexpectedly', result.error);
    }
    await this.finish(active, patch).catch((err) => this.storageTrouble(err));
  }

  /** Runs one job to its end. Never throws for provider trouble: that ends up on the message. */
  private async run(active: ActiveJob, signal: AbortSignal): Promise<void> {
    const { job } = active;
    if (job.kind === 'title') {
      await this.deps.jobs.setState(job.id, 'running');
      await this.runTitle(active, signal);
      return;
    }
    this.setStatus(active, { phase: 'running' });
    // Not awaited on its own: recovery treats pending and streaming alike, and the job record's
    // state below is what tells a restart this job had started.
    void this.patchMessage(active, { state: 'streaming' }, false);

    let conn: ProviderConnection;
    let request: TurnRequest;
    try {
      const [connection, settings, history] = await Promise.all([
        this.deps.settings.connection(job.providerId),
        this.deps.settings.get(),
        this.deps.store.getMessages(job.conversationId),
        this.deps.jobs.setState(job.id, 'running'),
      ]);
      conn = connection;
      request = {
        model: active.message.model ?? '',
        messages: buildTurnMessages(history, active.message, active.continuing),
        cacheKey: job.conversationId,
        ...(settings.systemPrompt ? { instructions: settings.systemPrompt } : {}),
      };
    } catch (err) {
      await this.finish(active, { state: 'error', error: setupError(err) });
      return;
    }

    let error: ClientErrorInfo | null = null;
    let started = false;
    for await (const event of this.deps.streamTurn(conn, request, {
      signal,
      clock: this.deps.clock,
    })) {
      if (isDone(active)) break; // stopped or deleted meanwhile
      if (!started && event.type !== 'retry-wait' && event.type !== 'rate-limits') {
        started = true;
        if (active.status.phase !== 'running') this.setStatus(active, { phase: 'running' });
      }
      switch (event.type) {
        case 'text-delta':
          this.appendText(active, 'content', event.delta);
          break;
        case 'reasoning-delta':
        case 'reasoning-summary-delta':
          this.appendText(active, 'reasoning', event.delta);
          break;
        case 'retry-wait':
          started = false;
          this.setStatus(active, {
            phase: 'waiting',
            reason: event.error.kind === 'rate_limit' ? 'rate-limit' : 'retry',
            until: this.deps.clock.now() + event.delayMs,
            attempt: event.attempt,
            error: event.error,
          });
          break;
        case 'rate-limits':
          this.noteRateLimits(job.providerId, event.snapshot);
          break;
        case 'usage':
          active.message.usage = event.usage;
          if (event.cost !== null) active.message.cost = event.cost;
          break;
        case 'output-item-done':
          if (event.item.type === 'tool_call') {
            active.message.toolCalls = [...(active.message.toolCalls ?? []), event.item.call];
          }
          break;
        case 'error':
          error = event.error;
          break;
        case 'finish':
          break;
      }
    }
    if (isDone(active)) return;

    const { usage, cost, toolCalls } = active.message;
    const final: MessagePatch = {
      ...(usage ? { usage } : {}),
      ...(cost !== undefined ? { cost } : {}),
      ...(toolCalls ? { toolCalls } : {}),
    };
    if (error?.kind === 'aborted' || (error === null && active.stopRequested)) {
      await this.finish(active, { ...final, ...STOPPED });
    } else if (error) {
      if (error.kind === 'rate_limit' && error.retryAfterMs) {
        this.blockProvider(job.providerId, this.deps.clock.now() + error.retryAfterMs);
      }
      await this.finish(active, { ...final, state: 'error', error });
    } else {
      await this.finish(active, { ...final, state: 'complete' });
    }
    if (usage || cost !== undefined) {
      void this.deps.usage
        .record(job.providerId, active.message.model ?? '', usage ?? null, cost ?? null)
        .catch((err) => this.log.warn('Parley: could not record usage', err));
    }
    if (!error && !active.stopRequested) void this.maybeQueueTitle(active);
  }

  private appendText(active: ActiveJob, field: 'content' | 'reasoning', text: string): void {
    if (!text) return;
    const before = active.message[field] ?? '';
    active.message[field] = before + text;
    this.tellWatchers(
      active.job.conversationId,
      eventMessage('message.delta', {
        conversationId: active.job.conversationId,
        messageId: active.message.id,
        field,
        offset: before.length,
        text,
      }),
    );
    active.writer?.update({ [field]: active.message[field] });
  }

  /**
   * Ends a job: pages told, final state saved (waiting until it is durable), then resources
   * freed. The job leaves `active` only after its last write, so a snapshot taken meanwhile
   * still sees the final state.
   */
  private async finish(active: ActiveJob, patch: MessagePatch): Promise<void> {
    if (isDone(active)) return;
    this.setStatus(active, { phase: 'done' });
    try {
      if (active.writer) {
        await this.patchMessage(active, patch, true);
        active.writer.dispose();
      }
      await this.deps.jobs.remove(active.job.id);
    } finally {
      this.active.delete(active.job.id);
      active.releaseKeepAlive();
    }
  }

  /** Applies a change in memory, tells the pages (metadata only, never the text) and saves it. */
  private async patchMessage(
    active: ActiveJob,
    patch: MessagePatch,
    durable: boolean,
  ): Promise<void> {
    active.message = applyPatch(active.message, patch);
    const { content: _content, reasoning: _reasoning, ...meta } = patch;
    if (Object.keys(meta).length > 0) {
      this.tellWatchers(
        active.job.conversationId,
        eventMessage('message.updated', {
          conversationId: active.job.conversationId,
          messageId: active.message.id,
          patch: meta,
        }),
      );
    }
    active.writer?.update(patch);
    if (durable) await active.writer?.flush();
  }

  private setStatus(active: ActiveJob, status: JobStatus): void {
    active.status = status;
    if (active.job.kind !== 'chat') return;
    this.tellWatchers(
      active.job.conversationId,
      eventMessage('job.status', {
        conversationId: active.job.conversationId,
        messageId: active.message.id,
        status,
      }),
    );
  }

  private refreshQueuePositions(): void {
    const snapshot = this.deps.queue.snapshot();
    for (const view of snapshot.jobs) {
      const active = this.active.get(view.id);
      if (!active || view.state !== 'queued') continue;
      const status: JobStatus =
        view.waitingUntil !== null
          ? { phase: 'waiting', reason: 'rate-limit', until: view.waitingUntil }
          : { phase: 'queued', position: (view.position ?? 0) + 1 };
      if (JSON.stringify(status) !== JSON.stringify(active.status)) this.setStatus(active, status);
    }
  }

  /** Holds the provider's queued jobs until a rate limit resets, and shows them waiting. */
  private blockProvider(providerId: string, until: number): void {
    this.deps.queue.blockUntil(providerId, until);
    this.refreshQueuePositions();
  }

  private noteRateLimits(providerId: string, snapshot: RateLimitSnapshot): void {
    for (const window of [snapshot.requests, snapshot.tokens]) {
      if (window?.remaining === 0 && window.resetsAt)
        this.blockProvider(providerId, window.resetsAt);
    }
  }

  /** Sends an event to every page watching the conversation. */
  private tellWatchers(conversationId: string, event: BackgroundEvent): void {
    this.subscriptions.send(conversationId, event);
  }

  private storageTrouble(err: unknown): void {
    // The conversation was deleted under a running job: nothing to save, nothing to report.
    if (err instanceof Error && err.name === 'RecordNotFoundError') return;
    this.log.warn('Parley: a write to the conversation store failed', err);
    // StorageError already says what happened and that the write is retried; anything else is
    // unexpected, so say the same in general words.
    const message =
      err instanceof Error && err.name === 'StorageError'
        ? err.message
        : `Parley could not save the conversation (${err instanceof Error ? err.message : String(err)}). The answer is kept in memory and saving is retried.`;
    this.deps.notify?.('error', message, 'storage');
  }

  // ---- titles ----------------------------------------------------------------------------

  private async maybeQueueTitle(active: ActiveJob): Promise<void> {
    try {
      const settings = await this.deps.settings.get();
      if (settings.modelTitles === false) return;
      const conversation = await this.deps.store.getConversation(active.job.conversationId);
      if (!conversation || conversation.titleSource !== 'first-message') return;
      const messages = await this.deps.store.getMessages(conversation.id);
      if (messages.filter((m) => m.role === 'assistant').length !== 1) return;
      await this.start(
        {
          id: this.newId(),
          conversationId: conversation.id,
          messageId: active.message.id,
          providerId: active.job.providerId,
          priority: 'background',
          kind: 'title',
          createdAt: this.deps.clock.now(),
        },
        active.message,
        false,
      );
    } catch (err) {
      this.log.warn('Parley: could not queue a title', err);
    }
  }

  /** Asks the model for a short title; on any failure the first-message title simply stays. */
  private async runTitle(active: ActiveJob, signal: AbortSignal): Promise<void> {
    try {
      const conn = await this.deps.settings.connection(active.job.providerId);
      const messages = (await this.deps.store.getMessages(active.job.conversationId)).slice(0, 2);
      const excerpt = messages
        .map((m) => `${m.role === 'user' ? 'User' : 'Assistant'}: ${m.content.slice(0, 1500)}`)
        .join('\n\n');
      const summary = new TurnSummaryBuilder();
      for await (const event of this.deps.streamTurn(
        conn,
        {
          model: active.message.model ?? '',
          instructions: TITLE_INSTRUCTIONS,
          messages: [
            { role: 'user', content: `Write a title for this conversation:\n\n${excerpt}` },
          ],
          maxOutputTokens: 60,
        },
        { signal, clock: this.deps.clock, retry: { maxRetries: 1 } },
      )) {
        summary.add(event);
      }
      const { text, error } = summary.summary;
      const title = error ? null : cleanModelTitle(text);
      // Applies only over the first-message title, in one transaction with the check.
      const conversation = title
        ? await this.deps.store.setModelTitle(active.job.conversationId, title)
        : null;
      if (conversation) {
        this.tellWatchers(conversation.id, eventMessage('conversation.updated', { conversation }));
      }
    } catch (err) {
      this.log.warn('Parley: could not write a title', err);
    } finally {
      await this.finish(active, {});
    }
  }
}

/** A job that could not even start (key locked or unreadable, provider gone). */
function setupError(err: unknown): ClientErrorInfo {
  const message = err instanceof Error ? err.message : String(err);
  const keyProblem =
    isKeyAccessError(err) || (err instanceof UserFacingError && err.code === 'key_unreadable');
  return keyProblem
    ? { kind: 'auth', message, retryable: true }
    : { kind: 'bad_request', message, retryable: false };
}

function internalError(err: unknown): ClientErrorInfo {
  const detail = err instanceof Error ? err.message : String(err);
  return {
    kind: 'stream_error',
    message: `Parley hit an internal error while answering (${detail}). Retry; your text so far is kept.`,
    retryable: true,
  };
}
