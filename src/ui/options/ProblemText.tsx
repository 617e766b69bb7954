import type { RequestProblem } from './options-store';

/**
 * A failure in the background's words, next to the control that caused it. Renders nothing without
 * a problem, so callers can pass their request's problem as it is.
 */
export function ProblemText({ problem }: { problem: RequestProblem | null }) {
  if (!problem) return null;
  return (
    <p className="inline-problem" role="alert">
      {problem.message}
    </p>
  );
}
