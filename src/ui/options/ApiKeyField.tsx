import { useId } from 'react';
import { PasswordField } from './PasswordField';

interface ApiKeyFieldProps {
  value: string;
  onChange(value: string): void;
  /** Whether the preset needs a key at all (local servers usually do not). */
  needsKey: boolean;
  /** The stored key's masked form when editing a provider that has one. */
  storedMask: string | null;
  removeKey: boolean;
  onRemoveKeyChange(remove: boolean): void;
}

/** A password field: a key is never shown again once saved, only its masked form. */
export function ApiKeyField(props: ApiKeyFieldProps) {
  const { value, onChange, needsKey, storedMask, removeKey, onRemoveKeyChange } = props;
  const hintId = useId();
  const removeId = useId();
  const hint = storedMask
    ? `Stored key: ${storedMask}. Leave empty to keep it, or paste a new key to replace it.`
    : needsKey
      ? 'Encrypted on this device. Never synced, never exported.'
      : 'Optional for local servers.';

  return (
    <PasswordField
      label="API key"
      autoComplete="off"
      value={value}
      onChange={onChange}
      disabled={removeKey}
      describedBy={hintId}
      placeholder={storedMask ? 'Keep the stored key' : needsKey ? 'sk-…' : 'Not needed'}
    >
      <p id={hintId} className="hint">
        {hint}
      </p>
      {storedMask && (
        <div className="checkbox-row">
          <input
            id={removeId}
            type="checkbox"
            checked={removeKey}
            onChange={(e) => onRemoveKeyChange(e.target.checked)}
          />
          <label htmlFor={removeId}>Remove stored key</label>
        </div>
      )}
    </PasswordField>
  );
}
