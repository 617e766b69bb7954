// Responses API stream → normalized events. Every event type that carries meaning is handled;
// the rest (`response.created`, `*.added`, `*.done` for parts, annotations, web-search progress,
// argument deltas, whose final form arrives in `response.output_item.done`) is ignored.

import { readProviderError } from './error-body';
import { classifyProviderError, makeErrorInfo, type ClassifyContext } from './errors';
import { isObject, objectAt, stringAt, type JsonObject } from './json';
import type { SseMessage } from './sse-decoder';
import type { ClientErrorInfo, ClientEvent, OutputItem } from './types';
import { responsesUsageToTokenUsage } from './usage';
import type { TerminalEvent, WireMapper } from './wire-mapper';

export class ResponsesMapper implements WireMapper {
  outputStarted = false;
  /** Items whose text arrived as deltas (their `output_item.done` text is not repeated). */
  private readonly itemsWithText = new Set<string>();
  private readonly itemsWithReasoning = new Set<string>();
  /** The item of the last delta: the sets are only touched when a delta's item changes. */
  private lastTextItem: string | undefined;
  private lastReasoningItem: string | undefined;
  /** Deltas without an `item_id` (hand-written streams): then no item's text is repeated. */
  private textWithoutItem = false;
  private reasoningWithoutItem = false;
  private toolCalls = 0;

  constructor(private readonly context: ClassifyContext = {}) {}

  map(message: SseMessage, out: ClientEvent[]): TerminalEvent | undefined {
    let event: unknown;
    try {
      event = JSON.parse(message.data);
    } catch {
      return this.fail(
        makeErrorInfo('stream_error', { providerMessage: 'Malformed stream data.' }),
      );
    }
    if (!isObject(event)) return undefined;
    const type = stringAt(event, 'type') ?? message.event;
    switch (type) {
      case 'response.output_text.delta':
      case 'response.refusal.delta':
        this.text(event, out);
        return undefined;
      case 'response.reasoning_summary_text.delta':
      case 'response.reasoning_text.delta':
        this.reasoning(event, type, out);
        return undefined;
      case 'response.function_call_arguments.delta':
      case 'response.custom_tool_call_input.delta':
        this.outputStarted = true;
        return undefined;
      case 'response.output_item.done':
        this.itemDone(event.item, out);
        return undefined;
      case 'response.completed':
        this.pushUsage(event, out);
        return { type: 'finish', finishReason: this.toolCalls > 0 ? 'tool_calls' : 'stop' };
      case 'response.incomplete': {
        this.pushUsage(event, out);
        const reason =
          stringAt(objectAt(objectAt(event, 'response'), 'incomplete_details'), 'reason') ??
          'unknown';
        return this.fail(makeErrorInfo('incomplete', { reason }));
      }
      case 'response.failed': {
        this.pushUsage(event, out);
        const error = objectAt(event, 'response')?.error;
        return this.fail(this.classify(error ?? {}));
      }
      case 'error':
        return this.fail(this.classify(event));
      default:
        return undefined;
    }
  }

  end(): TerminalEvent {
    return this.fail(makeErrorInfo('stream_closed_before_completed'));
  }

  private classify(payload: unknown): ClientErrorInfo {
    const fields = readProviderError(payload, this.context.now);
    return classifyProviderError(fields, { ...this.context, inStream: true });
  }

  private fail(error: ClientErrorInfo): TerminalEvent {
    return { type: 'error', error };
  }

  private text(event: JsonObject, out: ClientEvent[]): void {
    const delta = event.delta;
    if (typeof delta !== 'string' || delta === '') return;
    this.outputStarted = true;
    const item = stringAt(event, 'item_id');
    if (!item) this.textWithoutItem = true;
    else if (item !== this.lastTextItem) {
      this.lastTextItem = item;
      this.itemsWithText.add(item);
    }
    out.push({ type: 'text-delta', delta });
  }

