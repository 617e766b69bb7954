// One interface over the two wire APIs, so behaviours are written once for both endpoints.
import type { Answer } from './answer';
import {
  chatCompletionBody,
  chatErrorBlock,
  chatStreamEvents,
  type ChatContext,
} from './chat-wire';
import {
  responseBody,
  responseFailedBlock,
  responsesStreamEvents,
  type ResponsesContext,
} from './responses-wire';
import type { WireEvent } from './stream-steps';

export interface Wire {
  /** A complete successful stream. */
  streamEvents(answer: Answer): Iterable<WireEvent>;
  /** The non-streamed body. */
  body(answer: Answer): object;
  /** An in-stream error event, to follow `eventsBefore` data events. */
  errorBlock(code: string | number, message: string, eventsBefore: number): string;
}

export function chatWire(ctx: ChatContext): Wire {
  return {
    streamEvents: (answer) => chatStreamEvents(ctx, answer),
    body: (answer) => chatCompletionBody(ctx, answer),
    errorBlock: (code, message) => chatErrorBlock(ctx, code, message),
  };
}

export function responsesWire(ctx: ResponsesContext): Wire {
  return {
    streamEvents: (answer) => responsesStreamEvents(ctx, answer),
    body: (answer) => responseBody(ctx, answer),
    // Sequence numbers start at 0, one per data event, so the next one is `eventsBefore`.
    errorBlock: (code, message, eventsBefore) =>
      responseFailedBlock(ctx, code, message, eventsBefore),
  };
}
