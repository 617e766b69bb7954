import { useId, useState, type FormEvent } from 'react';
import { NewPassphraseFields } from './NewPassphraseFields';
import { newPassphraseProblem } from './passphrase-rules';
import { ProblemText } from './ProblemText';
import { useOptions } from './use-options';
import { useRequest } from './use-request';

export function ChangePassphraseForm({ onDone }: { onDone(): void }) {
  const changePassphrase = useOptions((s) => s.changePassphrase);
  const request = useRequest();
  const [current, setCurrent] = useState('');
  const [passphrase, setPassphrase] = useState('');
  const [confirmation, setConfirmation] = useState('');
  const currentId = useId();

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
      <div className="form-grid">
        <NewPassphraseFields
          passphrase={passphrase}
          confirmation={confirmation}
          onPassphraseChange={setPassphrase}
          onConfirmationChange={setConfirmation}
          label="New passphrase"
          confirmLabel="Confirm new passphrase"
        />
      </div>
      <div className="form-actions">
        <button type="submit" className="primary" disabled={request.busy}>
          Save new passphrase
        </button>
        <button type="button" onClick={onDone}>
          Cancel
        </button>
      </div>
      {request.problem && <ProblemText problem={request.problem} />}
    </form>
  );
}
