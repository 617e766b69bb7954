// An OpenAI-compatible HTTP server on 127.0.0.1 for unit tests, end-to-end tests and humans:
// GET /v1/models, POST /v1/chat/completions, POST /v1/responses, with queued or per-model
// behaviours for faults (errors, cuts, stalls, malformed lines, in-stream errors) and fixture replay,
// a log of every request with each stream's outcome, and an HTTP control channel under /__mock/.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { resolveAnswer, type CostFunction } from './answer';
import { answerStreamSteps, fixtureStreamSteps } from './behaviour-steps';
import {
  defaultErrorBody,
  invalidUrlBody,
  unauthorizedBody,
  unparsableBodyBody,
} from './error-bodies';
import { corsHeaders, headerRecord, parseBody, readBodyText, sendJson } from './http';
import { costOf, DEFAULT_MODEL_IDS, modelListBody, pricingFor } from './models';
import { parseBehaviour } from './parse-behaviour';
import { RequestLog } from './request-log';
import { StreamSession } from './stream-session';
import type { StreamStep } from './stream-steps';
import type {
  Behaviour,
  MockFlavor,
  MockProvider,
  MockProviderOptions,
  RecordedRequest,
  RequestPredicate,
} from './types';
import { chatWire, responsesWire, type Wire } from './wire';

export type * from './types';

type WireApi = 'chat' | 'responses';

const ROUTES: Record<string, { method: string; api?: WireApi }> = {
  '/v1/models': { method: 'GET' },
  '/v1/chat/completions': { method: 'POST', api: 'chat' },
  '/v1/responses': { method: 'POST', api: 'responses' },
};

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function lowerCaseKeys(headers: Record<string, string> = {}): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
}

const unixSeconds = () => Math.floor(Date.now() / 1000);

class MockProviderServer implements MockProvider {
  baseURL = '';
  port = 0;
  private readonly server: Server;
  private readonly log = new RequestLog();
  private readonly queue: Behaviour[] = [];
  private readonly sessions = new Set<StreamSession>();
  private readonly flavor: MockFlavor;
  private readonly modelIds: string[];
  private readonly modelBehaviours: Record<string, Behaviour>;

  constructor(private readonly options: MockProviderOptions) {
    this.flavor = options.flavor ?? 'openai';
    this.modelIds = options.models ?? DEFAULT_MODEL_IDS[this.flavor];
    this.modelBehaviours = Object.fromEntries(
      Object.entries(options.modelBehaviours ?? {}).map(([id, b]) => [id, parseBehaviour(b)]),
    );
    this.server = createServer({ noDelay: true }, (req, res) => {
      this.handle(req, res).catch((error: unknown) => {
        console.error('Mock provider: request failed', error);
        if (!res.headersSent) sendJson(res, 500, defaultErrorBody(this.flavor, 500));
        else res.destroy();
      });
    });
  }

  get requests(): RecordedRequest[] {
    return this.log.records;
  }

