// Busy and failure state for one control that sends requests, so every form handles them alike.
import { useCallback, useState } from 'react';
import type { Outcome, RequestProblem } from './options-store';

export interface RequestState {
  busy: boolean;
  problem: RequestProblem | null;
  /** Runs the action, tracking busy, and keeps its failure (or clears it on success). */
  run<T>(action: () => Promise<Outcome<T>>): Promise<Outcome<T>>;
  setProblem(problem: RequestProblem | null): void;
}

export function useRequest(): RequestState {
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<RequestProblem | null>(null);
  const run = useCallback(async <T>(action: () => Promise<Outcome<T>>) => {
    setBusy(true);
    setProblem(null);
    const outcome = await action();
    setBusy(false);
    if (!outcome.ok) setProblem(outcome.problem);
    return outcome;
  }, []);
  return { busy, problem, run, setProblem };
}
