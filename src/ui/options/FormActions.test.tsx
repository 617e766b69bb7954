import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { FormActions } from './FormActions';

afterEach(cleanup);

describe('FormActions', () => {
  it('has only the submit button without onCancel', () => {
    render(<FormActions submitLabel="Set passphrase" disabled={false} />);
    const submit = screen.getByRole('button', { name: 'Set passphrase' });
    expect(submit.getAttribute('type')).toBe('submit');
    expect(submit.className).toBe('primary');
    expect(screen.queryByRole('button', { name: 'Cancel' })).toBeNull();
  });

  it('adds a Cancel that does not submit, and can disable a danger submit', () => {
    const onCancel = vi.fn();
    render(
      <FormActions
        submitLabel="Delete all keys and reset"
        tone="danger"
        disabled
        onCancel={onCancel}
      >
        <span role="status">Saved.</span>
      </FormActions>,
    );
    const submit = screen.getByRole('button', { name: 'Delete all keys and reset' });
    expect(submit.className).toBe('danger');
    expect((submit as HTMLButtonElement).disabled).toBe(true);
    const cancel = screen.getByRole('button', { name: 'Cancel' });
    expect(cancel.getAttribute('type')).toBe('button');
    fireEvent.click(cancel);
    expect(onCancel).toHaveBeenCalledTimes(1);
    expect(screen.getByRole('status').textContent).toBe('Saved.');
  });
});
