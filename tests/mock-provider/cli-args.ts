// Command-line options of `npm run mock-provider -- [--port N] [--api-key K] [--flavor openrouter]`.
import { parseArgs } from 'node:util';
import type { MockProviderOptions } from './types';

export const USAGE = `Usage: npm run mock-provider -- [--port N] [--api-key KEY] [--flavor openai|openrouter]
                                [--reject-extension-origins]`;

export type CliCommand = { help: true } | { help: false; options: MockProviderOptions };

/** Parses the arguments after the script name; throws with a readable message on bad input. */
export function parseCliArgs(args: string[]): CliCommand {
  const { values } = parseArgs({
    args,
    options: {
      port: { type: 'string' },
      'api-key': { type: 'string' },
      flavor: { type: 'string' },
      'reject-extension-origins': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) return { help: true };
  const options: MockProviderOptions = {};
  if (values.port !== undefined) {
    const port = Number(values.port);
    if (!Number.isInteger(port) || port < 0 || port > 65_535) {
      throw new Error(`--port must be an integer 0–65535, not "${values.port}"`);
    }
    options.port = port;
  }
  if (values['api-key'] !== undefined) options.apiKey = values['api-key'];
  if (values.flavor !== undefined) {
    if (values.flavor !== 'openai' && values.flavor !== 'openrouter') {
      throw new Error(`--flavor must be openai or openrouter, not "${values.flavor}"`);
    }
    options.flavor = values.flavor;
  }
  if (values['reject-extension-origins']) options.rejectUnknownOrigins = true;
  return { help: false, options };
}

/** What the CLI prints once listening; the base URL line comes first, for scripts to read. */
export function startupBanner(baseURL: string, options: MockProviderOptions): string {
  const origin = new URL(baseURL).origin;
  return [
    `Mock provider: ${baseURL}`,
    `  flavor ${options.flavor ?? 'openai'}; API key ${options.apiKey ? 'required' : 'not checked'}`,
    `  Queue a behaviour for the next completion (JSON, or an array of them):`,
    `    curl -X POST ${origin}/__mock/enqueue -d '{"kind":"stall","afterEvents":2}'`,
    `  Kinds: reply, fixture, status, cut, stall, malformed, midstream-error (see tests/mock-provider/types.ts)`,
    `  Requests so far:  curl ${origin}/__mock/requests`,
    `  Clear queue+log:  curl -X POST ${origin}/__mock/reset`,
    `  Ctrl-C to stop.`,
  ].join('\n');
}
