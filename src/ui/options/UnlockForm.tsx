import { useState, type KeyboardEvent } from 'react';
import { PasswordField } from './PasswordField';
import { ProblemText } from './ProblemText';
import { useOptions } from './use-options';
import { useRequest } from './use-request';

/**
 * Unlocks a passphrase vault; shown in "Key security" and wherever a request hit the lock. A group
 * rather than a <form>, because it also appears inside other forms (forms cannot nest).
 */
export function UnlockForm() {
  const unlock = useOptions((s) => s.unlock);
  const request = useRequest();
  const [passphrase, setPassphrase] = useState('');

  const submit = async () => {
    if (!passphrase || request.busy) return;
    const outcome = await request.run(() => unlock(passphrase));
    if (outcome.ok) setPassphrase('');
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key !== 'Enter') return;
    // Enter unlocks here instead of submitting a surrounding form.
    event.preventDefault();
    void submit();
  };

  return (
    <div className="unlock-form" role="group" aria-label="Unlock your API keys">
      <PasswordField
        label="Passphrase"
        autoComplete="current-password"
        value={passphrase}
        onChange={setPassphrase}
        onKeyDown={onKeyDown}
        invalid={request.problem !== null}
        beside={
          <button
            type="button"
            className="primary"
            disabled={!passphrase || request.busy}
            onClick={() => void submit()}
          >
            {request.busy ? 'Unlocking…' : 'Unlock'}
          </button>
        }
      />
      <ProblemText problem={request.problem} />
    </div>
  );
}
