import { type FormEvent } from 'react';
import { FormActions } from './FormActions';
import { ProblemText } from './ProblemText';
import { useOptions } from './use-options';
import { useRequest } from './use-request';

/** The way out of a forgotten passphrase: the stored keys cannot be recovered, so they are deleted. */
export function ResetVaultForm({ onDone }: { onDone(): void }) {
  const resetVault = useOptions((s) => s.resetVault);
  const request = useRequest();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (request.busy) return;
    const outcome = await request.run(resetVault);
    if (outcome.ok) onDone();
  };

  return (
    <form className="vault-form" aria-label="Forgot your passphrase" onSubmit={submit}>
      <p className="muted">
        Without the passphrase nobody can decrypt your stored API keys, Parley included. Resetting
        deletes every stored key and the passphrase; your providers, conversations and settings
        stay. Then enter each provider’s key again.
      </p>
      <FormActions
        submitLabel="Delete all keys and reset"
        tone="danger"
        disabled={request.busy}
        onCancel={onDone}
      />
      <ProblemText problem={request.problem} />
    </form>
  );
}
