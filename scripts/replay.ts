// The replay tool: feeds a recorded SSE body through the same client code the background uses
// and prints one JSON line per normalized event, then a summary line.
//
//   npm run --silent replay -- --api <responses|chat|openrouter> [--headers FILE.json]
//                              [--status CODE] [--seed N] FILE.sse
//
// Exit code 0 whenever the file was replayed, even if the stream carries an error (the error is
// data); 2 for bad arguments; 1 for a file that cannot be read.

import { readFile } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import {
  REPLAY_APIS,
  replayEvents,
  summaryRecord,
  type ReplayApi,
  type ReplayOptions,
} from '../src/client/replay';
import { TurnSummaryBuilder } from '../src/client/summary';

export const USAGE =
  'usage: npm run --silent replay -- --api <responses|chat|openrouter> [--headers FILE.json] ' +
  '[--status CODE] [--seed N] FILE.sse';

export interface ReplayIo {
  out: (line: string) => void;
  err: (line: string) => void;
  readFile: (path: string) => Promise<Uint8Array>;
}

interface ParsedArgs {
  api: ReplayApi;
  file: string;
  headersFile?: string;
  status?: number;
  seed?: number;
}

class UsageError extends Error {}

export function parseArgs(argv: readonly string[]): ParsedArgs {
  let api: string | undefined;
  let file: string | undefined;
  let headersFile: string | undefined;
  let status: number | undefined;
  let seed: number | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    const value = () => {
      const next = argv[++i];
      if (next === undefined) throw new UsageError(`${arg} needs a value`);
      return next;
    };
    if (arg === '--api') api = value();
    else if (arg === '--headers') headersFile = value();
    else if (arg === '--status') status = integerArg(arg, value(), 100, 599);
    else if (arg === '--seed') seed = integerArg(arg, value(), 0, 2 ** 32 - 1);
    else if (arg.startsWith('--')) throw new UsageError(`unknown option ${arg}`);
    else if (file === undefined) file = arg;
    else throw new UsageError(`only one FILE.sse, got ${file} and ${arg}`);
  }
  if (api === undefined) throw new UsageError('--api is required');
  if (!REPLAY_APIS.includes(api as ReplayApi)) {
    throw new UsageError(`--api must be one of ${REPLAY_APIS.join(', ')}, got ${api}`);
  }
  if (file === undefined) throw new UsageError('FILE.sse is required');
  return {
    api: api as ReplayApi,
    file,
    ...(headersFile !== undefined ? { headersFile } : {}),
    ...(status !== undefined ? { status } : {}),
    ...(seed !== undefined ? { seed } : {}),
  };
}

function integerArg(name: string, text: string, min: number, max: number): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new UsageError(`${name} must be an integer from ${min} to ${max}, got ${text}`);
  }
  return n;
}

function parseHeaders(text: string, path: string): Record<string, string> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new UsageError(`${path} is not JSON`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new UsageError(`${path} must hold a JSON object of header names to values`);
  }
  return Object.fromEntries(Object.entries(value).map(([name, v]) => [name, String(v)]));
}

/** Runs the tool; returns the exit code. */
export async function runReplay(argv: readonly string[], io: ReplayIo): Promise<number> {
  let args: ParsedArgs;
  try {
    args = parseArgs(argv);
  } catch (err) {
    io.err(`replay: ${(err as Error).message}\n${USAGE}`);
    return 2;
  }
  let bytes: Uint8Array;
  const options: ReplayOptions = { api: args.api, status: args.status, seed: args.seed };
  try {
    if (args.headersFile !== undefined) {
      const text = new TextDecoder().decode(await io.readFile(args.headersFile));
      options.headers = parseHeaders(text, args.headersFile);
    }
    bytes = await io.readFile(args.file);
  } catch (err) {
    if (err instanceof UsageError) {
      io.err(`replay: ${err.message}\n${USAGE}`);
      return 2;
    }
    io.err(
      `replay: cannot read ${(err as { path?: string }).path ?? args.file}: ${(err as Error).message}`,
    );
    return 1;
  }
  const builder = new TurnSummaryBuilder();
  for await (const event of replayEvents(bytes, options)) {
    builder.add(event);
    io.out(JSON.stringify(event));
  }
  io.out(JSON.stringify(summaryRecord(builder.summary)));
  return 0;
}

const isMain =
  process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href;
if (isMain) {
  runReplay(process.argv.slice(2), {
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => console.error(line),
    readFile: async (path) => new Uint8Array(await readFile(path)),
  })
    .then((code) => {
      process.exitCode = code;
    })
    .catch((err: unknown) => {
      console.error('replay: unexpected failure:', err);
      process.exitCode = 1;
    });
}
