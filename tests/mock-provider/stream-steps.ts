// A stream as a lazy script of steps (write, wait, stall, cut), so behaviours are pure generators and
// one runner does the I/O. Lazy: a long answer costs one pending step at a time, never a timer per chunk.

export type StreamStep =
  | { type: 'write'; chunk: string | Buffer }
  | { type: 'wait'; ms: number }
  | { type: 'stall'; ms: number; keepAliveEveryMs?: number; keepAliveComment: string }
  | { type: 'cut' };

/** One SSE event in a wire shape; `content` marks text/reasoning deltas, which are paced. */
export interface WireEvent {
  block: string;
  content: boolean;
}

/** `data: <json>\n\n` */
export function dataBlock(payload: unknown): string {
  return `data: ${JSON.stringify(payload)}\n\n`;
}

/** `: <text>\n\n`, an SSE comment (keep-alive). */
export function commentBlock(text: string): string {
  return `: ${text}\n\n`;
}

/** Whether a written chunk is an event that counts: one with a data field (comments do not count). */
export function isDataEvent(chunk: string | Buffer): boolean {
  const text = typeof chunk === 'string' ? chunk : chunk.toString('latin1');
  return /(^|\n)data:/.test(text);
}

export interface Pacing {
  /** Silence before the first event. */
  firstChunkDelayMs: number;
  /** Pause before each content event after the first one. */
  chunkDelayMs: number;
}

export function* paceEvents(events: Iterable<WireEvent>, pacing: Pacing): Generator<StreamStep> {
  let isFirstEvent = true;
  let sawContent = false;
  for (const event of events) {
    const pause = isFirstEvent
      ? pacing.firstChunkDelayMs
      : event.content && sawContent
        ? pacing.chunkDelayMs
        : 0;
    if (pause > 0) yield { type: 'wait', ms: pause };
    isFirstEvent = false;
    sawContent ||= event.content;
    yield { type: 'write', chunk: event.block };
  }
}

/** Replays raw event chunks with a fixed pause between them. */
export function* spacedChunks(chunks: Iterable<Buffer>, delayMs: number): Generator<StreamStep> {
  let isFirst = true;
  for (const chunk of chunks) {
    if (!isFirst && delayMs > 0) yield { type: 'wait', ms: delayMs };
    isFirst = false;
    yield { type: 'write', chunk };
  }
}

export interface Fault {
  afterEvents: number;
  /** Steps to insert; receives the number of data events sent before it. */
  steps(eventsBefore: number): Iterable<StreamStep>;
  /** Whether the original stream goes on after the fault. */
  continueAfter: boolean;
}

/** Inserts a fault after `afterEvents` data events, or at the end if the stream is shorter. */
export function* withFault(steps: Iterable<StreamStep>, fault: Fault): Generator<StreamStep> {
  let events = 0;
  if (fault.afterEvents <= 0) {
    yield* fault.steps(0);
    if (!fault.continueAfter) return;
    yield* steps;
    return;
  }
  for (const step of steps) {
    yield step;
    if (step.type === 'write' && isDataEvent(step.chunk)) {
      events++;
      if (events === fault.afterEvents) {
        yield* fault.steps(events);
        if (!fault.continueAfter) return;
      }
    }
  }
  if (events < fault.afterEvents) yield* fault.steps(events);
}
