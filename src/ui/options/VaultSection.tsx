import { useState } from 'react';
import type { VaultStatus } from '@/shared/protocol';
import { autoLockLabel } from './auto-lock-choices';
import { AutoLockSelect } from './AutoLockSelect';
import { ChangePassphraseForm } from './ChangePassphraseForm';
import { ProblemText } from './ProblemText';
import { RemovePassphraseForm } from './RemovePassphraseForm';
import { Section } from './Section';
import { SetPassphraseForm } from './SetPassphraseForm';
import { ResetVaultForm } from './ResetVaultForm';
import { UnlockForm } from './UnlockForm';
import { useOptions } from './use-options';
import { useRequest } from './use-request';
import { VaultExplanation } from './VaultExplanation';

function statusWords(vault: VaultStatus): { title: string; detail: string; tone: string } {
  if (vault.mode === 'device') {
    return {
      tone: 'ok',
      title: 'Protected on this device',
      detail: 'Your keys are encrypted and ready whenever this browser profile is open.',
    };
  }
  if (vault.locked) {
    return {
      tone: 'warning',
      title: 'Locked',
      detail: 'Your keys are protected by your passphrase. Unlock them to chat.',
    };
  }
  return {
    tone: 'ok',
    title: 'Unlocked',
    detail:
      vault.autoLockMs === 0
        ? 'Your keys lock again when the browser restarts or when you lock them.'
        : `Your keys lock again after ${autoLockLabel(vault.autoLockMs)} without use, or when the browser restarts.`,
  };
}

type OpenForm = 'change' | 'remove' | 'reset' | null;

function PassphraseControls({ vault }: { vault: VaultStatus }) {
  const lock = useOptions((s) => s.lock);
  const lockRequest = useRequest();
  const [open, setOpen] = useState<OpenForm>(null);
  const toggle = (form: Exclude<OpenForm, null>) => setOpen((o) => (o === form ? null : form));

  return (
    <div className="vault-controls">
      {vault.locked ? (
        <UnlockForm />
      ) : (
        <div className="form-grid">
          <AutoLockSelect autoLockMs={vault.autoLockMs} />
        </div>
      )}
      <div className="inline-controls">
        {!vault.locked && (
          <button
            type="button"
            disabled={lockRequest.busy}
            onClick={() => void lockRequest.run(lock)}
          >
            Lock now
          </button>
        )}
        <button type="button" aria-expanded={open === 'change'} onClick={() => toggle('change')}>
          Change passphrase…
        </button>
        <button
          type="button"
          className="danger"
          aria-expanded={open === 'remove'}
          onClick={() => toggle('remove')}
        >
          Remove passphrase…
        </button>
        {vault.locked && (
          <button
            type="button"
            className="link"
            aria-expanded={open === 'reset'}
            onClick={() => toggle('reset')}
          >
            Forgot your passphrase?
          </button>
        )}
      </div>
      <ProblemText problem={lockRequest.problem} />
      {open === 'change' && <ChangePassphraseForm onDone={() => setOpen(null)} />}
      {open === 'remove' && <RemovePassphraseForm onDone={() => setOpen(null)} />}
      {open === 'reset' && <ResetVaultForm onDone={() => setOpen(null)} />}
    </div>
  );
}

export function VaultSection() {
  const vault = useOptions((s) => s.vault);
  const status = vault ? statusWords(vault) : null;
  return (
    <Section
      id="security"
      title="Key security"
      description="How Parley protects the API keys stored in this browser."
    >
      {vault && status ? (
        <>
          <div className={`vault-status ${status.tone}`} role="status">
            <span className="vault-mode">
              {vault.mode === 'device' ? 'Device protection' : 'Passphrase protection'}
            </span>
            <span>
              <strong>{status.title}.</strong> {status.detail}
            </span>
          </div>
          <VaultExplanation />
          {vault.mode === 'device' ? <SetPassphraseForm /> : <PassphraseControls vault={vault} />}
        </>
      ) : (
        <p className="muted" role="status">
          Loading…
        </p>
      )}
    </Section>
  );
}
