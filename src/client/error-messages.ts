import { shownURL } from './redact';
import type { ErrorKind } from './types';

export interface ErrorMessageDetails {
  status?: number;
  /** The provider's own words, appended so the user sees the specifics. */
  providerMessage?: string;
  retryAfterMs?: number;
  /** `incomplete`: why the response stopped. */
  reason?: string;
  /**
   * `network`: the base URL that could not be reached; `not_found` with `notAModelList`: the server
   * that answered. Only its scheme, host and path are shown (see `shownURL`).
   */
  baseURL?: string;
  /** `not_found`: the server answered the model-list request, but not with a model list. */
  notAModelList?: boolean;
  /** `network`: the connection was lost while the answer was streaming, not before. */
  duringResponse?: boolean;
  /** The server is on this machine or network (Ollama, LM Studio…), where other causes are likely. */
  localServer?: boolean;
  /** `idle_timeout`: how long the silence lasted. */
  idleMs?: number;
  /** `quota_exceeded`: when the quota resets (epoch ms). */
  resetsAt?: number;
}

function seconds(ms: number): string {
  const s = ms / 1000;
  return `${s < 10 ? Math.round(s * 10) / 10 : Math.round(s)} s`;
}

function withStatus(text: string, status: number | undefined): string {
  return status ? `${text} (HTTP ${status})` : text;
}

const INCOMPLETE_ADVICE: Record<string, string> = {
  max_output_tokens:
    'It reached the output token limit; raise the limit or ask for a shorter answer.',
  content_filter: "The provider's content filter stopped it; rephrase the request.",
};

/** User-facing text for an error: what happened, then what to do. */
export function userMessageFor(kind: ErrorKind, details: ErrorMessageDetails = {}): string {
  const base = baseMessage(kind, details);
  const said = details.providerMessage?.trim();
  return said && kind !== 'aborted' ? `${base} The provider said: "${said}"` : base;
}

function baseMessage(kind: ErrorKind, d: ErrorMessageDetails): string {
  switch (kind) {
    case 'auth':
      return (
        withStatus('The provider rejected the API key.', d.status) +
        ' Check the key for this provider in Settings.'
      );
    case 'permission':
      return d.localServer
        ? withStatus('The local server refused the request.', d.status) +
            " It may reject requests from a browser extension's origin: allow chrome-extension://*" +
            ' (for Ollama, set OLLAMA_ORIGINS) and restart it.'
        : withStatus('The provider refused this request.', d.status) +
            ' Your key may lack access to this model, or the request was flagged by moderation.';
    case 'insufficient_credits':
      return (
        withStatus('Your account at this provider is out of credits.', d.status) +
        ' Add credits, then try again.'
      );
    case 'not_found':
      if (d.notAModelList) {
        return (
          `The server ${d.baseURL ? `at ${shownURL(d.baseURL)} ` : ''}answered, but not with an` +
          ' OpenAI-style model list. Check that the base URL ends in /v1 or the path of the' +
          " server's OpenAI-compatible API."
        );
      }
      return (
        withStatus('The model or endpoint was not found.', d.status) +
        ' Check the model name and the base URL.'
      );
    case 'bad_request':
      return (
        withStatus('The provider rejected the request as invalid.', d.status) +
        ' Check the model and its options (reasoning, temperature, token limit).'
      );
    case 'context_window_exceeded':
      return (
        "The conversation is too long for this model's context window." +
        ' Start a new conversation, shorten it, or pick a model with a larger context.'
      );
    case 'rate_limit':
      return (
        withStatus('The provider is rate-limiting requests.', d.status) +
        (d.retryAfterMs !== undefined
          ? ` It asked to wait ${seconds(d.retryAfterMs)} before trying again.`
          : ' Wait a moment and try again.')
      );
    case 'quota_exceeded':
      return (
        'You have used up the quota of your plan with this provider.' +
        (d.resetsAt !== undefined ? ` It resets at ${new Date(d.resetsAt).toISOString()}.` : '') +
        ' Check your plan and billing.'
      );
    case 'server_error':
      return (
        withStatus('The provider had a server error.', d.status) +
        ' This is usually temporary; try again.'
      );
    case 'network': {
      const server = d.baseURL ? shownURL(d.baseURL) : 'the provider';
      return d.duringResponse
        ? `The connection to ${server} was lost during the response. Try again.`
        : `Could not reach ${server}.` +
            ' Check your connection, the base URL, and that the server is running.';
    }
    case 'idle_timeout':
      return (
        `The provider sent nothing for ${d.idleMs !== undefined ? seconds(d.idleMs) : 'too long'}, so the response was stopped.` +
        ' Try again; if it keeps happening, the provider may be overloaded.'
      );
    case 'stream_error':
      return 'The provider reported an error in the middle of the response. Try again.';
    case 'incomplete':
      return (
        `The response stopped before it was complete (reason: ${d.reason ?? 'unknown'}).` +
        (d.reason && INCOMPLETE_ADVICE[d.reason] ? ` ${INCOMPLETE_ADVICE[d.reason]}` : '')
      );
    case 'stream_closed_before_completed':
      return 'The connection closed before the response was complete. Try again.';
    case 'aborted':
      return 'Stopped.';
  }
}
