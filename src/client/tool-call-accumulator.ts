import { isObject, stringAt } from './json';
import type { ToolCall } from './types';

// Chat Completions streams a tool call in pieces keyed by `index`: the id and name once, the
// arguments as string fragments. Servers differ: some start at index 1, some send a whole call
// in one delta, some omit `index` (then the id, or else the position, tells calls apart).

export class ToolCallAccumulator {
  private readonly byIndex = new Map<number, ToolCall>();

  get size(): number {
    return this.byIndex.size;
  }

  add(deltas: readonly unknown[]): void {
    for (let position = 0; position < deltas.length; position++) {
      const delta = deltas[position];
      if (!isObject(delta)) continue;
      const index = this.indexFor(delta, position);
      let call = this.byIndex.get(index);
      if (!call) {
        call = { id: '', name: '', arguments: '' };
        this.byIndex.set(index, call);
      }
      const id = stringAt(delta, 'id');
      if (id && !call.id) call.id = id;
      const fn = delta.function;
      const name = stringAt(fn, 'name');
      if (name && !call.name) call.name = name;
      const args = stringAt(fn, 'arguments');
      if (args) call.arguments += args;
    }
  }

  /** The calls in the order they first appeared. */
  calls(): ToolCall[] {
    return [...this.byIndex.entries()].map(([index, call]) => ({
      ...call,
      id: call.id || `call_${index}`,
    }));
  }

  private indexFor(delta: Record<string, unknown>, position: number): number {
    if (typeof delta.index === 'number') return delta.index;
    const id = stringAt(delta, 'id');
    if (id) {
      for (const [index, call] of this.byIndex) if (call.id === id) return index;
      return this.byIndex.size === 0 ? position : Math.max(...this.byIndex.keys()) + 1;
    }
    // No index, no id: a continuation of the latest call.
    return this.byIndex.size === 0 ? position : Math.max(...this.byIndex.keys());
  }
}
