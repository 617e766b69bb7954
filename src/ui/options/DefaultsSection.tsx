import { useId, useState, type FormEvent } from 'react';
import { FormActions } from './FormActions';
import { ModelTitlesToggle } from './ModelTitlesToggle';
import { ProblemMessage } from './ProblemMessage';
import { Section } from './Section';
import { useOptions } from './use-options';
import { useRequest } from './use-request';

export function DefaultsSection() {
  const stored = useOptions((s) => s.settings?.systemPrompt ?? '');
  const loaded = useOptions((s) => s.settings !== null);
  const saveSystemPrompt = useOptions((s) => s.saveSystemPrompt);
  const request = useRequest();
  /** What the user typed; null while untouched, so the stored prompt shows once it loads. */
  const [draft, setDraft] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const textareaId = useId();
  const hintId = useId();
  const value = draft ?? stored;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (request.busy) return;
    const outcome = await request.run(() => saveSystemPrompt(value));
    if (outcome.ok) {
      setDraft(null);
      setSaved(true);
    }
  };

  return (
    <Section id="defaults" title="Defaults" description="Used by every new chat.">
      <form onSubmit={submit} aria-label="Defaults">
        <div className="field">
          <label htmlFor={textareaId}>System prompt</label>
          <textarea
            id={textareaId}
            rows={5}
            maxLength={20_000}
            value={value}
            disabled={!loaded}
            placeholder="For example: Answer briefly. Use metric units."
            aria-describedby={hintId}
            onChange={(e) => {
              setDraft(e.target.value);
              setSaved(false);
            }}
          />
          <p id={hintId} className="hint">
            Instructions sent before every conversation. Leave empty for none.
          </p>
        </div>
        <FormActions
          submitLabel="Save system prompt"
          disabled={!loaded || request.busy || draft === null}
        >
          {saved && (
            <span className="ok-text" role="status">
              Saved.
            </span>
          )}
        </FormActions>
        {request.problem && <ProblemMessage problem={request.problem} />}
      </form>
      <ModelTitlesToggle />
    </Section>
  );
}
