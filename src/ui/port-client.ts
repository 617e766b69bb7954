// A page's connection to the background: typed requests with responses, validated events, and
// automatic reconnection (the port drops whenever the worker restarts).
import {
  PROTOCOL_VERSION,
  parseBackgroundMessage,
  type BackgroundEvent,
  type EventName,
  type EventPayloads,
  type PortName,
  type RequestError,
  type RequestName,
  type RequestPayload,
  type RequestResults,
} from '@/shared/protocol';
import type { PortLike } from '@/shared/port';

export type ClientPort = PortLike;

export type ConnectionState = 'connecting' | 'connected' | 'reconnecting' | 'outdated';

const OUTDATED_MESSAGE = 'Parley was updated. Close and reopen this panel to continue.';
const CLOSED_MESSAGE = 'This page closed its connection to Parley’s background.';

/** A request that failed, with the background's words for it. */
export class RequestFailedError extends Error {
  readonly code?: RequestError['code'];
  readonly providerId?: string;
  constructor(error: RequestError) {
    super(error.message);
    this.name = 'RequestFailedError';
    this.code = error.code;
    this.providerId = error.providerId;
  }
}

interface Pending {
  resolve(result: unknown): void;
  reject(error: Error): void;
  /** Requests are re-sent after a reconnect only when repeating them is harmless. */
  resendable: boolean;
  message: unknown;
}

export interface PortClientOptions {
  name: PortName;
  connect: (name: PortName) => ClientPort;
  /** Backoff between reconnect attempts. */
  reconnectDelayMs?: (attempt: number) => number;
  log?: Pick<Console, 'warn'>;
  setTimer?: (fn: () => void, ms: number) => unknown;
}

type Listener<N extends EventName> = (payload: EventPayloads[N]) => void;

/** Reads are safe to repeat after a reconnect; anything that changes state is not. */
const RESENDABLE = new Set<RequestName>([
  'settings.get',
  'models.list',
  'vault.status',
  'conversation.open',
  'conversation.list',
  'usage.get',
]);

export class PortClient {
  private port: ClientPort | null = null;
  private state: ConnectionState = 'connecting';
  private nextId = 1;
  private attempt = 0;
  private readonly pending = new Map<string, Pending>();
  private readonly listeners = new Map<EventName, Set<Listener<EventName>>>();
  private readonly stateListeners = new Set<(state: ConnectionState) => void>();
  private readonly connectedListeners = new Set<() => void>();
  private closed = false;

  constructor(private readonly options: PortClientOptions) {
    this.open();
  }

  get connectionState(): ConnectionState {
    return this.state;
  }

  request<N extends RequestName>(name: N, payload: RequestPayload<N>): Promise<RequestResults[N]> {
    // Neither an outdated background nor a closed client will ever answer: fail now, not never.
    if (this.closed) return Promise.reject(new Error(CLOSED_MESSAGE));
    if (this.state === 'outdated') return Promise.reject(new Error(OUTDATED_MESSAGE));
    const id = `r${this.nextId++}`;
    const message = { type: 'request', id, name, payload };
    return new Promise<RequestResults[N]>((resolve, reject) => {
      this.pending.set(id, {
        resolve: resolve as (result: unknown) => void,
        reject,
        resendable: RESENDABLE.has(name),
        message,
      });
      if (this.state === 'connected') this.post(message);
    });
  }

  on<N extends EventName>(name: N, listener: Listener<N>): () => void {
    let set = this.listeners.get(name);
    if (!set) this.listeners.set(name, (set = new Set()));
    set.add(listener as Listener<EventName>);
    return () => set.delete(listener as Listener<EventName>);
  }

  onState(listener: (state: ConnectionState) => void): () => void {
    this.stateListeners.add(listener);
    return () => this.stateListeners.delete(listener);
  }

  /** Runs after every (re)connection: the place to resubscribe and refresh snapshots. */
  onConnected(listener: () => void): () => void {
    this.connectedListeners.add(listener);
    return () => this.connectedListeners.delete(listener);
  }

  close(): void {
    this.closed = true;
    this.rejectAllPending(CLOSED_MESSAGE);
    this.port?.disconnect();
    this.port = null;
  }

  private open(): void {
    if (this.closed) return;
    let port: ClientPort;
    try {
      port = this.options.connect(this.options.name);
    } catch (err) {
      this.options.log?.warn('Parley: could not reach the background', err);
      this.scheduleReconnect();
      return;
    }
    this.port = port;
    port.onMessage.addListener((raw) => this.receive(raw));
    port.onDisconnect.addListener(() => {
      if (this.port !== port) return;
      this.port = null;
      if (this.state === 'outdated' || this.closed) return;
      this.setState('reconnecting');
      this.failUnresendable();
      this.scheduleReconnect();
    });
    port.postMessage({ type: 'hello', protocol: PROTOCOL_VERSION });
  }

  private scheduleReconnect(): void {
    const delay =
      this.options.reconnectDelayMs?.(this.attempt) ?? Math.min(100 * 2 ** this.attempt, 2000);
    this.attempt++;
    (this.options.setTimer ?? setTimeout)(() => this.open(), delay);
  }

  private receive(raw: unknown): void {
    const parsed = parseBackgroundMessage(raw);
    if (!parsed.ok) {
      this.options.log?.warn(`Parley: ignored a message from the background: ${parsed.reason}`);
      return;
    }
    const message = parsed.message;
    switch (message.type) {
      case 'welcome':
        if (message.protocol !== PROTOCOL_VERSION) {
          this.setState('outdated');
          this.rejectAllPending(OUTDATED_MESSAGE);
          this.port?.disconnect();
          return;
        }
        this.attempt = 0;
        this.setState('connected');
        for (const pending of this.pending.values()) this.post(pending.message);
        for (const listener of this.connectedListeners) listener();
        return;
      case 'response': {
        const pending = this.pending.get(message.id);
        if (!pending) return;
        this.pending.delete(message.id);
        if (message.ok) pending.resolve(message.result);
        else pending.reject(new RequestFailedError(message.error));
        return;
      }
      case 'event':
        this.dispatch(message);
        return;
    }
  }

  private dispatch(event: BackgroundEvent): void {
    for (const listener of this.listeners.get(event.name) ?? []) listener(event.payload);
  }

  private rejectAllPending(message: string): void {
    const pending = [...this.pending.values()];
    this.pending.clear();
    for (const request of pending) request.reject(new Error(message));
  }

  /** A state-changing request in flight when the worker died may or may not have happened. */
  private failUnresendable(): void {
    for (const [id, pending] of this.pending) {
      if (pending.resendable) continue;
      this.pending.delete(id);
      pending.reject(
        new Error(
          'Parley lost its connection to the background while doing that. Check the result and try again if needed.',
        ),
      );
    }
  }

  private post(message: unknown): void {
    try {
      this.port?.postMessage(message);
    } catch {
      // Disconnected in between; onDisconnect schedules the reconnect and re-sends reads.
    }
  }

  private setState(state: ConnectionState): void {
    if (this.state === state) return;
    this.state = state;
    for (const listener of this.stateListeners) listener(state);
  }
}
