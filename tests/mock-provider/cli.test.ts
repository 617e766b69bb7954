// @vitest-environment node
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseCliArgs, startupBanner } from './cli-args';
import { chatRequest, postJson, readBody } from './sse-test-helpers';

describe('parseCliArgs', () => {
  it('reads port, API key, flavor and the Ollama origin check', () => {
    const args = [
      '--port',
      '8080',
      '--api-key',
      'k',
      '--flavor',
      'openrouter',
      '--reject-extension-origins',
    ];
    expect(parseCliArgs(args)).toEqual({
      help: false,
      options: { port: 8080, apiKey: 'k', flavor: 'openrouter', rejectUnknownOrigins: true },
    });
    expect(parseCliArgs([])).toEqual({ help: false, options: {} });
    expect(parseCliArgs(['-h'])).toEqual({ help: true });
  });

  it('rejects bad values and unknown options', () => {
    expect(() => parseCliArgs(['--port', 'x'])).toThrow(/--port/);
    expect(() => parseCliArgs(['--flavor', 'ollama'])).toThrow(/--flavor/);
    expect(() => parseCliArgs(['--verbose'])).toThrow();
  });

  it('prints the base URL on the first line', () => {
    const banner = startupBanner('http://127.0.0.1:1234/v1', {});
    expect(banner.split('\n')[0]).toBe('Mock provider: http://127.0.0.1:1234/v1');
    expect(banner).toContain('http://127.0.0.1:1234/__mock/enqueue');
  });
});

describe('the CLI process', () => {
  it('serves until SIGINT, and is steered over the control channel', async () => {
    const cli = fileURLToPath(new URL('./cli.ts', import.meta.url));
    const child = spawn(process.execPath, ['--import', 'tsx', cli, '--flavor', 'openrouter'], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    try {
      const [firstLine] = (await once(createInterface({ input: child.stdout }), 'line')) as [
        string,
      ];
      const baseURL = /^Mock provider: (http:\/\/127\.0\.0\.1:\d+\/v1)$/.exec(firstLine)?.[1];
      expect(baseURL, firstLine).toBeDefined();
      const origin = new URL(baseURL!).origin;

      await postJson(`${origin}/__mock/enqueue`, {
        kind: 'reply',
        text: 'steered',
        chunkDelayMs: 0,
      });
      const { text } = await readBody(
        await postJson(`${baseURL}/chat/completions`, chatRequest('x')),
      );
      expect(text.startsWith(': OPENROUTER PROCESSING\n\n')).toBe(true);
      expect(text).toContain('"content":"steered"');
      const log = (await (await fetch(`${origin}/__mock/requests`)).json()) as {
        outcome?: string;
      }[];
      expect(log.map((r) => r.outcome)).toEqual(['completed']);

      // A stream left open must not keep Ctrl-C from ending the process.
      await postJson(`${origin}/__mock/enqueue`, { kind: 'stall', afterEvents: 1 });
      const stalled = await postJson(`${baseURL}/chat/completions`, chatRequest('x'));
      child.kill('SIGINT');
      const [code] = (await once(child, 'exit')) as [number | null];
      expect(code).toBe(0);
      expect((await readBody(stalled)).error).toBeDefined();
    } finally {
      child.kill('SIGKILL');
    }
  });
});
