import type { ProviderCheck } from '@/shared/protocol';
import { describeCheck } from './describe-check';

interface CheckResultProps {
  check: ProviderCheck;
  hasKey: boolean;
  /** Leading words, e.g. "Saved “OpenAI”." */
  lead?: string;
}

/** The outcome of checking a provider; failures are alerts, success and "not checked" a status. */
export function CheckResult({ check, hasKey, lead }: CheckResultProps) {
  const { tone, title, detail } = describeCheck(check, hasKey);
  return (
    <div className={`banner ${tone} check-result`} role={tone === 'error' ? 'alert' : 'status'}>
      <div>
        <p>
          {lead && <strong>{lead} </strong>}
          {title}
        </p>
        {detail && <p className="check-detail">{detail}</p>}
      </div>
    </div>
  );
}
