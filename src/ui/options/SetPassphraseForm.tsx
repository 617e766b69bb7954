import { useState, type FormEvent } from 'react';
import { FormActions } from './FormActions';
import { NewPassphraseFields } from './NewPassphraseFields';
import { newPassphraseProblem } from './passphrase-rules';
import { ProblemText } from './ProblemText';
import { useOptions } from './use-options';
import { useRequest } from './use-request';

/** Device mode → passphrase mode. */
export function SetPassphraseForm() {
  const enablePassphrase = useOptions((s) => s.enablePassphrase);
  const request = useRequest();
  const [passphrase, setPassphrase] = useState('');
  const [confirmation, setConfirmation] = useState('');

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (request.busy) return;
    const problem = newPassphraseProblem(passphrase, confirmation);
    if (problem) {
      request.setProblem({ message: problem });
      return;
    }
    await request.run(() => enablePassphrase(passphrase));
    // On success the section switches to the passphrase controls; on failure the fields stay.
  };

  return (
    <form className="vault-form" aria-label="Set a passphrase" onSubmit={submit} noValidate>
      <h3>Set a passphrase</h3>
      <NewPassphraseFields
        passphrase={passphrase}
        confirmation={confirmation}
        onPassphraseChange={setPassphrase}
        onConfirmationChange={setConfirmation}
        label="Passphrase"
        confirmLabel="Confirm passphrase"
      />
      <FormActions
        submitLabel={request.busy ? 'Encrypting your keys…' : 'Set passphrase'}
        disabled={request.busy}
      />
      <ProblemText problem={request.problem} />
    </form>
  );
}
