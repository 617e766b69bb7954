import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { ProblemText } from './ProblemText';

afterEach(cleanup);

describe('ProblemText', () => {
  it('renders nothing without a problem', () => {
    const { container } = render(<ProblemText problem={null} />);
    expect(container.innerHTML).toBe('');
  });

  it('announces the problem in the background’s words', () => {
    render(<ProblemText problem={{ message: 'The vault is locked.', code: 'vault_locked' }} />);
    expect(screen.getByRole('alert').textContent).toBe('The vault is locked.');
  });
});
