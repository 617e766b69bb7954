import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { PasswordField } from './PasswordField';

afterEach(cleanup);

describe('PasswordField', () => {
  it('is a labelled password input that reports what is typed', () => {
    const onChange = vi.fn();
    render(
      <PasswordField label="Passphrase" autoComplete="new-password" value="" onChange={onChange} />,
    );
    const input = screen.getByLabelText('Passphrase');
    expect(input.getAttribute('type')).toBe('password');
    expect(input.getAttribute('autocomplete')).toBe('new-password');
    expect(input.getAttribute('spellcheck')).toBe('false');
    expect(input.hasAttribute('aria-invalid')).toBe(false);
    fireEvent.change(input, { target: { value: 'correct horse' } });
    expect(onChange).toHaveBeenCalledWith('correct horse');
  });

  it('points at its hint, marks itself invalid, and shows a control beside the input', () => {
    render(
      <PasswordField
        label="Passphrase"
        autoComplete="current-password"
        value="x"
        onChange={() => {}}
        describedBy="the-hint"
        invalid
        beside={<button type="button">Unlock</button>}
      >
        <p id="the-hint">Type it carefully.</p>
      </PasswordField>,
    );
    const input = screen.getByLabelText('Passphrase');
    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect(input.getAttribute('aria-describedby')).toBe('the-hint');
    expect(input.parentElement!.className).toBe('inline-controls');
    expect(input.parentElement!.contains(screen.getByRole('button', { name: 'Unlock' }))).toBe(
      true,
    );
  });
});
