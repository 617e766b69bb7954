import { useId } from 'react';
import { passphraseStrength } from './passphrase-rules';
import { PasswordField } from './PasswordField';

interface NewPassphraseFieldsProps {
  passphrase: string;
  confirmation: string;
  onPassphraseChange(value: string): void;
  onConfirmationChange(value: string): void;
  /** "New passphrase" when it replaces one, "Passphrase" when setting the first. */
  label: string;
  confirmLabel: string;
}

/** A new passphrase typed twice, side by side, with a strength hint while typing. */
export function NewPassphraseFields(props: NewPassphraseFieldsProps) {
  const { passphrase, confirmation, onPassphraseChange, onConfirmationChange } = props;
  const strengthId = useId();
  const strength = passphraseStrength(passphrase);
  return (
    <div className="form-grid">
      <PasswordField
        label={props.label}
        autoComplete="new-password"
        value={passphrase}
        onChange={onPassphraseChange}
        describedBy={strengthId}
      >
        <p
          id={strengthId}
          className={`hint strength strength-${passphrase ? strength.level : 'empty'}`}
        >
          {passphrase ? strength.hint : 'At least 8 characters. A few unrelated words work well.'}
        </p>
      </PasswordField>
      <PasswordField
        label={props.confirmLabel}
        autoComplete="new-password"
        value={confirmation}
        onChange={onConfirmationChange}
      />
    </div>
  );
}
