import { useState, type FormEvent } from 'react';
import { FormActions } from './FormActions';
import { PasswordField } from './PasswordField';
import { ProblemText } from './ProblemText';
import { useOptions } from './use-options';
import { useRequest } from './use-request';

/** Passphrase mode → device mode. */
export function RemovePassphraseForm({ onDone }: { onDone(): void }) {
  const removePassphrase = useOptions((s) => s.removePassphrase);
  const request = useRequest();
  const [current, setCurrent] = useState('');

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
      <PasswordField
        label="Current passphrase"
        autoComplete="current-password"
        value={current}
        onChange={setCurrent}
      />
      <FormActions
        submitLabel="Remove passphrase"
        tone="danger"
        disabled={!current || request.busy}
        onCancel={onDone}
      />
      <ProblemText problem={request.problem} />
    </form>
  );
}
