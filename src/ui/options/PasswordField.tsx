import { useId, type KeyboardEvent, type ReactNode } from 'react';

interface PasswordFieldProps {
  label: string;
  value: string;
  onChange(value: string): void;
  autoComplete: 'current-password' | 'new-password' | 'off';
  /** The id of a hint that explains the field. */
  describedBy?: string;
  invalid?: boolean;
  disabled?: boolean;
  placeholder?: string;
  onKeyDown?(event: KeyboardEvent<HTMLInputElement>): void;
  /** A control on the input's line, such as a submit button. */
  beside?: ReactNode;
  /** Hints and extra controls below the input. */
  children?: ReactNode;
}

/** A labelled secret input (passphrase or API key). */
export function PasswordField({ label, beside, children, ...props }: PasswordFieldProps) {
  const inputId = useId();
  const input = (
    <input
      id={inputId}
      type="password"
      autoComplete={props.autoComplete}
      // Secrets are never offered to a spelling service.
      spellCheck={false}
      value={props.value}
      onChange={(e) => props.onChange(e.target.value)}
      onKeyDown={props.onKeyDown}
      disabled={props.disabled}
      placeholder={props.placeholder}
      aria-describedby={props.describedBy}
      aria-invalid={props.invalid || undefined}
    />
  );
  return (
    <div className="field">
      <label htmlFor={inputId}>{label}</label>
      {beside ? (
        <div className="inline-controls">
          {input}
          {beside}
        </div>
      ) : (
        input
      )}
      {children}
    </div>
  );
}
