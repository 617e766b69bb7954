// @vitest-environment node
import { describe, expect, it, vi } from 'vitest';
import { PORT_NAMES, PROTOCOL_VERSION } from '@/shared/protocol';
import { UserFacingError } from './errors';
import { PortServer, type IncomingPort, type RequestHandlers } from './port-server';

const EXTENSION_ID = 'abcdefghijklmnopabcdefghijklmnop';
const ORIGIN = `chrome-extension://${EXTENSION_ID}/`;

function fakePort(name: string, sender: IncomingPort['sender']) {
  const messageListeners: ((m: unknown) => void)[] = [];
  const disconnectListeners: (() => void)[] = [];
  const sent: unknown[] = [];
  const port: IncomingPort & {
    sent: unknown[];
    receive(m: unknown): void;
    drop(): void;
    disconnected: boolean;
  } = {
    name,
    sender,
    sent,
    disconnected: false,
    postMessage: (m) => void sent.push(m),
    disconnect() {
      this.disconnected = true;
    },
    onMessage: { addListener: (l) => void messageListeners.push(l) },
    onDisconnect: { addListener: (l) => void disconnectListeners.push(l) },
    receive: (m) => messageListeners.forEach((l) => l(m)),
    drop: () => disconnectListeners.forEach((l) => l()),
  };
  return port;
}

const ownPage = { id: EXTENSION_ID, url: `${ORIGIN}sidepanel.html`, origin: ORIGIN.slice(0, -1) };

function makeServer(handlers: Partial<RequestHandlers> = {}) {
  const log = { warn: vi.fn(), error: vi.fn() };
  const server = new PortServer(
    { extensionId: EXTENSION_ID, extensionOrigin: ORIGIN, log },
    handlers as RequestHandlers,
  );
  return { server, log };
}

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('PortServer', () => {
  it('answers hello with the protocol version', async () => {
    const { server } = makeServer();
    const port = fakePort(PORT_NAMES.chat, ownPage);
    server.accept(port);
    port.receive({ type: 'hello', protocol: PROTOCOL_VERSION });
    await flush();
    expect(port.sent).toEqual([{ type: 'welcome', protocol: PROTOCOL_VERSION }]);
  });

  it('refuses a port from a web page, even one carrying our extension id (content script)', () => {
    const { server, log } = makeServer();
    const port = fakePort(PORT_NAMES.chat, {
      id: EXTENSION_ID,
      url: 'https://evil.example/page',
      origin: 'https://evil.example',
      tab: { id: 3 },
    });
    server.accept(port);
    expect(port.disconnected).toBe(true);
    expect(server.connectedCount).toBe(0);
    expect(log.warn).toHaveBeenCalledWith(expect.stringContaining('not one of the extension'));
  });

  it('refuses a port from another extension and an unknown port name', () => {
    const { server } = makeServer();
    const other = fakePort(PORT_NAMES.chat, {
      id: 'zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz',
      url: 'chrome-extension://zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz/x.html',
    });
    const unknown = fakePort('parley/admin', ownPage);
    server.accept(other);
    server.accept(unknown);
    expect(other.disconnected).toBe(true);
    expect(unknown.disconnected).toBe(true);
  });

  it('drops a malformed message with a logged reason, answers it if it had an id, and keeps working', async () => {
    const settingsGet = vi.fn(async () => ({ providers: [] }));
    const { server, log } = makeServer({ 'settings.get': settingsGet });
    const port = fakePort(PORT_NAMES.chat, ownPage);
    server.accept(port);

    port.receive('not an object');
    port.receive({ type: 'request', id: 'r1', name: 'chat.send', payload: { text: 42 } });
    port.receive({ type: 'request', id: 'r2', name: 'no.such.request', payload: {} });
    port.receive({
      type: 'request',
      id: 'r3',
      name: 'vault.enablePassphrase',
      payload: { passphrase: 'x' },
    });
    await flush();

    expect(log.warn).toHaveBeenCalledTimes(4);
    expect(log.warn.mock.calls[1]?.[0]).toContain('invalid payload for "chat.send"');
    expect(log.warn.mock.calls[3]?.[0]).toContain('not allowed on port parley/chat');
    expect(port.sent).toEqual([
      expect.objectContaining({
        id: 'r1',
        ok: false,
        error: expect.objectContaining({ code: 'invalid' }),
      }),
      expect.objectContaining({ id: 'r2', ok: false }),
      expect.objectContaining({ id: 'r3', ok: false }),
    ]);

    port.receive({ type: 'request', id: 'r4', name: 'settings.get', payload: {} });
    await flush();
    expect(port.sent.at(-1)).toEqual({
      type: 'response',
      id: 'r4',
      ok: true,
      result: { providers: [] },
    });
  });

  it('turns handler failures into responses: user-facing words kept, unexpected ones wrapped', async () => {
    const { server, log } = makeServer({
      'settings.get': async () => {
        throw new UserFacingError('Pick a provider first.', 'invalid');
      },
      'vault.status': async () => {
        throw new TypeError('boom');
      },
    });
    const port = fakePort(PORT_NAMES.chat, ownPage);
    server.accept(port);
    port.receive({ type: 'request', id: 'a', name: 'settings.get', payload: {} });
    port.receive({ type: 'request', id: 'b', name: 'vault.status', payload: {} });
    await flush();
    expect(port.sent).toContainEqual({
      type: 'response',
      id: 'a',
      ok: false,
      error: { message: 'Pick a provider first.', code: 'invalid' },
    });
    expect(port.sent).toContainEqual(
      expect.objectContaining({
        id: 'b',
        ok: false,
        error: expect.objectContaining({
          code: 'internal',
          message: expect.stringContaining('boom'),
        }),
      }),
    );
    expect(log.error).toHaveBeenCalled();
  });

  it('stops sending to a page once it disconnects and runs its close listeners', async () => {
    const { server } = makeServer();
    const port = fakePort(PORT_NAMES.chat, ownPage);
    const closed = vi.fn();
    let session: Parameters<RequestHandlers['settings.get']>[1] | undefined;
    const capture = makeServer({
      'settings.get': async (_payload, s) => {
        session = s;
        s.onClose(closed);
        return { providers: [] };
      },
    });
    capture.server.accept(port);
    port.receive({ type: 'request', id: 'x', name: 'settings.get', payload: {} });
    await flush();
    port.drop();
    expect(closed).toHaveBeenCalledTimes(1);
    const before = port.sent.length;
    session?.send({ type: 'welcome', protocol: 1 });
    expect(port.sent.length).toBe(before);
    expect(server.connectedCount).toBe(0);
  });
});
