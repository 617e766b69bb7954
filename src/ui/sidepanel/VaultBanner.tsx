import { useState, type FormEvent } from 'react';
import { useChat } from './use-chat';

/** When the vault is locked, says so and offers to unlock it right here. */
export function VaultBanner() {
  const vault = useChat((s) => s.vault);
  const unlock = useChat((s) => s.unlock);
  const [passphrase, setPassphrase] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  if (!vault?.locked) return null;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    const failure = await unlock(passphrase);
    setBusy(false);
    setError(failure);
    if (!failure) setPassphrase('');
  };

  return (
    <form
      className="banner warning vault-banner"
      aria-label="Unlock your API keys"
      onSubmit={submit}
    >
      <div>
        <strong>Your API keys are locked.</strong> Enter your Parley passphrase to chat.
        {error && (
          <div role="alert" className="vault-error">
            {error}
          </div>
        )}
      </div>
      <div className="vault-row">
        <label className="visually-hidden" htmlFor="vault-passphrase">
          Passphrase
        </label>
        <input
          id="vault-passphrase"
          type="password"
          autoComplete="current-password"
          value={passphrase}
          onChange={(e) => setPassphrase(e.target.value)}
        />
        <button type="submit" className="primary" disabled={busy || !passphrase}>
          {busy ? 'Unlocking…' : 'Unlock'}
        </button>
      </div>
    </form>
  );
}
