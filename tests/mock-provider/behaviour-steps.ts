// Turns a streaming behaviour into its script of steps: the answer in the endpoint's wire shape,
// paced, with the behaviour's fault inserted.
import type { Answer } from './answer';
import { loadFixture } from './fixtures';
import {
  commentBlock,
  paceEvents,
  spacedChunks,
  withFault,
  type Fault,
  type StreamStep,
} from './stream-steps';
import type { Behaviour, FixtureBehaviour, MockFlavor, StatusBehaviour } from './types';
import type { Wire } from './wire';

/** The behaviours that stream a generated answer. */
export type AnswerBehaviour = Exclude<Behaviour, FixtureBehaviour | StatusBehaviour>;

export const DEFAULT_CHUNK_DELAY_MS = 20;
export const DEFAULT_AFTER_EVENTS = { cut: 3, stall: 2, malformed: 2, 'midstream-error': 3 };
export const DEFAULT_MALFORMED_RAW =
  '{"id":"mock-malformed","choices":[{"delta":{"content":"unterminated';
export const DEFAULT_MIDSTREAM_ERROR = {
  code: 'server_error',
  message: 'Mock provider: simulated error in the middle of the stream.',
};

/** OpenRouter opens streams with this comment and repeats it while a request waits upstream. */
export const OPENROUTER_PROCESSING = 'OPENROUTER PROCESSING';

function faultOf(behaviour: AnswerBehaviour, wire: Wire, flavor: MockFlavor): Fault | undefined {
  switch (behaviour.kind) {
    case 'reply':
      return undefined;
    case 'cut':
      return {
        afterEvents: behaviour.afterEvents ?? DEFAULT_AFTER_EVENTS.cut,
        steps: () => [{ type: 'cut' }],
        continueAfter: false,
      };
    case 'stall': {
      const stall: StreamStep = {
        type: 'stall',
        ms: behaviour.stallMs ?? Infinity,
        keepAliveEveryMs: behaviour.keepAliveEveryMs,
        keepAliveComment:
          behaviour.keepAliveComment ??
          (flavor === 'openrouter' ? OPENROUTER_PROCESSING : 'keep-alive'),
      };
      return {
        afterEvents: behaviour.afterEvents ?? DEFAULT_AFTER_EVENTS.stall,
        steps: () => [stall],
        continueAfter: true,
      };
    }
    case 'malformed':
      return {
        afterEvents: behaviour.afterEvents ?? DEFAULT_AFTER_EVENTS.malformed,
        steps: () => [
          { type: 'write', chunk: `data: ${behaviour.raw ?? DEFAULT_MALFORMED_RAW}\n\n` },
        ],
        continueAfter: behaviour.continueAfter ?? false,
      };
    case 'midstream-error': {
      const code = behaviour.code ?? DEFAULT_MIDSTREAM_ERROR.code;
      const message = behaviour.message ?? DEFAULT_MIDSTREAM_ERROR.message;
      return {
        afterEvents: behaviour.afterEvents ?? DEFAULT_AFTER_EVENTS['midstream-error'],
        steps: (eventsBefore) => [
          { type: 'write', chunk: wire.errorBlock(code, message, eventsBefore) },
        ],
        continueAfter: false,
      };
    }
  }
}

export function* answerStreamSteps(
  behaviour: AnswerBehaviour,
  answer: Answer,
  wire: Wire,
  flavor: MockFlavor,
): Generator<StreamStep> {
  if (flavor === 'openrouter') yield { type: 'write', chunk: commentBlock(OPENROUTER_PROCESSING) };
  const paced = paceEvents(wire.streamEvents(answer), {
    firstChunkDelayMs: behaviour.firstChunkDelayMs ?? 0,
    chunkDelayMs: behaviour.chunkDelayMs ?? DEFAULT_CHUNK_DELAY_MS,
  });
  const fault = faultOf(behaviour, wire, flavor);
  yield* fault ? withFault(paced, fault) : paced;
}

export function fixtureStreamSteps(behaviour: FixtureBehaviour): Generator<StreamStep> {
  return spacedChunks(loadFixture(behaviour.name).events, behaviour.chunkDelayMs ?? 0);
}
