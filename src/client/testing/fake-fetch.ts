// A scripted `fetch` for tests: each call takes the next reply, and every request is recorded.

export interface RecordedRequest {
  url: string;
  method: string;
  headers: Headers;
  /** The JSON body, parsed. */
  body: unknown;
}

/** A response body the test feeds by hand, to stall, trickle, fail or close it at will. */
export class ManualBody {
  readonly stream: ReadableStream<Uint8Array>;
  cancelled = false;
  private controller!: ReadableStreamDefaultController<Uint8Array>;
  private readonly encoder = new TextEncoder();

  constructor() {
    this.stream = new ReadableStream<Uint8Array>({
      start: (controller) => {
        this.controller = controller;
      },
      cancel: () => {
        this.cancelled = true;
      },
    });
  }

  push(text: string): void {
    this.controller.enqueue(this.encoder.encode(text));
  }

  close(): void {
    this.controller.close();
  }

  fail(error: unknown): void {
    this.controller.error(error);
  }
}

export type ScriptedReply =
  | {
      status?: number;
      headers?: Record<string, string>;
      /** Text served whole, or a body fed by hand (which ignores the request's abort signal). */
      body?: string | ManualBody;
    }
  | { throws: unknown }
  /** Headers never come; rejects on abort like a real fetch unless `ignoreSignal`. */
  | { hang: true; ignoreSignal?: boolean };

export class ScriptedFetch {
  readonly requests: RecordedRequest[] = [];
  private next = 0;

  constructor(private readonly replies: ScriptedReply[]) {}

  readonly fetch: typeof fetch = async (input, init) => {
    const url = input instanceof Request ? input.url : String(input);
    const text = typeof init?.body === 'string' ? init.body : undefined;
    this.requests.push({
      url,
      method: init?.method ?? 'GET',
      headers: new Headers(init?.headers),
      body: text ? JSON.parse(text) : undefined,
    });
    const reply = this.replies[this.next++];
    if (!reply) throw new Error(`ScriptedFetch: no reply scripted for request ${this.next}`);
    if ('throws' in reply) throw reply.throws;
    if ('hang' in reply) {
      return new Promise<Response>((_resolve, reject) => {
        if (!reply.ignoreSignal) {
          init?.signal?.addEventListener('abort', () => reject(init.signal?.reason), {
            once: true,
          });
        }
      });
    }
    const body = reply.body instanceof ManualBody ? reply.body.stream : (reply.body ?? '');
    return new Response(body, {
      status: reply.status ?? 200,
      headers: { 'content-type': 'text/event-stream', ...reply.headers },
    });
  };

  get calls(): number {
    return this.requests.length;
  }
}
