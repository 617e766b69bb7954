import { useId, useState, type FormEvent } from 'react';
import { ProblemText } from './ProblemText';
import { useOptions } from './use-options';
import { useRequest } from './use-request';

/** Unlocks a passphrase vault; shown in "Key security" and wherever a request hit the lock. */
export function UnlockForm() {
  const unlock = useOptions((s) => s.unlock);
  const request = useRequest();
  const [passphrase, setPassphrase] = useState('');
  const inputId = useId();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!passphrase || request.busy) return;
    const outcome = await request.run(() => unlock(passphrase));
    if (outcome.ok) setPassphrase('');
  };

  return (
    <form className="unlock-form" aria-label="Unlock your API keys" onSubmit={submit}>
      <div className="field">
        <label htmlFor={inputId}>Passphrase</label>
        <div className="inline-controls">
          <input
            id={inputId}
            type="password"
            autoComplete="current-password"
            value={passphrase}
            onChange={(e) => setPassphrase(e.target.value)}
            aria-invalid={request.problem ? true : undefined}
          />
          <button type="submit" className="primary" disabled={!passphrase || request.busy}>
            {request.busy ? 'Unlocking…' : 'Unlock'}
          </button>
        </div>
      </div>
      {request.problem && <ProblemText problem={request.problem} />}
    </form>
  );
}
