// Accepts ports from the extension's own pages, validates every message, dispatches requests to
// their handlers and carries events back. Browser APIs are injected so this runs in unit tests.
import {
  PORT_NAMES,
  PROTOCOL_VERSION,
  parseUiMessage,
  type BackgroundEvent,
  type BackgroundToUi,
  type PortName,
  type RequestError,
  type RequestName,
  type RequestPayload,
  type RequestResults,
} from '@/shared/protocol';
import type { PortLike } from '@/shared/port';
import { describeError, UserFacingError } from './errors';

/** A port as it arrives at the background: who opened it, under which name. */
export interface IncomingPort extends PortLike {
  name: string;
  sender?: { id?: string; url?: string; origin?: string; tab?: unknown };
}

export interface PortServerEnv {
  extensionId: string;
  /** e.g. `chrome-extension://<id>/` */
  extensionOrigin: string;
  log?: Pick<Console, 'warn' | 'error'>;
}

/** A connected page. Handlers get it to subscribe it to things. */
export interface PortSession {
  readonly id: number;
  readonly name: PortName;
  send(message: BackgroundToUi): void;
  /** Runs when the page goes away (closed, reloaded, or the port broke). */
  onClose(listener: () => void): void;
}

export type RequestHandler<N extends RequestName> = (
  payload: RequestPayload<N>,
  session: PortSession,
) => Promise<RequestResults[N]> | RequestResults[N];

export type RequestHandlers = { [N in RequestName]: RequestHandler<N> };

const KNOWN_PORTS = new Set<string>(Object.values(PORT_NAMES));

/** Why a connecting port is refused, or null when it is one of ours. */
export function rejectReason(port: IncomingPort, env: PortServerEnv): string | null {
  if (!KNOWN_PORTS.has(port.name)) return `unknown port name ${JSON.stringify(port.name)}`;
  const sender = port.sender;
  if (!sender || sender.id !== env.extensionId) return 'sender is not this extension';
  const url = sender.url ?? '';
  const origin = sender.origin ?? url;
  // Content scripts share our extension id but run on web pages: the page origin gives them away.
  if (
    !url.startsWith(env.extensionOrigin) ||
    !origin.startsWith(env.extensionOrigin.replace(/\/$/, ''))
  ) {
    return `sender ${JSON.stringify(url)} is not one of the extension's own pages`;
  }
  return null;
}

export class PortServer {
  private nextId = 1;
  private readonly sessions = new Set<PortSession>();
  private readonly log: Pick<Console, 'warn' | 'error'>;

  constructor(
    private readonly env: PortServerEnv,
    private readonly handlers: RequestHandlers,
  ) {
    this.log = env.log ?? console;
  }

  /** Wire as the `runtime.onConnect` listener. */
  readonly accept = (port: IncomingPort): void => {
    const refusal = rejectReason(port, this.env);
    if (refusal) {
      this.log.warn(`Parley: refused a port connection: ${refusal}`);
      port.disconnect();
      return;
    }
    const name = port.name as PortName;
    const closeListeners: (() => void)[] = [];
    let open = true;
    const session: PortSession = {
      id: this.nextId++,
      name,
      send: (message) => {
        if (!open) return;
        try {
          port.postMessage(message);
        } catch {
          // The page vanished between our check and the post; onDisconnect cleans up.
        }
      },
      onClose: (listener) => closeListeners.push(listener),
    };
    this.sessions.add(session);
    port.onDisconnect.addListener(() => {
      open = false;
      this.sessions.delete(session);
      for (const listener of closeListeners) listener();
    });
    port.onMessage.addListener((raw) => void this.receive(session, raw));
  };

  /** Sends an event to every connected page (e.g. settings changed). */
  broadcast(event: BackgroundEvent, filter?: (session: PortSession) => boolean): void {
    for (const session of this.sessions) {
      if (!filter || filter(session)) session.send(event);
    }
  }

  get connectedCount(): number {
    return this.sessions.size;
  }

  private async receive(session: PortSession, raw: unknown): Promise<void> {
    const parsed = parseUiMessage(raw, session.name);
    if (!parsed.ok) {
      this.log.warn(`Parley: dropped a message on ${session.name}: ${parsed.reason}`);
      const id = typeof raw === 'object' && raw !== null ? (raw as { id?: unknown }).id : undefined;
      if (typeof id === 'string' && id.length > 0 && id.length <= 200) {
        session.send({
          type: 'response',
          id,
          ok: false,
          error: {
            message: `Parley could not understand that request (${parsed.reason}).`,
            code: 'invalid',
          },
        });
      }
      return;
    }
    const message = parsed.message;
    if (message.type === 'hello') {
      session.send({ type: 'welcome', protocol: PROTOCOL_VERSION });
      return;
    }
    const handler = this.handlers[message.name] as RequestHandler<RequestName>;
    try {
      const result = await handler(message.payload as never, session);
      session.send({ type: 'response', id: message.id, ok: true, result });
    } catch (err) {
      const error: RequestError =
        err instanceof UserFacingError ? err.toRequestError() : describeError(err, this.log);
      session.send({ type: 'response', id: message.id, ok: false, error });
    }
  }
}
