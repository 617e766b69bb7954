// A scripted background for UI tests: a real `PortClient` over a fake port that answers each
// request from a table of handlers, records what was sent, and can push events.
import {
  PORT_NAMES,
  PROTOCOL_VERSION,
  eventMessage,
  type PortName,
  type EventName,
  type EventPayloads,
  type RequestError,
  type RequestName,
  type RequestPayload,
  type RequestResults,
} from '@/shared/protocol';
import { PortClient, type ClientPort } from '@/ui/port-client';

export type Handlers = {
  [N in RequestName]?: (
    payload: RequestPayload<N>,
  ) => RequestResults[N] | Promise<RequestResults[N]>;
};

/** Thrown by a handler to answer with `ok: false`. */
export class BackgroundRefusal extends Error {
  constructor(readonly error: RequestError) {
    super(error.message);
  }
}

export interface SentRequest {
  name: RequestName;
  payload: unknown;
}

export interface FakeBackground {
  client: PortClient;
  /** Every request the page made, in order. */
  requests: SentRequest[];
  payloadsOf<N extends RequestName>(name: N): RequestPayload<N>[];
  handle(handlers: Handlers): void;
  emit<N extends EventName>(name: N, payload: EventPayloads[N]): void;
  /** The worker went away: the port disconnects and the client waits to reconnect. */
  dropConnection(): void;
  /** Runs the client's pending reconnect (its timer is captured, never real). */
  reconnect(): void;
}

export interface FakeBackgroundOptions {
  /** The protocol version the background answers `hello` with. */
  protocol?: number;
  /** Which page's port this stands in for. Default: the options page's. */
  portName?: PortName;
}

export function createFakeBackground(
  initial: Handlers = {},
  options: FakeBackgroundOptions = {},
): FakeBackground {
  const handlers: Handlers = { ...initial };
  const requests: SentRequest[] = [];
  let deliver: (message: unknown) => void = () => undefined;
  let disconnected: () => void = () => undefined;
  let pendingReconnect: (() => void) | null = null;

  const answer = async (raw: { id: string; name: RequestName; payload: unknown }) => {
    requests.push({ name: raw.name, payload: raw.payload });
    const handler = handlers[raw.name] as ((payload: unknown) => unknown) | undefined;
    try {
      if (!handler) throw new BackgroundRefusal({ message: `No handler for ${raw.name}` });
      const result = await handler(raw.payload);
      deliver({ type: 'response', id: raw.id, ok: true, result });
    } catch (err) {
      const error =
        err instanceof BackgroundRefusal ? err.error : { message: String(err), code: 'internal' };
      deliver({ type: 'response', id: raw.id, ok: false, error });
    }
  };

  const port: ClientPort = {
    postMessage(message) {
      const sent = message as { type: string; id: string; name: RequestName; payload: unknown };
      // Answers arrive asynchronously, as they do over a real port.
      queueMicrotask(() => {
        if (sent.type === 'hello')
          deliver({ type: 'welcome', protocol: options.protocol ?? PROTOCOL_VERSION });
        else if (sent.type === 'request') void answer(sent);
      });
    },
    disconnect() {},
    onMessage: {
      addListener(listener) {
        deliver = listener;
      },
    },
    onDisconnect: {
      addListener(listener) {
        disconnected = listener;
      },
    },
  };

  const client = new PortClient({
    name: options.portName ?? PORT_NAMES.settings,
    connect: () => port,
    setTimer: (fn) => {
      pendingReconnect = fn;
    },
  });
  return {
    client,
    requests,
    payloadsOf: <N extends RequestName>(name: N) =>
      requests.filter((r) => r.name === name).map((r) => r.payload as RequestPayload<N>),
    handle(more) {
      Object.assign(handlers, more);
    },
    emit(name, payload) {
      deliver(eventMessage(name, payload));
    },
    dropConnection() {
      disconnected();
    },
    reconnect() {
      const run = pendingReconnect;
      pendingReconnect = null;
      run?.();
    },
  };
}
