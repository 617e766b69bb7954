import type {
  ClientErrorInfo,
  ClientEvent,
  FinishReason,
  TokenUsage,
  ToolCall,
  TurnSummary,
} from './types';

/**
 * Accumulates a turn's events into its summary, for the replay tool (`replaySse`,
 * `scripts/replay.ts`), the benchmark's correctness check and the tests. Text and reasoning are
 * the deltas joined; tool calls come from finished output items, in order; usage and cost are the
 * last reported.
 */
export class TurnSummaryBuilder {
  private text = '';
  private reasoning = '';
  private sawReasoning = false;
  private usage: TokenUsage | null = null;
  private cost: number | null = null;
  private finishReason: FinishReason | null = null;
  private readonly toolCalls: ToolCall[] = [];
  private error: ClientErrorInfo | null = null;

  add(event: ClientEvent): void {
    switch (event.type) {
      case 'text-delta':
        this.text += event.delta;
        break;
      case 'reasoning-summary-delta':
      case 'reasoning-delta':
        this.sawReasoning = true;
        this.reasoning += event.delta;
        break;
      case 'output-item-done':
        if (event.item.type === 'tool_call') this.toolCalls.push(event.item.call);
        break;
      case 'usage':
        this.usage = event.usage;
        this.cost = event.cost;
        break;
      case 'finish':
        this.finishReason = event.finishReason;
        break;
      case 'error':
        this.error = event.error;
        break;
      case 'rate-limits':
      case 'retry-wait':
        break;
    }
  }

  get summary(): TurnSummary {
    return {
      text: this.text,
      reasoning: this.sawReasoning ? this.reasoning : null,
      usage: this.usage,
      cost: this.cost,
      finishReason: this.finishReason,
      toolCalls: [...this.toolCalls],
      error: this.error,
    };
  }
}
