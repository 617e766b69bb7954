import type { RequestProblem } from './options-store';

/** A failure in the background's words, next to the control that caused it. */
export function ProblemText({ problem }: { problem: RequestProblem }) {
  return (
    <p className="inline-problem" role="alert">
      {problem.message}
    </p>
  );
}
