// The usage table's rows (provider names instead of ids) and its totals line.
import type { UsageTotals } from '@/shared/protocol';
import type { ProviderView } from '@/shared/settings';

export type UsageRow = UsageTotals['rows'][number] & { providerName: string };

export interface UsageSum {
  turns: number;
  input: number;
  cachedInput: number;
  output: number;
  reasoningOutput: number;
  /** Sum of the known costs; null when no row has one. */
  cost: number | null;
  /** Some rows have no known cost, so `cost` is a lower bound. */
  costIncomplete: boolean;
}

export function usageRows(totals: UsageTotals, providers: ProviderView[]): UsageRow[] {
  const names = new Map(providers.map((p) => [p.id, p.name]));
  return totals.rows.map((row) => ({
    ...row,
    providerName: names.get(row.providerId) ?? 'Removed provider',
  }));
}

export function sumUsage(rows: UsageTotals['rows']): UsageSum {
  const sum: UsageSum = {
    turns: 0,
    input: 0,
    cachedInput: 0,
    output: 0,
    reasoningOutput: 0,
    cost: null,
    costIncomplete: false,
  };
  for (const row of rows) {
    sum.turns += row.turns;
    sum.input += row.input;
    sum.cachedInput += row.cachedInput;
    sum.output += row.output;
    sum.reasoningOutput += row.reasoningOutput;
    if (row.cost === null) sum.costIncomplete = true;
    else sum.cost = (sum.cost ?? 0) + row.cost;
  }
  return sum;
}
