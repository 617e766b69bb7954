// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { ClientError } from './errors';
import { listModels } from './models';
import { ScriptedFetch } from './testing/fake-fetch';
import type { ProviderConnection } from './types';

const openrouter: ProviderConnection = {
  kind: 'openrouter',
  api: 'chat',
  baseURL: 'https://openrouter.ai/api/v1',
  apiKey: 'sk-or-v1-secretsecret',
};

async function failure(promise: Promise<unknown>): Promise<ClientError> {
  try {
    await promise;
  } catch (err) {
    if (err instanceof ClientError) return err;
    throw err;
  }
  throw new Error('expected a ClientError');
}

describe('listModels', () => {
  it("reads OpenRouter's list with names, context lengths and per-token prices", async () => {
    const body = JSON.stringify({
      data: [
        {
          id: 'openai/gpt-4o',
          name: 'OpenAI: GPT-4o',
          context_length: 128000,
          pricing: { prompt: '0.0000025', completion: '0.00001' },
        },
        {
          id: 'meta-llama/llama-3.3-70b-instruct:free',
          context_length: 65536,
          pricing: { prompt: '0', completion: '0' },
        },
      ],
    });
    const fetch = new ScriptedFetch([{ body, headers: { 'content-type': 'application/json' } }]);
    const models = await listModels(openrouter, { fetch: fetch.fetch });
    expect(fetch.requests[0]?.url).toBe('https://openrouter.ai/api/v1/models');
    expect(fetch.requests[0]?.method).toBe('GET');
    expect(fetch.requests[0]?.headers.get('http-referer')).toBe(
      'https://github.com/parley-extension',
    );
    expect(models).toEqual([
      {
        id: 'openai/gpt-4o',
        name: 'OpenAI: GPT-4o',
        contextLength: 128000,
        pricing: { prompt: 0.0000025, completion: 0.00001 },
      },
      {
        id: 'meta-llama/llama-3.3-70b-instruct:free',
        contextLength: 65536,
        pricing: { prompt: 0, completion: 0 },
      },
    ]);
  });

  it('reads a plain OpenAI-compatible list without a key', async () => {
    const local: ProviderConnection = {
      kind: 'compatible',
      api: 'chat',
      baseURL: 'http://localhost:11434/v1',
    };
    const fetch = new ScriptedFetch([
      { body: JSON.stringify({ object: 'list', data: [{ id: 'llama3.2', object: 'model' }] }) },
    ]);
    expect(await listModels(local, { fetch: fetch.fetch })).toEqual([{ id: 'llama3.2' }]);
    expect(fetch.requests[0]?.headers.has('authorization')).toBe(false);
  });

  it('throws a classified ClientError on 401, without the key', async () => {
    const body = JSON.stringify({
      error: { message: 'No auth credentials found for sk-or-v1-secretsecret', code: 401 },
    });
    const fetch = new ScriptedFetch([{ status: 401, body }]);
    const err = await failure(listModels(openrouter, { fetch: fetch.fetch }));
    expect(err.info).toMatchObject({ kind: 'auth', status: 401 });
    expect(JSON.stringify(err.info)).not.toContain('secretsecret');
  });

  it('reports an unreachable server as a network error naming the base URL tried', async () => {
    const fetch = new ScriptedFetch([{ throws: new TypeError('fetch failed') }]);
    const err = await failure(
      listModels({ ...openrouter, baseURL: 'http://localhost:1234/v1' }, { fetch: fetch.fetch }),
    );
    expect(err.info.kind).toBe('network');
    expect(err.message).toContain('http://localhost:1234/v1');
  });

  it('says so when the server answers something that is not a model list', async () => {
    const fetch = new ScriptedFetch([{ body: '<html>hello</html>' }]);
    const err = await failure(listModels(openrouter, { fetch: fetch.fetch }));
    expect(err.info.kind).toBe('not_found');
    expect(err.message).toBe(
      'The server at https://openrouter.ai/api/v1 answered, but not with an OpenAI-style model' +
        " list. Check that the base URL ends in /v1 or the path of the server's OpenAI-compatible" +
        ' API.',
    );
    // Our own words are not passed off as the provider's, and model-name advice does not apply.
    expect(err.info.providerMessage).toBeUndefined();
    expect(err.message).not.toMatch(/provider said|model name/i);
  });

  it('shows only scheme, host and path of a base URL carrying credentials', async () => {
    const baseURL = 'https://user:sk-secret@host/v1?api-key=sk-secret#frag';
    const notAList = new ScriptedFetch([{ body: 'not json' }]);
    const unreachable = new ScriptedFetch([{ throws: new TypeError('fetch failed') }]);
    for (const fetch of [notAList, unreachable]) {
      const err = await failure(listModels({ ...openrouter, baseURL }, { fetch: fetch.fetch }));
      expect(err.message).toMatch(/ https:\/\/host\/v1[ .]/);
      expect(JSON.stringify(err.info)).not.toMatch(/sk-secret|user:|api-key|frag/);
    }
  });

  it('reports an abort while the list is being read as aborted, not as a bad list', async () => {
    const controller = new AbortController();
    let reading!: () => void;
    const readingStarted = new Promise<void>((resolve) => (reading = resolve));
    let fail!: (reason: unknown) => void;
    // No read-ahead (`highWaterMark: 0`): `pull` runs only once the list is being read.
    const body = new ReadableStream<Uint8Array>(
      {
        pull(stream) {
          stream.enqueue(new TextEncoder().encode('{"data": ['));
          fail = (reason) => stream.error(reason);
          reading();
          return new Promise(() => {});
        },
      },
      { highWaterMark: 0 },
    );
    const pending = failure(
      listModels(openrouter, {
        fetch: async () => new Response(body),
        signal: controller.signal,
      }),
    );
    await readingStarted;
    controller.abort();
    fail(controller.signal.reason);
    expect((await pending).info.kind).toBe('aborted');
  });

  it('stops when aborted', async () => {
    const controller = new AbortController();
    const fetch = new ScriptedFetch([{ hang: true }]);
    const pending = failure(
      listModels(openrouter, { fetch: fetch.fetch, signal: controller.signal }),
    );
    controller.abort();
    expect((await pending).info.kind).toBe('aborted');
  });
});
