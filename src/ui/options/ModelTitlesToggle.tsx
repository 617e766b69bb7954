import { useId } from 'react';
import { ProblemMessage } from './ProblemMessage';
import { useOptions } from './use-options';
import { useRequest } from './use-request';

/** Whether the model writes a short title after a conversation's first answer (a tiny extra request). */
export function ModelTitlesToggle() {
  const on = useOptions((s) => s.settings?.modelTitles !== false);
  const loaded = useOptions((s) => s.settings !== null);
  const setModelTitles = useOptions((s) => s.setModelTitles);
  const request = useRequest();
  const inputId = useId();
  const hintId = useId();
  return (
    <div className="field model-titles">
      <div className="checkbox-row">
        <input
          id={inputId}
          type="checkbox"
          checked={on}
          disabled={!loaded || request.busy}
          aria-describedby={hintId}
          onChange={(e) => void request.run(() => setModelTitles(e.target.checked))}
        />
        <label htmlFor={inputId}>Let the model name new conversations</label>
      </div>
      <p id={hintId} className="hint">
        After the first answer, Parley asks the same model for a short title (a few dozen tokens).
        When off, a conversation is named after your first message.
      </p>
      {request.problem && <ProblemMessage problem={request.problem} />}
    </div>
  );
}
