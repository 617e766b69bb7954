import type { RequestProblem } from './options-store';
import { ProblemText } from './ProblemText';
import { UnlockForm } from './UnlockForm';
import { useOptions } from './use-options';

/** A request failure; when it failed because the keys are locked, offers to unlock right here. */
export function ProblemMessage({ problem }: { problem: RequestProblem }) {
  const locked = useOptions((s) => s.vault?.locked ?? false);
  if (problem.code !== 'vault_locked') return <ProblemText problem={problem} />;
  return (
    <div className="problem-with-unlock">
      <ProblemText problem={problem} />
      {locked ? (
        <UnlockForm />
      ) : (
        <p className="muted small" role="status">
          Your keys are unlocked now. Try again.
        </p>
      )}
    </div>
  );
}
