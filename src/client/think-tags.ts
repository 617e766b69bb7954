// Some servers (DeepSeek-R1 or Qwen3 behind Ollama or vLLM) stream the model's reasoning inside
// the content, wrapped in `<think>…</think>`. Only a think block at the very start of the content
// counts: a `<think>` later in an answer is text the model meant to write. Tags may arrive split
// across deltas, so partial tags are held back until they can be decided.

const OPEN = '<think>';
const CLOSE = '</think>';

export interface ContentParts {
  reasoning: string;
  text: string;
}

type State = 'start' | 'thinking' | 'after-think' | 'text';

export class ThinkTagSplitter {
  private state: State = 'start';
  private held = '';

  /** True once the content is known to be plain text: callers can skip `push` entirely. */
  get isPlainText(): boolean {
    return this.state === 'text';
  }

  /** Splits one content delta into reasoning and text. */
  push(delta: string): ContentParts {
    const parts: ContentParts = { reasoning: '', text: '' };
    this.consume(delta, parts);
    return parts;
  }

  /** The content ended: whatever was held back is released as what it most likely was. */
  flush(): ContentParts {
    const held = this.held;
    this.held = '';
    if (this.state === 'thinking') return { reasoning: held, text: '' };
    return { reasoning: '', text: this.state === 'start' ? held : '' };
  }

  private consume(delta: string, parts: ContentParts): void {
    switch (this.state) {
      case 'text':
        parts.text += delta;
        return;
      case 'start': {
        const candidate = this.held + delta;
        const trimmed = candidate.trimStart();
        if (trimmed.length < OPEN.length && OPEN.startsWith(trimmed)) {
          this.held = candidate; // still possibly `<think>`
          return;
        }
        this.held = '';
        if (trimmed.startsWith(OPEN)) {
          this.state = 'thinking';
          this.consume(trimmed.slice(OPEN.length), parts);
        } else {
          this.state = 'text';
          parts.text += candidate;
        }
        return;
      }
      case 'thinking': {
        const candidate = this.held + delta;
        const close = candidate.indexOf(CLOSE);
        if (close !== -1) {
          this.held = '';
          parts.reasoning += candidate.slice(0, close);
          this.state = 'after-think';
          this.consume(candidate.slice(close + CLOSE.length), parts);
          return;
        }
        const keep = partialTagSuffix(candidate, CLOSE);
        this.held = candidate.slice(candidate.length - keep);
        parts.reasoning += candidate.slice(0, candidate.length - keep);
        return;
      }
      case 'after-think': {
        // The answer usually starts after a blank line or two; those are not part of it.
        const text = delta.trimStart();
        if (!text) return;
        this.state = 'text';
        parts.text += text;
        return;
      }
    }
  }
}

/** Length of the longest suffix of `text` that is a proper prefix of `tag`. */
function partialTagSuffix(text: string, tag: string): number {
  for (let n = Math.min(tag.length - 1, text.length); n > 0; n--) {
    if (text.endsWith(tag.slice(0, n))) return n;
  }
  return 0;
}
