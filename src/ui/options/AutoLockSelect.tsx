import { useId } from 'react';
import { AUTO_LOCK_CHOICES, autoLockLabel } from './auto-lock-choices';
import { ProblemText } from './ProblemText';
import { useOptions } from './use-options';
import { useRequest } from './use-request';

export function AutoLockSelect({ autoLockMs }: { autoLockMs: number }) {
  const setAutoLock = useOptions((s) => s.setAutoLock);
  const request = useRequest();
  const selectId = useId();
  const known = AUTO_LOCK_CHOICES.some((choice) => choice.ms === autoLockMs);
  return (
    <div className="field">
      <label htmlFor={selectId}>Lock automatically after</label>
      <select
        id={selectId}
        value={autoLockMs}
        disabled={request.busy}
        onChange={(e) => void request.run(() => setAutoLock(Number(e.target.value)))}
      >
        {!known && <option value={autoLockMs}>{autoLockLabel(autoLockMs)}</option>}
        {AUTO_LOCK_CHOICES.map((choice) => (
          <option key={choice.ms} value={choice.ms}>
            {choice.ms === 0 ? 'Never (until the browser restarts)' : `${choice.label} without use`}
          </option>
        ))}
      </select>
      <ProblemText problem={request.problem} />
    </div>
  );
}
