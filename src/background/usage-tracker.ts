// Running token and cost totals per provider and model, kept in storage.local so the options
// page can show what Parley has used. Cost is summed only from exact provider-reported costs.
import * as v from 'valibot';
import type { TokenUsage } from '@/client/types';
import type { UsageTotals } from '@/shared/protocol';
import type { StorageArea } from '@/vault/api-key-store';

const USAGE_KEY = 'usage.v1';

type Row = UsageTotals['rows'][number];

const rowSchema = v.object({
  providerId: v.string(),
  model: v.string(),
  turns: v.number(),
  input: v.number(),
  cachedInput: v.number(),
  output: v.number(),
  reasoningOutput: v.number(),
  cost: v.nullable(v.number()),
});

export class UsageTracker {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly local: StorageArea) {}

  /** Adds one finished turn. Serialized, so concurrent jobs never lose each other's counts. */
  record(
    providerId: string,
    model: string,
    usage: TokenUsage | null,
    cost: number | null,
  ): Promise<void> {
    const run = this.queue.then(async () => {
      const rows = await this.read();
      const key = `${providerId}\u0000${model}`;
      const row: Row = rows.get(key) ?? {
        providerId,
        model,
        turns: 0,
        input: 0,
        cachedInput: 0,
        output: 0,
        reasoningOutput: 0,
        cost: null,
      };
      row.turns += 1;
      if (usage) {
        row.input += usage.input;
        row.cachedInput += usage.cachedInput;
        row.output += usage.output;
        row.reasoningOutput += usage.reasoningOutput;
      }
      if (cost !== null) row.cost = (row.cost ?? 0) + cost;
      rows.set(key, row);
      await this.local.set({ [USAGE_KEY]: [...rows.values()] });
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  async totals(): Promise<UsageTotals> {
    const rows = [...(await this.read()).values()];
    rows.sort((a, b) => b.input + b.output - (a.input + a.output));
    return { rows };
  }

  private async read(): Promise<Map<string, Row>> {
    const stored = (await this.local.get(USAGE_KEY))[USAGE_KEY];
    const parsed = v.safeParse(v.array(rowSchema), stored ?? []);
    // Unreadable totals start again from zero rather than blocking chats.
    const rows = parsed.success ? parsed.output : [];
    return new Map(rows.map((row) => [`${row.providerId}\u0000${row.model}`, row]));
  }
}