  private reasoning(event: JsonObject, type: string, out: ClientEvent[]): void {
    const delta = event.delta;
    if (typeof delta !== 'string' || delta === '') return;
    this.outputStarted = true;
    const item = stringAt(event, 'item_id');
    if (!item) this.reasoningWithoutItem = true;
    else if (item !== this.lastReasoningItem) {
      this.lastReasoningItem = item;
      this.itemsWithReasoning.add(item);
    }
    if (type === 'response.reasoning_text.delta') {
      out.push({ type: 'reasoning-delta', delta });
    } else {
      const index = event.summary_index;
      out.push({
        type: 'reasoning-summary-delta',
        delta,
        summaryIndex: typeof index === 'number' ? index : 0,
      });
    }
  }

  private itemDone(raw: unknown, out: ClientEvent[]): void {
    if (!isObject(raw)) return;
    const item = outputItemFrom(raw);
    if (!item) return;
    this.outputStarted = true;
    const id = stringAt(raw, 'id');
    // Streams that send no deltas (Codex fixtures, some proxies) carry the words only here.
    if (
      item.type === 'message' &&
      item.text &&
      !this.textWithoutItem &&
      !(id && this.itemsWithText.has(id))
    ) {
      out.push({ type: 'text-delta', delta: item.text });
    }
    if (
      item.type === 'reasoning' &&
      !this.reasoningWithoutItem &&
      !(id && this.itemsWithReasoning.has(id))
    ) {
      item.summary.forEach((delta, summaryIndex) => {
        if (delta) out.push({ type: 'reasoning-summary-delta', delta, summaryIndex });
      });
      if (item.text) out.push({ type: 'reasoning-delta', delta: item.text });
    }
    if (item.type === 'tool_call') this.toolCalls++;
    out.push({ type: 'output-item-done', item });
  }

  private pushUsage(event: JsonObject, out: ClientEvent[]): void {
    const usage = objectAt(objectAt(event, 'response'), 'usage');
    if (usage) out.push({ type: 'usage', usage: responsesUsageToTokenUsage(usage), cost: null });
  }
}

/** The normalized form of a finished output item, or null for kinds the chat does not show. */
function outputItemFrom(raw: JsonObject): OutputItem | null {
  const id = stringAt(raw, 'id');
  const withId = id ? { id } : {};
  switch (raw.type) {
    case 'message':
      return {
        type: 'message',
        ...withId,
        text: joinParts(raw.content, ['output_text', 'refusal']),
      };
    case 'reasoning': {
      const text = joinParts(raw.content, ['reasoning_text']);
      const summary = Array.isArray(raw.summary)
        ? raw.summary.map((part) => stringAt(part, 'text') ?? '')
        : [];
      return { type: 'reasoning', ...withId, summary, ...(text ? { text } : {}) };
    }
    case 'function_call':
      return {
        type: 'tool_call',
        call: {
          id: stringAt(raw, 'call_id') ?? id ?? '',
          name: stringAt(raw, 'name') ?? '',
          arguments: stringAt(raw, 'arguments') ?? '',
        },
      };
    case 'custom_tool_call':
      return {
        type: 'tool_call',
        call: {
          id: stringAt(raw, 'call_id') ?? id ?? '',
          name: stringAt(raw, 'name') ?? '',
          arguments: stringAt(raw, 'input') ?? '',
        },
      };
    case 'web_search_call': {
      const status = stringAt(raw, 'status');
      const query = stringAt(objectAt(raw, 'action'), 'query');
      return {
        type: 'web_search',
        ...withId,
        ...(status ? { status } : {}),
        ...(query ? { query } : {}),
      };
    }
    default:
      return null;
  }
}

/** Concatenates the text of content parts of the given types (`refusal` parts keep theirs in `refusal`). */
function joinParts(content: unknown, types: readonly string[]): string {
  if (!Array.isArray(content)) return '';
  let text = '';
  for (const part of content) {
    if (!isObject(part) || typeof part.type !== 'string' || !types.includes(part.type)) continue;
    const value = part.type === 'refusal' ? part.refusal : part.text;
    if (typeof value === 'string') text += value;
  }
  return text;
}
