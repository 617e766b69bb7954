// @vitest-environment node
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseArgs, runReplay, USAGE, type ReplayIo } from './replay';

const FIXTURES = fileURLToPath(new URL('../tests/fixtures/sse/', import.meta.url));
const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** Runs the tool in-process against an in-memory file system. */
async function replay(argv: string[], files: Record<string, string> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const io: ReplayIo = {
    out: (line) => out.push(line),
    err: (line) => err.push(line),
    readFile: async (path) => {
      if (!(path in files))
        throw Object.assign(new Error(`ENOENT: no such file, open '${path}'`), { path });
      return new TextEncoder().encode(files[path]);
    },
  };
  const code = await runReplay(argv, io);
  return {
    code,
    lines: out.map((line) => JSON.parse(line) as Record<string, unknown>),
    err: err.join('\n'),
  };
}

const chatBody =
  'data: {"choices":[{"index":0,"delta":{"content":"Hi"},"finish_reason":null}]}\n\n' +
  'data: {"choices":[{"index":0,"delta":{},"finish_reason":"stop"}]}\n\ndata: [DONE]\n\n';

describe('replay tool', () => {
  it('prints one JSON line per event, then the summary', async () => {
    const { code, lines } = await replay(['--api', 'chat', 's.sse'], { 's.sse': chatBody });
    expect(code).toBe(0);
    expect(lines).toEqual([
      { type: 'text-delta', delta: 'Hi' },
      { type: 'finish', finishReason: 'stop' },
      {
        type: 'summary',
        text: 'Hi',
        reasoning: null,
        usage: null,
        cost: null,
        finishReason: 'stop',
        toolCalls: [],
        error: null,
      },
    ]);
  });

  it('exits 0 when the stream carries an error: the error is data', async () => {
    const body =
      'data: {"error":{"code":429,"message":"Rate limit exceeded","metadata":{"error_type":"rate_limit_exceeded"}}}\n\n';
    const { code, lines } = await replay(['--api', 'openrouter', 's.sse'], { 's.sse': body });
    expect(code).toBe(0);
    expect(lines.at(-1)?.error).toEqual({
      kind: 'rate_limit',
      message: expect.any(String),
      retryAfterMs: null,
    });
  });

  it('serves the headers file with the body (rate limits, retry-after)', async () => {
    const { lines } = await replay(['--headers', 'h.json', '--api', 'chat', 's.sse'], {
      's.sse': chatBody,
      'h.json': JSON.stringify({
        'x-ratelimit-remaining-requests': 3,
        'x-ratelimit-limit-requests': '10',
      }),
    });
    expect(lines[0]).toMatchObject({
      type: 'rate-limits',
      snapshot: { requests: { limit: 10, remaining: 3 } },
    });
  });

  it('replays an HTTP error status with --status, reading the retry delay from the headers', async () => {
    const { lines } = await replay(
      ['--api', 'responses', '--status', '429', '--headers', 'h.json', 'e.json'],
      {
        'e.json': '{"error":{"message":"Too many requests","code":"rate_limit_exceeded"}}',
        'h.json': '{"retry-after": "2"}',
      },
    );
    expect(lines.at(-1)?.error).toMatchObject({ kind: 'rate_limit', retryAfterMs: 2000 });
  });

  it.each([
    [[], '--api is required'],
    [['--api', 'chat'], 'FILE.sse is required'],
    [['--api', 'anthropic', 'f.sse'], '--api must be one of responses, chat, openrouter'],
    [['--api', 'chat', 'a.sse', 'b.sse'], 'only one FILE.sse'],
    [['--api', 'chat', '--verbose', 'a.sse'], 'unknown option --verbose'],
    [['--api', 'chat', '--status', 'teapot', 'a.sse'], '--status must be an integer'],
    [['--api'], '--api needs a value'],
  ])('rejects bad arguments %j with exit code 2 and the usage', async (argv, message) => {
    const { code, err, lines } = await replay(argv, { 'a.sse': chatBody });
    expect(code).toBe(2);
    expect(err).toContain(message);
    expect(err).toContain(USAGE);
    expect(lines).toEqual([]);
  });

  it('exits 1 with a clear message for a file it cannot read', async () => {
    const { code, err } = await replay(['--api', 'chat', 'missing.sse']);
    expect(code).toBe(1);
    expect(err).toMatch(/cannot read missing\.sse: ENOENT/);
  });

  it('exits 2 for a headers file that is not a JSON object', async () => {
    const { code, err } = await replay(['--api', 'chat', '--headers', 'h.json', 's.sse'], {
      's.sse': chatBody,
      'h.json': '[1]',
    });
    expect(code).toBe(2);
    expect(err).toContain('h.json must hold a JSON object');
  });

  it('parses every option', () => {
    expect(
      parseArgs([
        '--api',
        'openrouter',
        '--headers',
        'h.json',
        '--status',
        '200',
        '--seed',
        '9',
        'f.sse',
      ]),
    ).toEqual({
      api: 'openrouter',
      file: 'f.sse',
      headersFile: 'h.json',
      status: 200,
      seed: 9,
    });
  });

  it('runs as `npm run replay` would (tsx), on a corpus file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'replay-'));
    const headers = join(dir, 'h.json');
    writeFileSync(headers, '{}');
    const { stdout, code } = await new Promise<{ stdout: string; code: number }>((resolve) => {
      execFile(
        process.execPath,
        [
          '--import',
          'tsx',
          'scripts/replay.ts',
          '--api',
          'responses',
          '--headers',
          headers,
          join(FIXTURES, 'codex-responses-failed-rate-limit-11054ms.sse'),
        ],
        { cwd: ROOT },
        (error, out) => resolve({ stdout: out, code: error ? Number(error.code) : 0 }),
      );
    });
    expect(code).toBe(0);
    const last = JSON.parse(stdout.trim().split('\n').at(-1) as string) as { error: unknown };
    expect(last.error).toMatchObject({ kind: 'rate_limit', retryAfterMs: 11054 });
  }, 20_000);
});