  async listen(port: number): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, '127.0.0.1', () => {
        this.server.off('error', reject);
        resolve();
      });
    });
    this.port = (this.server.address() as AddressInfo).port;
    this.baseURL = `http://127.0.0.1:${this.port}/v1`;
  }

  enqueue(behaviour: Behaviour): void {
    this.queue.push(parseBehaviour(behaviour));
  }

  waitForRequest(predicate?: RequestPredicate, timeoutMs?: number) {
    return this.log.waitForRequest(predicate, timeoutMs);
  }

  waitForOutcome(predicate?: RequestPredicate, timeoutMs?: number) {
    return this.log.waitForOutcome(predicate, timeoutMs);
  }

  reset(): void {
    this.queue.length = 0;
    this.log.clear();
  }

  async close(): Promise<void> {
    for (const session of this.sessions) session.terminate();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const method = req.method ?? 'GET';
    const bodyText = await readBodyText(req);
    if (url.pathname.startsWith('/__mock/')) return this.control(req, res, url.pathname, bodyText);

    const record = this.log.add({
      method,
      path: url.pathname,
      query: url.search,
      headers: headerRecord(req),
      body: parseBody(bodyText),
      startedAt: Date.now(),
    });
    res.once('close', () => {
      if (res.headersSent) record.status ??= res.statusCode;
      record.endedAt ??= Date.now();
      this.log.changed(record);
    });

    // Ollama's check comes before anything else, preflights included, and sends no CORS headers.
    const origin = req.headers.origin ?? '';
    if (this.options.rejectUnknownOrigins && origin.startsWith('chrome-extension://')) {
      res.writeHead(403, { 'content-type': 'text/plain; charset=utf-8' }).end('Forbidden');
      return;
    }
    const cors = corsHeaders(req);
    if (method === 'OPTIONS') {
      res.writeHead(204, cors).end();
      return;
    }
    const route = ROUTES[url.pathname];
    if (!route || route.method !== method) {
      return sendJson(res, 404, invalidUrlBody(this.flavor, method, url.pathname), cors);
    }
    if (!this.isAuthorized(req)) {
      const hadKey = req.headers.authorization !== undefined;
      return sendJson(res, 401, unauthorizedBody(this.flavor, hadKey), cors);
    }
    if (!route.api) {
      return sendJson(res, 200, modelListBody(this.flavor, this.modelIds, unixSeconds()), cors);
    }
    return this.answerModelRequest(route.api, record, res, cors);
  }

  private isAuthorized(req: IncomingMessage): boolean {
    const { apiKey } = this.options;
    return apiKey === undefined || req.headers.authorization === `Bearer ${apiKey}`;
  }

  private async answerModelRequest(
    api: WireApi,
    record: RecordedRequest,
    res: ServerResponse,
    cors: Record<string, string>,
  ): Promise<void> {
    const body = record.body;
    if (!isRecord(body)) return sendJson(res, 400, unparsableBodyBody(this.flavor), cors);
    const model = typeof body.model === 'string' ? body.model : (this.modelIds[0] ?? 'mock-model');
    const behaviour = this.queue.shift() ?? this.modelBehaviours[model] ?? { kind: 'reply' };
    record.behaviour = behaviour;
    this.log.changed(record);

    const headers = {
      ...cors,
      'x-request-id': `req_mock_${record.id}`,
      ...lowerCaseKeys(behaviour.headers),
    };
    if (behaviour.kind === 'status') {
      const errorBody = behaviour.body ?? defaultErrorBody(this.flavor, behaviour.status);
      return sendJson(res, behaviour.status, errorBody, headers);
    }
    if (behaviour.kind === 'fixture')
      return this.stream(record, res, headers, fixtureStreamSteps(behaviour));

    const wire = this.wireFor(api, record.id, model, body);
    const answer = resolveAnswer(behaviour, body, this.costFunction(model));
    if (behaviour.kind === 'reply' && body.stream !== true) {
      const closed = new AbortController();
      res.once('close', () => closed.abort());
      try {
        await sleep(behaviour.firstChunkDelayMs ?? 0, undefined, { signal: closed.signal });
      } catch {
        return; // the client went away while we waited
      }
      return sendJson(res, 200, wire.body(answer), headers);
    }
    return this.stream(
      record,
      res,
      headers,
      answerStreamSteps(behaviour, answer, wire, this.flavor),
    );
  }

  private wireFor(api: WireApi, id: number, model: string, body: Record<string, unknown>): Wire {
    if (api === 'responses') {
      return responsesWire({
        responseId: `resp_mock_${id}`,
        messageId: `msg_mock_${id}`,
        reasoningId: `rs_mock_${id}`,
        model,
        createdAt: unixSeconds(),
      });
    }
    const streamOptions = isRecord(body.stream_options) ? body.stream_options : {};
    return chatWire({
      id: this.flavor === 'openrouter' ? `gen-mock-${id}` : `chatcmpl-mock-${id}`,
      model,
      created: unixSeconds(),
      flavor: this.flavor,
      includeUsage: streamOptions.include_usage === true,
    });
  }

  private costFunction(model: string): CostFunction | undefined {
    if (this.flavor !== 'openrouter') return undefined;
    const pricing = pricingFor(model, this.modelIds);
    return (input, output) => costOf(pricing, input, output);
  }

  private stream(
    record: RecordedRequest,
    res: ServerResponse,
    headers: Record<string, string>,
    steps: Iterable<StreamStep>,
  ): Promise<void> {
    const session = new StreamSession(res, record, this.log, (ended) =>
      this.sessions.delete(ended),
    );
    this.sessions.add(session);
    return session.run(
      200,
      {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache',
        ...headers,
      },
      steps,
    );
  }

  /** The control channel: POST /__mock/enqueue, GET /__mock/requests, POST /__mock/reset. */
  private control(req: IncomingMessage, res: ServerResponse, path: string, bodyText: string) {
    const cors = corsHeaders(req);
    const action = `${req.method} ${path}`;
    if (req.method === 'OPTIONS') {
      res.writeHead(204, cors).end();
    } else if (action === 'POST /__mock/enqueue') {
      try {
        const parsed: unknown = JSON.parse(bodyText);
        // Check them all before queuing any, so a bad list changes nothing.
        const behaviours = (Array.isArray(parsed) ? parsed : [parsed]).map(parseBehaviour);
        this.queue.push(...behaviours);
        sendJson(res, 200, { queued: this.queue.length }, cors);
      } catch (error) {
        sendJson(res, 400, { error: { message: (error as Error).message } }, cors);
      }
    } else if (action === 'GET /__mock/requests') {
      sendJson(res, 200, this.log.records, cors);
    } else if (action === 'POST /__mock/reset') {
      this.reset();
      sendJson(res, 200, { ok: true }, cors);
    } else {
      sendJson(
        res,
        404,
        { error: { message: `Mock provider: no control action ${action}` } },
        cors,
      );
    }
  }
}

/**
 * Starts the mock on 127.0.0.1 (a random port unless `port` is given).
 *
 * Each POST to /v1/chat/completions or /v1/responses takes the next queued behaviour, else the
 * model's standing behaviour, else a `reply` echoing the last user message.
 */
export async function startMockProvider(options: MockProviderOptions = {}): Promise<MockProvider> {
  const provider = new MockProviderServer(options);
  await provider.listen(options.port ?? 0);
  return provider;
}
