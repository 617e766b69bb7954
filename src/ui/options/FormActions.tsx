import type { ReactNode } from 'react';

interface FormActionsProps {
  submitLabel: ReactNode;
  /** `danger` for submits that delete keys or weaken their protection. */
  tone?: 'primary' | 'danger';
  disabled: boolean;
  /** Adds a Cancel button that closes the form. */
  onCancel?(): void;
  /** Shown after the buttons, such as a "Saved." status. */
  children?: ReactNode;
}

/** A form's button row: the submit button, then an optional Cancel. */
export function FormActions({ submitLabel, tone = 'primary', ...props }: FormActionsProps) {
  return (
    <div className="form-actions">
      <button type="submit" className={tone} disabled={props.disabled}>
        {submitLabel}
      </button>
      {props.onCancel && (
        <button type="button" onClick={props.onCancel}>
          Cancel
        </button>
      )}
      {props.children}
    </div>
  );
}
