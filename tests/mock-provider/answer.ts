// Resolves a behaviour's answer fields against the request: the text, its chunks and the usage.
import { defaultReplyText, lastUserText, requestTextLength, splitIntoChunks } from './answer-text';
import type { AnswerShape } from './types';

export interface ResolvedUsage {
  inputTokens: number;
  cachedInputTokens: number;
  outputTokens: number;
  reasoningTokens: number;
  totalTokens: number;
  cost?: number;
}

export interface Answer {
  text: string;
  reasoning?: string;
  textChunks: string[];
  reasoningChunks: string[];
  usage: ResolvedUsage;
}

/** Prices a turn (openrouter flavor); absent when the flavor reports no cost. */
export type CostFunction = (inputTokens: number, outputTokens: number) => number;

export function resolveAnswer(
  shape: AnswerShape,
  requestBody: unknown,
  costOf?: CostFunction,
): Answer {
  const text = shape.text ?? defaultReplyText(lastUserText(requestBody));
  const reasoning = shape.reasoning || undefined;
  const textChunks = splitIntoChunks(text, shape.chunkChars);
  const reasoningChunks = reasoning ? splitIntoChunks(reasoning, shape.chunkChars) : [];

  // Without given counts: ~4 characters per input token, one token per streamed chunk.
  const given = shape.usage ?? {};
  const inputTokens =
    given.inputTokens ?? Math.max(1, Math.ceil(requestTextLength(requestBody) / 4));
  const reasoningTokens = given.reasoningTokens ?? reasoningChunks.length;
  const outputTokens = given.outputTokens ?? textChunks.length + reasoningTokens;
  const usage: ResolvedUsage = {
    inputTokens,
    cachedInputTokens: given.cachedInputTokens ?? 0,
    outputTokens,
    reasoningTokens,
    totalTokens: given.totalTokens ?? inputTokens + outputTokens,
  };
  const cost = given.cost ?? costOf?.(inputTokens, outputTokens);
  if (cost !== undefined) usage.cost = cost;
  return { text, reasoning, textChunks, reasoningChunks, usage };
}
