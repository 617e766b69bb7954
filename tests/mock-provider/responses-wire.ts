// Responses API wire shapes: the streamed event sequence (with `event:` lines and sequence numbers),
// the non-streamed response object, and `response.failed`.
import type { Answer, ResolvedUsage } from './answer';
import type { WireEvent } from './stream-steps';

export interface ResponsesContext {
  responseId: string;
  messageId: string;
  reasoningId: string;
  model: string;
  /** Unix seconds. */
  createdAt: number;
}

type Status = 'in_progress' | 'completed' | 'failed';

export function responsesUsage(usage: ResolvedUsage): Record<string, unknown> {
  return {
    input_tokens: usage.inputTokens,
    input_tokens_details: { cached_tokens: usage.cachedInputTokens },
    output_tokens: usage.outputTokens,
    output_tokens_details: { reasoning_tokens: usage.reasoningTokens },
    total_tokens: usage.totalTokens,
  };
}

interface ResponseObjectParts {
  status: Status;
  output?: object[];
  usage?: ResolvedUsage;
  error?: { code: string | number; message: string };
}

function responseObject(ctx: ResponsesContext, parts: ResponseObjectParts): object {
  return {
    id: ctx.responseId,
    object: 'response',
    created_at: ctx.createdAt,
    status: parts.status,
    background: false,
    completed_at: parts.status === 'completed' ? ctx.createdAt : null,
    error: parts.error ?? null,
    incomplete_details: null,
    instructions: null,
    max_output_tokens: null,
    model: ctx.model,
    output: parts.output ?? [],
    parallel_tool_calls: true,
    previous_response_id: null,
    reasoning: { effort: null, summary: null },
    store: false,
    temperature: 1,
    text: { format: { type: 'text' } },
    tool_choice: 'auto',
    tools: [],
    top_p: 1,
    truncation: 'disabled',
    usage: parts.usage ? responsesUsage(parts.usage) : null,
    user: null,
    metadata: {},
  };
}

function outputText(text: string) {
  return { type: 'output_text', annotations: [], logprobs: [], text };
}

function reasoningItem(ctx: ResponsesContext, summary: string | undefined) {
  return {
    id: ctx.reasoningId,
    type: 'reasoning',
    summary: summary === undefined ? [] : [{ type: 'summary_text', text: summary }],
  };
}

function messageItem(ctx: ResponsesContext, text: string | undefined) {
  return {
    id: ctx.messageId,
    type: 'message',
    status: text === undefined ? 'in_progress' : 'completed',
    content: text === undefined ? [] : [outputText(text)],
    role: 'assistant',
  };
}

function outputItems(ctx: ResponsesContext, answer: Answer): object[] {
  const message = messageItem(ctx, answer.text);
  return answer.reasoning ? [reasoningItem(ctx, answer.reasoning), message] : [message];
}

/** `event: <type>\ndata: {"type":<type>,…,"sequence_number":n}\n\n` */
export function responsesEventBlock(type: string, fields: object, sequenceNumber: number): string {
  const payload = { type, ...fields, sequence_number: sequenceNumber };
  return `event: ${type}\ndata: ${JSON.stringify(payload)}\n\n`;
}

export function* responsesStreamEvents(
  ctx: ResponsesContext,
  answer: Answer,
): Generator<WireEvent> {
  let sequence = 0;
  const event = (type: string, fields: object, content = false): WireEvent => ({
    block: responsesEventBlock(type, fields, sequence++),
    content,
  });

  yield event('response.created', { response: responseObject(ctx, { status: 'in_progress' }) });
  yield event('response.in_progress', { response: responseObject(ctx, { status: 'in_progress' }) });

  let outputIndex = 0;
  if (answer.reasoning) {
    const ids = { item_id: ctx.reasoningId, output_index: outputIndex, summary_index: 0 };
    const summary = answer.reasoning;
    yield event('response.output_item.added', {
      item: reasoningItem(ctx, undefined),
      output_index: outputIndex,
    });
    yield event('response.reasoning_summary_part.added', {
      ...ids,
      part: { type: 'summary_text', text: '' },
    });
    for (const delta of answer.reasoningChunks) {
      yield event('response.reasoning_summary_text.delta', { ...ids, delta }, true);
    }
    yield event('response.reasoning_summary_text.done', { ...ids, text: summary });
    yield event('response.reasoning_summary_part.done', {
      ...ids,
      part: { type: 'summary_text', text: summary },
    });
    yield event('response.output_item.done', {
      item: reasoningItem(ctx, summary),
      output_index: outputIndex,
    });
    outputIndex++;
  }

  const ids = { item_id: ctx.messageId, output_index: outputIndex, content_index: 0 };
  yield event('response.output_item.added', {
    item: messageItem(ctx, undefined),
    output_index: outputIndex,
  });
  yield event('response.content_part.added', { ...ids, part: outputText('') });
  for (const delta of answer.textChunks) {
    yield event('response.output_text.delta', { ...ids, delta, logprobs: [] }, true);
  }
  yield event('response.output_text.done', { ...ids, text: answer.text, logprobs: [] });
  yield event('response.content_part.done', { ...ids, part: outputText(answer.text) });
  yield event('response.output_item.done', {
    item: messageItem(ctx, answer.text),
    output_index: outputIndex,
  });
  yield event('response.completed', {
    response: responseObject(ctx, {
      status: 'completed',
      output: outputItems(ctx, answer),
      usage: answer.usage,
    }),
  });
}

export function responseFailedBlock(
  ctx: ResponsesContext,
  code: string | number,
  message: string,
  sequenceNumber: number,
): string {
  const response = responseObject(ctx, { status: 'failed', error: { code, message } });
  return responsesEventBlock('response.failed', { response }, sequenceNumber);
}

/** The body of a non-streamed response. */
export function responseBody(ctx: ResponsesContext, answer: Answer): object {
  return responseObject(ctx, {
    status: 'completed',
    output: outputItems(ctx, answer),
    usage: answer.usage,
  });
}
