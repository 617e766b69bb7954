// Chat Completions stream → normalized events. Handles text, the common reasoning shapes
// (`reasoning_content`, `reasoning`, `reasoning_details`, `<think>` in content), tool-call deltas,
// usage on any chunk (the last one wins), empty `choices` chunks, and in-stream `error` objects
// (OpenAI's, and OpenRouter's with HTTP 200 and `finish_reason: "error"`).

import { readProviderError } from './error-body';
import { classifyProviderError, makeErrorInfo, type ClassifyContext } from './errors';
import { mapChatFinishReason } from './finish-reason';
import { isObject, objectAt, type JsonObject } from './json';
import { openRouterCost } from './openrouter';
import type { SseMessage } from './sse-decoder';
import { ThinkTagSplitter } from './think-tags';
import { ToolCallAccumulator } from './tool-call-accumulator';
import type { ClientEvent } from './types';
import { chatUsageToTokenUsage } from './usage';
import type { TerminalEvent, WireMapper } from './wire-mapper';

export class ChatCompletionsMapper implements WireMapper {
  outputStarted = false;
  private finishReason: string | null = null;
  private usage: JsonObject | null = null;
  private readonly toolCalls = new ToolCallAccumulator();
  private readonly think = new ThinkTagSplitter();

  constructor(private readonly context: ClassifyContext = {}) {}

  map(message: SseMessage, out: ClientEvent[]): TerminalEvent | undefined {
    const data = message.data;
    if (data === '[DONE]') return this.complete(out);
    if (data === '') return undefined;
    let chunk: unknown;
    try {
      chunk = JSON.parse(data);
    } catch {
      return this.fail(
        out,
        makeErrorInfo('stream_error', { providerMessage: 'Malformed stream data.' }),
      );
    }
    if (!isObject(chunk)) return undefined;

    const choices = chunk.choices;
    if (Array.isArray(choices) && choices.length > 0) this.mapChoice(choices[0], out);
    const usage = objectAt(chunk, 'usage') ?? objectAt(chunk.x_groq, 'usage');
    if (usage) this.usage = usage;

    if ((chunk.error !== undefined && chunk.error !== null) || message.event === 'error') {
      const fields = readProviderError(chunk, this.context.now);
      return this.fail(out, classifyProviderError(fields, { ...this.context, inStream: true }));
    }
    return undefined;
  }

  end(out: ClientEvent[]): TerminalEvent {
    // Some servers end without `[DONE]`; a finish reason already said the answer was whole.
    if (this.finishReason !== null) return this.complete(out);
    return this.fail(out, makeErrorInfo('stream_closed_before_completed'));
  }

  private mapChoice(choice: unknown, out: ClientEvent[]): void {
    if (!isObject(choice)) return;
    const delta = choice.delta;
    if (isObject(delta)) {
      const reasoning = reasoningOf(delta);
      if (reasoning) {
        this.outputStarted = true;
        out.push({ type: 'reasoning-delta', delta: reasoning });
      }
      const content = delta.content;
      if (typeof content === 'string' && content !== '') this.mapContent(content, out);
      const refusal = delta.refusal;
      if (typeof refusal === 'string' && refusal !== '') this.mapContent(refusal, out);
      const toolCalls = delta.tool_calls;
      if (Array.isArray(toolCalls) && toolCalls.length > 0) {
        this.outputStarted = true;
        this.toolCalls.add(toolCalls);
      }
    }
    if (typeof choice.finish_reason === 'string') this.finishReason = choice.finish_reason;
  }

  private mapContent(content: string, out: ClientEvent[]): void {
    this.outputStarted = true;
    if (this.think.isPlainText) {
      out.push({ type: 'text-delta', delta: content });
      return;
    }
    this.pushParts(this.think.push(content), out);
  }

  private pushParts(parts: { reasoning: string; text: string }, out: ClientEvent[]): void {
    if (parts.reasoning) out.push({ type: 'reasoning-delta', delta: parts.reasoning });
    if (parts.text) out.push({ type: 'text-delta', delta: parts.text });
  }

  private complete(out: ClientEvent[]): TerminalEvent {
    this.pushParts(this.think.flush(), out);
    for (const call of this.toolCalls.calls()) {
      out.push({ type: 'output-item-done', item: { type: 'tool_call', call } });
    }
    this.pushUsage(out);
    if (this.finishReason === 'error') {
      return { type: 'error', error: makeErrorInfo('stream_error') };
    }
    const mapped = this.finishReason === null ? null : mapChatFinishReason(this.finishReason);
    return {
      type: 'finish',
      finishReason: mapped ?? (this.toolCalls.size > 0 ? 'tool_calls' : null),
    };
  }

  private fail(out: ClientEvent[], error: ReturnType<typeof makeErrorInfo>): TerminalEvent {
    this.pushParts(this.think.flush(), out);
    this.pushUsage(out);
    return { type: 'error', error };
  }

  private pushUsage(out: ClientEvent[]): void {
    if (!this.usage) return;
    out.push({
      type: 'usage',
      usage: chatUsageToTokenUsage(this.usage),
      cost: openRouterCost(this.usage),
    });
    this.usage = null;
  }
}

/**
 * One delta's reasoning, counted once: `reasoning_content` (DeepSeek, xAI), else `reasoning`
 * (Groq, OpenRouter), else the text of `reasoning_details` (OpenRouter sends it alongside
 * `reasoning` with the same words).
 */
function reasoningOf(delta: JsonObject): string {
  const content = delta.reasoning_content;
  if (typeof content === 'string' && content !== '') return content;
  const reasoning = delta.reasoning;
  if (typeof reasoning === 'string' && reasoning !== '') return reasoning;
  const details = delta.reasoning_details;
  if (!Array.isArray(details) || details.length === 0) return '';
  let text = '';
  for (const detail of details) {
    if (!isObject(detail)) continue;
    if (detail.type === 'reasoning.text' && typeof detail.text === 'string') text += detail.text;
    else if (detail.type === 'reasoning.summary' && typeof detail.summary === 'string') {
      text += detail.summary;
    }
  }
  return text;
}
