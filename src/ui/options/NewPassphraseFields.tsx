import { useId } from 'react';
import { passphraseStrength } from './passphrase-rules';

interface NewPassphraseFieldsProps {
  passphrase: string;
  confirmation: string;
  onPassphraseChange(value: string): void;
  onConfirmationChange(value: string): void;
  /** "New passphrase" when it replaces one, "Passphrase" when setting the first. */
  label: string;
  confirmLabel: string;
}

/** A new passphrase typed twice, with a strength hint while typing. */
export function NewPassphraseFields(props: NewPassphraseFieldsProps) {
  const { passphrase, confirmation, onPassphraseChange, onConfirmationChange } = props;
  const passphraseId = useId();
  const confirmId = useId();
  const strengthId = useId();
  const strength = passphraseStrength(passphrase);
  return (
    <>
      <div className="field">
        <label htmlFor={passphraseId}>{props.label}</label>
        <input
          id={passphraseId}
          type="password"
          autoComplete="new-password"
          value={passphrase}
          onChange={(e) => onPassphraseChange(e.target.value)}
          aria-describedby={strengthId}
        />
        <p
          id={strengthId}
          className={`hint strength strength-${passphrase ? strength.level : 'empty'}`}
        >
          {passphrase ? strength.hint : 'At least 8 characters. A few unrelated words work well.'}
        </p>
      </div>
      <div className="field">
        <label htmlFor={confirmId}>{props.confirmLabel}</label>
        <input
          id={confirmId}
          type="password"
          autoComplete="new-password"
          value={confirmation}
          onChange={(e) => onConfirmationChange(e.target.value)}
        />
      </div>
    </>
  );
}
