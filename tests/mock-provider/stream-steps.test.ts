// @vitest-environment node
import { describe, expect, it } from 'vitest';
import {
  commentBlock,
  dataBlock,
  isDataEvent,
  paceEvents,
  spacedChunks,
  withFault,
  type StreamStep,
  type WireEvent,
} from './stream-steps';

const event = (n: number, content = true): WireEvent => ({ block: dataBlock({ n }), content });
const writes = (...ns: number[]): StreamStep[] =>
  ns.map((n) => ({ type: 'write', chunk: dataBlock({ n }) }));

/** Steps as short strings: `w<n>` for a data write, `c` for a comment, `wait<ms>`, `stall`, `cut`. */
function describeSteps(steps: Iterable<StreamStep>): string[] {
  return Array.from(steps, (step) => {
    if (step.type === 'write') {
      const text = step.chunk.toString();
      return text.startsWith('data:') ? `w${JSON.parse(text.slice(6)).n}` : 'c';
    }
    if (step.type === 'wait') return `wait${step.ms}`;
    return step.type;
  });
}

describe('isDataEvent', () => {
  it('counts blocks with a data field, not comments', () => {
    expect(isDataEvent(dataBlock({}))).toBe(true);
    expect(isDataEvent('event: x\ndata: {}\n\n')).toBe(true);
    expect(isDataEvent(Buffer.from('data: [DONE]\n\n'))).toBe(true);
    expect(isDataEvent(commentBlock('keep-alive'))).toBe(false);
  });
});

describe('paceEvents', () => {
  it('waits before the first event, then only between content events', () => {
    const events = [event(1, false), event(2), event(3), event(4, false), event(5)];
    const steps = paceEvents(events, { firstChunkDelayMs: 100, chunkDelayMs: 10 });
    expect(describeSteps(steps)).toEqual([
      'wait100',
      'w1',
      'w2',
      'wait10',
      'w3',
      'w4',
      'wait10',
      'w5',
    ]);
  });

  it('adds no zero waits', () => {
    const steps = paceEvents([event(1), event(2)], { firstChunkDelayMs: 0, chunkDelayMs: 0 });
    expect(describeSteps(steps)).toEqual(['w1', 'w2']);
  });

  it('is lazy: a long answer is produced one event at a time', () => {
    let produced = 0;
    function* endless(): Generator<WireEvent> {
      for (;;) {
        produced++;
        yield event(produced);
      }
    }
    const steps = paceEvents(endless(), { firstChunkDelayMs: 0, chunkDelayMs: 1000 });
    steps.next();
    steps.next();
    expect(produced).toBe(2);
  });
});

describe('spacedChunks', () => {
  it('puts the delay between chunks only', () => {
    const chunks = [Buffer.from(dataBlock({ n: 1 })), Buffer.from(dataBlock({ n: 2 }))];
    expect(describeSteps(spacedChunks(chunks, 5))).toEqual(['w1', 'wait5', 'w2']);
  });
});

describe('withFault', () => {
  const cut = (afterEvents: number, continueAfter = false) => ({
    afterEvents,
    steps: (): StreamStep[] => [{ type: 'cut' }],
    continueAfter,
  });

  it('inserts the fault after the given number of data events, not counting comments', () => {
    const steps: StreamStep[] = [{ type: 'write', chunk: commentBlock('x') }, ...writes(1, 2, 3)];
    expect(describeSteps(withFault(steps, cut(2)))).toEqual(['c', 'w1', 'w2', 'cut']);
  });

  it('goes on after the fault when asked', () => {
    expect(describeSteps(withFault(writes(1, 2, 3), cut(1, true)))).toEqual([
      'w1',
      'cut',
      'w2',
      'w3',
    ]);
  });

  it('acts before anything at 0 and at the end when the stream is shorter', () => {
    expect(describeSteps(withFault(writes(1), cut(0)))).toEqual(['cut']);
    expect(describeSteps(withFault(writes(1, 2), cut(5)))).toEqual(['w1', 'w2', 'cut']);
  });

  it('tells the fault how many events came before it', () => {
    const seen: number[] = [];
    const fault = {
      afterEvents: 2,
      steps: (before: number) => {
        seen.push(before);
        return [];
      },
      continueAfter: false,
    };
    Array.from(withFault(writes(1, 2, 3), fault));
    expect(seen).toEqual([2]);
  });
});
