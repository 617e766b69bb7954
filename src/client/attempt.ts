import { classifyError, makeErrorInfo, type ClassifyContext } from './errors';
import { IdleWatchdog } from './idle-watchdog';
import type { ClientErrorInfo, Clock, IdleTimeouts } from './types';

/**
 * One HTTP attempt's plumbing: an abort controller linked to the caller's signal, the idle
 * watchdog (armed before the request, so waiting for headers counts; the event reader then
 * reports every chunk of the body to it), and the fetch the `openai` client uses for this
 * attempt, which keeps error bodies whole.
 */
export class Attempt {
  readonly controller = new AbortController();
  /** Set when the watchdog fired: the abort that follows is an idle timeout, not the caller's. */
  idleMs: number | null = null;
  /** The raw body of a non-2xx response (the SDK keeps only its `error` field). */
  errorBody: string | undefined;
  readonly watchdog: IdleWatchdog;
  private readonly onCallerAbort = () => this.controller.abort(this.callerSignal?.reason);

  constructor(
    private readonly baseFetch: typeof fetch,
    clock: Clock,
    limits: IdleTimeouts,
    private readonly callerSignal: AbortSignal | undefined,
  ) {
    this.watchdog = new IdleWatchdog(clock, limits, (silentMs) => {
      this.idleMs = silentMs;
      this.controller.abort(new DOMException('No data from the provider in time.', 'TimeoutError'));
    });
    if (callerSignal?.aborted) this.controller.abort(callerSignal.reason);
    else callerSignal?.addEventListener('abort', this.onCallerAbort, { once: true });
    this.watchdog.start();
  }

  get callerAborted(): boolean {
    return this.callerSignal?.aborted ?? false;
  }

  readonly fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const response = await this.baseFetch(input, init);
    this.watchdog.touch();
    const init2 = {
      status: response.status,
      statusText: response.statusText,
      headers: response.headers,
    };
    if (!response.ok) {
      this.errorBody = await response.text().catch(() => undefined);
      return new Response(this.errorBody ?? null, init2);
    }
    return response;
  };

  dispose(): void {
    this.watchdog.stop();
    this.callerSignal?.removeEventListener('abort', this.onCallerAbort);
    // Closes the connection if the body was not read to its end (the consumer stopped early).
    if (!this.controller.signal.aborted) this.controller.abort();
  }
}

/**
 * The classified failure of an attempt, telling our own aborts (caller, idle watchdog) from the
 * provider's. `duringResponse`: the body was being read, so a failure is a lost connection.
 */
export function failureOf(
  err: unknown,
  attempt: Attempt,
  context: ClassifyContext,
  duringResponse: boolean,
): ClientErrorInfo {
  if (attempt.callerAborted) return makeErrorInfo('aborted');
  if (attempt.idleMs !== null) return makeErrorInfo('idle_timeout', { idleMs: attempt.idleMs });
  if (duringResponse) {
    return makeErrorInfo('network', { baseURL: context.baseURL, duringResponse: true });
  }
  return classifyError(err, context);
}
