// @vitest-environment node
import { describe, expect, it, vi } from 'vitest';
import { PROTOCOL_VERSION } from '@/shared/protocol';
import { PortClient, RequestFailedError, type ClientPort } from './port-client';

/** A fake background end: records what the page posts and lets the test answer or drop. */
function fakeBackground() {
  const ports: (ClientPort & { posted: unknown[]; deliver(m: unknown): void; drop(): void })[] = [];
  const connect = () => {
    const messageListeners: ((m: unknown) => void)[] = [];
    const disconnectListeners: (() => void)[] = [];
    const port = {
      posted: [] as unknown[],
      postMessage(m: unknown) {
        this.posted.push(m);
      },
      disconnect: vi.fn(),
      onMessage: { addListener: (l: (m: unknown) => void) => void messageListeners.push(l) },
      onDisconnect: { addListener: (l: () => void) => void disconnectListeners.push(l) },
      deliver: (m: unknown) => messageListeners.forEach((l) => l(m)),
      drop: () => disconnectListeners.forEach((l) => l()),
    };
    ports.push(port);
    return port;
  };
  return { ports, connect };
}

function setup() {
  const bg = fakeBackground();
  const timers: (() => void)[] = [];
  const log = { warn: vi.fn() };
  const client = new PortClient({
    name: 'parley/chat',
    connect: bg.connect,
    setTimer: (fn) => timers.push(fn),
    log,
  });
  const welcome = (index = bg.ports.length - 1) =>
    bg.ports[index]!.deliver({ type: 'welcome', protocol: PROTOCOL_VERSION });
  return { bg, client, timers, log, welcome };
}

describe('PortClient', () => {
  it('says hello, waits for welcome, then sends queued requests and resolves their responses', async () => {
    const { bg, client, welcome } = setup();
    expect(bg.ports[0]!.posted).toEqual([{ type: 'hello', protocol: PROTOCOL_VERSION }]);
    const result = client.request('settings.get', {});
    expect(bg.ports[0]!.posted).toHaveLength(1);
    welcome();
    const sent = bg.ports[0]!.posted[1] as { id: string; name: string };
    expect(sent).toMatchObject({ type: 'request', name: 'settings.get' });
    bg.ports[0]!.deliver({ type: 'response', id: sent.id, ok: true, result: { providers: [] } });
    await expect(result).resolves.toEqual({ providers: [] });
  });

  it('rejects with the background’s words and code', async () => {
    const { bg, client, welcome } = setup();
    welcome();
    const result = client.request('vault.unlock', { passphrase: 'x' });
    const sent = bg.ports[0]!.posted[1] as { id: string };
    bg.ports[0]!.deliver({
      type: 'response',
      id: sent.id,
      ok: false,
      error: { message: 'Wrong passphrase.', code: 'invalid' },
    });
    await expect(result).rejects.toBeInstanceOf(RequestFailedError);
    await expect(result).rejects.toMatchObject({ message: 'Wrong passphrase.', code: 'invalid' });
  });

  it('reconnects after the worker restarts: reads are re-sent, writes fail clearly', async () => {
    const { bg, client, timers, welcome } = setup();
    const states: string[] = [];
    client.onState((s) => states.push(s));
    const connected = vi.fn();
    client.onConnected(connected);
    welcome();
    const read = client.request('conversation.open', { conversationId: 'c1' });
    const write = client.request('chat.send', { text: 'hi' });
    bg.ports[0]!.drop();
    await expect(write).rejects.toThrow(/lost its connection/);
    expect(states).toEqual(['connected', 'reconnecting']);

    timers.shift()!();
    expect(bg.ports).toHaveLength(2);
    welcome(1);
    expect(connected).toHaveBeenCalledTimes(2);
    const resent = bg.ports[1]!.posted.find(
      (m) => (m as { name?: string }).name === 'conversation.open',
    ) as { id: string };
    expect(resent).toBeDefined();
    bg.ports[1]!.deliver({ type: 'response', id: resent.id, ok: true, result: 'snapshot' });
    await expect(read).resolves.toBe('snapshot');
  });

  it('validates events and drops malformed ones with a logged reason', () => {
    const { bg, client, welcome, log } = setup();
    welcome();
    const deltas = vi.fn();
    client.on('message.delta', deltas);
    bg.ports[0]!.deliver({
      type: 'event',
      name: 'message.delta',
      payload: { conversationId: 'c', messageId: 'm', field: 'content', offset: 'zero', text: 'x' },
    });
    bg.ports[0]!.deliver({ type: 'surprise' });
    expect(deltas).not.toHaveBeenCalled();
    expect(log.warn).toHaveBeenCalledTimes(2);
    bg.ports[0]!.deliver({
      type: 'event',
      name: 'message.delta',
      payload: { conversationId: 'c', messageId: 'm', field: 'content', offset: 0, text: 'x' },
    });
    expect(deltas).toHaveBeenCalledWith({
      conversationId: 'c',
      messageId: 'm',
      field: 'content',
      offset: 0,
      text: 'x',
    });
  });

  it('tells the page to reload when the background speaks another protocol version', async () => {
    const { bg, client } = setup();
    const pending = client.request('settings.get', {});
    bg.ports[0]!.deliver({ type: 'welcome', protocol: PROTOCOL_VERSION + 1 });
    expect(client.connectionState).toBe('outdated');
    await expect(pending).rejects.toThrow(/reopen/);
  });

  it('refuses new requests at once when the background is outdated, instead of queueing them', async () => {
    const { bg, client } = setup();
    bg.ports[0]!.deliver({ type: 'welcome', protocol: PROTOCOL_VERSION + 1 });
    await expect(client.request('settings.get', {})).rejects.toThrow(
      'Parley was updated. Close and reopen this panel to continue.',
    );
    expect(bg.ports[0]!.posted).toHaveLength(1);
  });

  it('after close, fails pending and new requests with a clear error', async () => {
    const { bg, client } = setup();
    const pending = client.request('settings.get', {});
    client.close();
    await expect(pending).rejects.toThrow(/closed its connection/);
    await expect(client.request('vault.status', {})).rejects.toThrow(/closed its connection/);
    expect(bg.ports[0]!.disconnect).toHaveBeenCalled();
    expect(bg.ports[0]!.posted).toHaveLength(1);
  });
});
