// Chat Completions wire shapes: stream chunks, the non-streamed completion, the in-stream error chunk.
import type { Answer, ResolvedUsage } from './answer';
import { dataBlock, type WireEvent } from './stream-steps';
import type { MockFlavor } from './types';

export interface ChatContext {
  id: string;
  model: string;
  /** Unix seconds. */
  created: number;
  flavor: MockFlavor;
  /** `stream_options.include_usage`: every chunk carries `usage: null`, then a usage-only chunk. */
  includeUsage: boolean;
}

export const DONE_BLOCK = 'data: [DONE]\n\n';

export function chatUsage(usage: ResolvedUsage): Record<string, unknown> {
  return {
    prompt_tokens: usage.inputTokens,
    completion_tokens: usage.outputTokens,
    total_tokens: usage.totalTokens,
    prompt_tokens_details: { cached_tokens: usage.cachedInputTokens, audio_tokens: 0 },
    completion_tokens_details: { reasoning_tokens: usage.reasoningTokens, audio_tokens: 0 },
    ...(usage.cost === undefined ? {} : { cost: usage.cost }),
  };
}

function chunkHeader(ctx: ChatContext) {
  return {
    id: ctx.id,
    object: 'chat.completion.chunk',
    created: ctx.created,
    model: ctx.model,
    ...(ctx.flavor === 'openrouter' ? { provider: 'Mock' } : {}),
  };
}

function deltaChunk(ctx: ChatContext, delta: object, finishReason: string | null): WireEvent {
  const payload = {
    ...chunkHeader(ctx),
    choices: [{ index: 0, delta, logprobs: null, finish_reason: finishReason }],
    ...(ctx.includeUsage ? { usage: null } : {}),
  };
  return { block: dataBlock(payload), content: false };
}

export function* chatStreamEvents(ctx: ChatContext, answer: Answer): Generator<WireEvent> {
  yield deltaChunk(ctx, { role: 'assistant', content: '', refusal: null }, null);
  for (const piece of answer.reasoningChunks) {
    yield { ...deltaChunk(ctx, { reasoning_content: piece }, null), content: true };
  }
  for (const piece of answer.textChunks) {
    yield { ...deltaChunk(ctx, { content: piece }, null), content: true };
  }
  yield deltaChunk(ctx, {}, 'stop');
  if (ctx.includeUsage) {
    const payload = { ...chunkHeader(ctx), choices: [], usage: chatUsage(answer.usage) };
    yield { block: dataBlock(payload), content: false };
  }
  yield { block: DONE_BLOCK, content: false };
}

/** OpenRouter's in-stream error: a top-level `error` plus a choice finished with `error`. */
export function chatErrorBlock(ctx: ChatContext, code: string | number, message: string): string {
  return dataBlock({
    ...chunkHeader(ctx),
    error: { code, message },
    choices: [{ index: 0, delta: { content: '' }, finish_reason: 'error' }],
  });
}

/** The body of a non-streamed completion. */
export function chatCompletionBody(ctx: ChatContext, answer: Answer): object {
  return {
    id: ctx.id,
    object: 'chat.completion',
    created: ctx.created,
    model: ctx.model,
    choices: [
      {
        index: 0,
        message: {
          role: 'assistant',
          content: answer.text,
          refusal: null,
          ...(answer.reasoning ? { reasoning_content: answer.reasoning } : {}),
        },
        logprobs: null,
        finish_reason: 'stop',
      },
    ],
    usage: chatUsage(answer.usage),
  };
}
