import { formatCost } from '../shared/format';
import { ProblemMessage } from './ProblemMessage';
import { Section } from './Section';
import { sumUsage, usageRows, type UsageSum } from './usage-rows';
import { useOptions } from './use-options';

const numberFormat = new Intl.NumberFormat('en-US');

/** The token and turn columns, in table order, shared by the header, each row and the totals. */
const COUNT_COLUMNS = [
  { key: 'turns', title: 'Turns' },
  { key: 'input', title: 'Input' },
  { key: 'cachedInput', title: 'Cached' },
  { key: 'output', title: 'Output' },
  { key: 'reasoningOutput', title: 'Reasoning' },
] as const satisfies readonly { key: keyof UsageSum; title: string }[];

type Counts = Pick<UsageSum, (typeof COUNT_COLUMNS)[number]['key']>;

function CountCells({ counts }: { counts: Counts }) {
  return COUNT_COLUMNS.map((column) => (
    <td key={column.key} className="num">
      {numberFormat.format(counts[column.key])}
    </td>
  ));
}

export function UsageSection() {
  const usage = useOptions((s) => s.usage);
  const providers = useOptions((s) => s.settings?.providers);
  const loadUsage = useOptions((s) => s.loadUsage);
  const rows = usage.totals ? usageRows(usage.totals, providers ?? []) : [];
  const total = sumUsage(rows);

  return (
    <Section
      id="usage"
      title="Usage"
      description="Tokens used on this device, by provider and model."
      actions={
        <button
          type="button"
          onClick={() => void loadUsage()}
          disabled={usage.loading}
          aria-label="Refresh usage"
        >
          {usage.loading ? 'Refreshing…' : 'Refresh'}
        </button>
      }
    >
      {usage.problem && <ProblemMessage problem={usage.problem} />}
      {usage.totals === null ? (
        !usage.problem && (
          <p className="muted" role="status">
            Loading usage…
          </p>
        )
      ) : rows.length === 0 ? (
        <div className="empty-state">
          <p className="muted">
            No usage yet. Token counts and costs appear here after your first chat.
          </p>
        </div>
      ) : (
        <div className="table-scroll">
          <table className="usage-table">
            <caption className="visually-hidden">Token usage by provider and model</caption>
            <thead>
              <tr>
                <th scope="col">Provider</th>
                <th scope="col">Model</th>
                {COUNT_COLUMNS.map((column) => (
                  <th key={column.key} scope="col" className="num">
                    {column.title}
                  </th>
                ))}
                <th scope="col" className="num">
                  Cost
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={`${row.providerId}\n${row.model}`}>
                  <td>{row.providerName}</td>
                  <td>
                    <code>{row.model}</code>
                  </td>
                  <CountCells counts={row} />
                  <td className="num">{row.cost === null ? '—' : formatCost(row.cost)}</td>
                </tr>
              ))}
            </tbody>
            {rows.length > 1 && (
              <tfoot>
                <tr>
                  <th scope="row" colSpan={2}>
                    Total
                  </th>
                  <CountCells counts={total} />
                  <td className="num">
                    {total.cost === null
                      ? '—'
                      : `${total.costIncomplete ? 'at least ' : ''}${formatCost(total.cost)}`}
                  </td>
                </tr>
              </tfoot>
            )}
          </table>
          <p className="hint">Cost shows “—” where the provider did not report prices.</p>
        </div>
      )}
    </Section>
  );
}
