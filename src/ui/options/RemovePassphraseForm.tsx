import { useId, useState, type FormEvent } from 'react';
import { ProblemText } from './ProblemText';
import { useOptions } from './use-options';
import { useRequest } from './use-request';

/** Passphrase mode → device mode. */
export function RemovePassphraseForm({ onDone }: { onDone(): void }) {
  const removePassphrase = useOptions((s) => s.removePassphrase);
  const request = useRequest();
  const [current, setCurrent] = useState('');
  const currentId = useId();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!current || request.busy) return;
    const outcome = await request.run(() => removePassphrase(current));
    if (outcome.ok) onDone();
  };

  return (
    <form className="vault-form" aria-label="Remove passphrase" onSubmit={submit}>
      <p className="muted">
        Your keys go back to device protection: still encrypted, and usable without typing a
        passphrase.
      </p>
      <div className="field">
        <label htmlFor={currentId}>Current passphrase</label>
        <input
          id={currentId}
          type="password"
          autoComplete="current-password"
          value={current}
          onChange={(e) => setCurrent(e.target.value)}
        />
      </div>
      <div className="form-actions">
        <button type="submit" className="danger" disabled={!current || request.busy}>
          Remove passphrase
        </button>
        <button type="button" onClick={onDone}>
          Cancel
        </button>
      </div>
      {request.problem && <ProblemText problem={request.problem} />}
    </form>
  );
}
