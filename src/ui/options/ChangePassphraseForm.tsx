import { useState, type FormEvent } from 'react';
import { FormActions } from './FormActions';
import { NewPassphraseFields } from './NewPassphraseFields';
import { newPassphraseProblem } from './passphrase-rules';
import { PasswordField } from './PasswordField';
import { ProblemText } from './ProblemText';
import { useOptions } from './use-options';
import { useRequest } from './use-request';

export function ChangePassphraseForm({ onDone }: { onDone(): void }) {
  const changePassphrase = useOptions((s) => s.changePassphrase);
  const request = useRequest();
  const [current, setCurrent] = useState('');
  const [passphrase, setPassphrase] = useState('');
  const [confirmation, setConfirmation] = useState('');

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (request.busy) return;
    if (!current) {
      request.setProblem({ message: 'Enter your current passphrase.' });
      return;
    }
    const problem = newPassphraseProblem(passphrase, confirmation);
    if (problem) {
      request.setProblem({ message: problem });
      return;
    }
    const outcome = await request.run(() => changePassphrase(current, passphrase));
    if (outcome.ok) onDone();
  };

  return (
    <form className="vault-form" aria-label="Change passphrase" onSubmit={submit} noValidate>
      <PasswordField
        label="Current passphrase"
        autoComplete="current-password"
        value={current}
        onChange={setCurrent}
      />
      <NewPassphraseFields
        passphrase={passphrase}
        confirmation={confirmation}
        onPassphraseChange={setPassphrase}
        onConfirmationChange={setConfirmation}
        label="New passphrase"
        confirmLabel="Confirm new passphrase"
      />
      <FormActions submitLabel="Save new passphrase" disabled={request.busy} onCancel={onDone} />
      <ProblemText problem={request.problem} />
    </form>
  );
}
