// Checks a behaviour (from a test or from JSON on the control channel) before it is queued, so a
// typo fails at enqueue time with a clear message instead of as a puzzling stream later.
import { fixturePath } from './fixtures';
import type { Behaviour, BehaviourKind } from './types';

type FieldType = 'duration' | 'count' | 'string' | 'boolean' | 'code' | 'headers' | 'usage' | 'any';

const ANSWER_FIELDS = {
  text: 'string',
  reasoning: 'string',
  chunkDelayMs: 'duration',
  firstChunkDelayMs: 'duration',
  chunkChars: 'count',
  usage: 'usage',
  headers: 'headers',
} as const satisfies Record<string, FieldType>;

const FIELDS: Record<BehaviourKind, Record<string, FieldType>> = {
  reply: ANSWER_FIELDS,
  fixture: { name: 'string', chunkDelayMs: 'duration', headers: 'headers' },
  status: { status: 'count', body: 'any', headers: 'headers' },
  cut: { ...ANSWER_FIELDS, afterEvents: 'count' },
  stall: {
    ...ANSWER_FIELDS,
    afterEvents: 'count',
    stallMs: 'duration',
    keepAliveEveryMs: 'duration',
    keepAliveComment: 'string',
  },
  malformed: { ...ANSWER_FIELDS, afterEvents: 'count', raw: 'string', continueAfter: 'boolean' },
  'midstream-error': { ...ANSWER_FIELDS, afterEvents: 'count', code: 'code', message: 'string' },
};

const USAGE_FIELDS = [
  'inputTokens',
  'cachedInputTokens',
  'outputTokens',
  'reasoningTokens',
  'totalTokens',
  'cost',
];

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const isNonNegativeNumber = (v: unknown) => typeof v === 'number' && Number.isFinite(v) && v >= 0;

function fieldProblem(type: FieldType, value: unknown): string | undefined {
  switch (type) {
    case 'duration':
      return isNonNegativeNumber(value) ? undefined : 'must be a number of milliseconds >= 0';
    case 'count':
      return Number.isInteger(value) && (value as number) >= 0
        ? undefined
        : 'must be an integer >= 0';
    case 'string':
      return typeof value === 'string' ? undefined : 'must be a string';
    case 'boolean':
      return typeof value === 'boolean' ? undefined : 'must be a boolean';
    case 'code':
      return typeof value === 'string' || typeof value === 'number'
        ? undefined
        : 'must be a string or a number';
    case 'headers':
      return isRecord(value) && Object.values(value).every((v) => typeof v === 'string')
        ? undefined
        : 'must be an object of string values';
    case 'usage':
      if (!isRecord(value)) return 'must be an object';
      for (const [key, count] of Object.entries(value)) {
        if (!USAGE_FIELDS.includes(key)) return `has an unknown field "${key}"`;
        if (!isNonNegativeNumber(count)) return `.${key} must be a number >= 0`;
      }
      return undefined;
    case 'any':
      return undefined;
  }
}

/** Returns the value as a Behaviour, or throws an Error saying what is wrong with it. */
export function parseBehaviour(value: unknown): Behaviour {
  if (!isRecord(value)) throw new Error('Mock provider: a behaviour must be an object');
  const kind = value.kind;
  if (typeof kind !== 'string' || !Object.hasOwn(FIELDS, kind)) {
    const kinds = Object.keys(FIELDS).join(', ');
    throw new Error(
      `Mock provider: unknown behaviour kind ${JSON.stringify(kind)} (one of ${kinds})`,
    );
  }
  const fields = FIELDS[kind as BehaviourKind];
  for (const [key, field] of Object.entries(value)) {
    if (key === 'kind' || field === undefined) continue;
    const type = fields[key];
    if (!type) throw new Error(`Mock provider: "${kind}" has no field "${key}"`);
    const problem = fieldProblem(type, field);
    if (problem) throw new Error(`Mock provider: "${kind}".${key} ${problem}`);
  }
  if (kind === 'fixture') {
    if (typeof value.name !== 'string') throw new Error('Mock provider: "fixture" needs a name');
    if (!fixturePath(value.name)) {
      throw new Error(`Mock provider: no fixture named ${JSON.stringify(value.name)}`);
    }
  }
  if (kind === 'status') {
    const status = value.status;
    if (typeof status !== 'number' || status < 200 || status > 599) {
      throw new Error('Mock provider: "status".status must be an HTTP status 200–599');
    }
  }
  return value as unknown as Behaviour;
}
