// The mock provider's public vocabulary: what a test can ask it to do (behaviours), what it
// remembers (recorded requests), and how it is started. Re-exported by server.ts.

/** Which real service the mock imitates in its quirks (model list, error bodies, comments). */
export type MockFlavor = 'openai' | 'openrouter';

/** Token counts (and OpenRouter cost) to report; any field left out is derived from the text. */
export interface MockUsage {
  inputTokens?: number;
  cachedInputTokens?: number;
  outputTokens?: number;
  /** Counted inside `outputTokens`, as OpenAI does. */
  reasoningTokens?: number;
  /** Copied to the wire as given; defaults to input + output. */
  totalTokens?: number;
  /** USD; sent as `usage.cost` on chat streams of the openrouter flavor. */
  cost?: number;
}

/** Extra response headers, e.g. `retry-after`, `x-ratelimit-remaining-requests`. */
export interface WithHeaders {
  headers?: Record<string, string>;
}

/** How a generated answer is streamed, in the wire shape of the endpoint that was hit. */
export interface AnswerShape extends WithHeaders {
  /** Default: `Mock reply to: <last user message text>`. */
  text?: string;
  /** Chat: `delta.reasoning_content`; Responses: reasoning summary events. Default: none. */
  reasoning?: string;
  /** Pause before each content chunk after the first. Default 20. */
  chunkDelayMs?: number;
  /** Silence after the headers, before the first event. Default 0. */
  firstChunkDelayMs?: number;
  /** Characters (code points) per chunk. Default: one word per chunk. */
  chunkChars?: number;
  usage?: MockUsage;
}

/** A normal answer (streamed when the request asks for `stream: true`, else one JSON body). */
export interface ReplyBehaviour extends AnswerShape {
  kind: 'reply';
}

/** Replays `tests/fixtures/sse/<name>.sse` byte for byte, one blank-line-separated event at a time. */
export interface FixtureBehaviour extends WithHeaders {
  kind: 'fixture';
  name: string;
  /** Pause between events. Default 0. */
  chunkDelayMs?: number;
}

/** An HTTP error before any stream starts. */
export interface StatusBehaviour extends WithHeaders {
  kind: 'status';
  status: number;
  /** An object is sent as JSON, a string verbatim. Default: the flavor's error body for `status`. */
  body?: unknown;
}

/**
 * The fault kinds below stream like `reply` and act after `afterEvents` data events (comments do
 * not count; `data: [DONE]` does). If the stream has fewer events, they act at its end.
 */
export interface CutBehaviour extends AnswerShape {
  kind: 'cut';
  /** Default 3. Then the socket is destroyed: no [DONE], no terminating chunk. */
  afterEvents?: number;
}

export interface StallBehaviour extends AnswerShape {
  kind: 'stall';
  /** Default 2. */
  afterEvents?: number;
  /** How long to go silent before streaming the rest. Default: until the client or server ends it. */
  stallMs?: number;
  /** Send an SSE comment this often while stalled. Default: never. */
  keepAliveEveryMs?: number;
  /** Default `OPENROUTER PROCESSING` for the openrouter flavor, else `keep-alive`. */
  keepAliveComment?: string;
}

export interface MalformedBehaviour extends AnswerShape {
  kind: 'malformed';
  /** Default 2. */
  afterEvents?: number;
  /** What follows `data: ` on the broken line. Default: truncated JSON. */
  raw?: string;
  /** Stream the rest of the answer after the broken line. Default false: end there. */
  continueAfter?: boolean;
}

export interface MidstreamErrorBehaviour extends AnswerShape {
  kind: 'midstream-error';
  /** Default 3. */
  afterEvents?: number;
  /** Chat: `error.code` (OpenRouter sends numbers or strings); Responses: `response.error.code`. Default `server_error`. */
  code?: string | number;
  message?: string;
}

export type Behaviour =
  | ReplyBehaviour
  | FixtureBehaviour
  | StatusBehaviour
  | CutBehaviour
  | StallBehaviour
  | MalformedBehaviour
  | MidstreamErrorBehaviour;

export type BehaviourKind = Behaviour['kind'];

/**
 * How a stream ended: `completed` (the server ended it normally, including after a malformed line or
 * an in-stream error), `client-aborted` (the client closed the connection first), `cut` (the server
 * destroyed the socket: a `cut` behaviour, or `close()` mid-stream), `stalled` (still stalled when
 * the server closed).
 */
export type StreamOutcome = 'completed' | 'client-aborted' | 'cut' | 'stalled';

export interface RecordedRequest {
  /** 1, 2, 3… in arrival order; not reset by `reset()`. */
  id: number;
  method: string;
  /** Path without the query, e.g. `/v1/chat/completions`. */
  path: string;
  /** `?…` or empty. */
  query: string;
  /** Lower-cased names; repeated headers joined with `, `. */
  headers: Record<string, string>;
  /** Parsed JSON; the raw text when it is not JSON; undefined when empty. */
  body: unknown;
  /** `Date.now()` when the request (with its body) had arrived. */
  startedAt: number;
  /** The behaviour that answered a completion/response request. */
  behaviour?: Behaviour;
  /** Response status, set when the headers are sent. */
  status?: number;
  /** True when the response is an SSE stream; the fields below are then set as it goes and ends. */
  streamed?: boolean;
  /** Data events written so far (keep-alive and other comments not counted). */
  eventsSent?: number;
  /** `Date.now()` when the latest stall began (stall behaviour), to wait for "now silent". */
  stalledAt?: number;
  outcome?: StreamOutcome;
  /** `Date.now()` when the response ended (any response, streamed or not). */
  endedAt?: number;
}

export type RequestPredicate = (request: RecordedRequest) => boolean;

export interface MockProviderOptions {
  /** 0 or undefined: a random free port. Always bound to 127.0.0.1. */
  port?: number;
  /** When set, every /v1 request must carry `Authorization: Bearer <apiKey>`, else 401. */
  apiKey?: string;
  /** Default `openai`. */
  flavor?: MockFlavor;
  /** Ids listed by GET /v1/models. Default: three mock ids of the flavor. */
  models?: string[];
  /** A standing behaviour whenever this model id is requested (after the one-shot queue). */
  modelBehaviours?: Record<string, Behaviour>;
  /** Emulate Ollama: 403 for /v1 requests whose Origin is `chrome-extension://…`. */
  rejectUnknownOrigins?: boolean;
}

export interface MockProvider {
  /** `http://127.0.0.1:<port>/v1` */
  baseURL: string;
  port: number;
  /** One-shot behaviours, consumed FIFO by the next completion/response request. Throws when invalid. */
  enqueue(behaviour: Behaviour): void;
  /** Every request except the `/__mock/` control channel, in arrival order (a live array). */
  readonly requests: RecordedRequest[];
  /** Resolves with the first request (already logged or yet to come) matching `predicate`. */
  waitForRequest(predicate?: RequestPredicate, timeoutMs?: number): Promise<RecordedRequest>;
  /** Resolves with the first stream (already ended or yet to end) matching `predicate` once it ended. */
  waitForOutcome(predicate?: RequestPredicate, timeoutMs?: number): Promise<RecordedRequest>;
  /** Clears the queue and the log; streams already open keep going. */
  reset(): void;
  /** Ends open streams (outcome `cut`, or `stalled` if stalled) and stops listening. */
  close(): Promise<void>;
}
