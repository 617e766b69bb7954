import { formatCost } from '../shared/format';
import { ProblemMessage } from './ProblemMessage';
import { Section } from './Section';
import { sumUsage, usageRows } from './usage-rows';
import { useOptions } from './use-options';

const numberFormat = new Intl.NumberFormat('en-US');
const count = (n: number) => numberFormat.format(n);

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
                <th scope="col" className="num">
                  Turns
                </th>
                <th scope="col" className="num">
                  Input
                </th>
                <th scope="col" className="num">
                  Cached
                </th>
                <th scope="col" className="num">
                  Output
                </th>
                <th scope="col" className="num">
                  Reasoning
                </th>
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
                  <td className="num">{count(row.turns)}</td>
                  <td className="num">{count(row.input)}</td>
                  <td className="num">{count(row.cachedInput)}</td>
                  <td className="num">{count(row.output)}</td>
                  <td className="num">{count(row.reasoningOutput)}</td>
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
                  <td className="num">{count(total.turns)}</td>
                  <td className="num">{count(total.input)}</td>
                  <td className="num">{count(total.cachedInput)}</td>
                  <td className="num">{count(total.output)}</td>
                  <td className="num">{count(total.reasoningOutput)}</td>
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
