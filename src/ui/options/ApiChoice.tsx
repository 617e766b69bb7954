import { useId } from 'react';
import type { WireApi } from '@/client/types';

const CHOICES: { api: WireApi; label: string }[] = [
  { api: 'responses', label: 'Responses' },
  { api: 'chat', label: 'Chat Completions' },
];

/** Which of OpenAI's two APIs to speak; other providers only offer Chat Completions. */
export function ApiChoice({ value, onChange }: { value: WireApi; onChange(api: WireApi): void }) {
  const name = useId();
  const hintId = useId();
  return (
    <fieldset className="field radio-field" aria-describedby={hintId}>
      <legend>API</legend>
      <div className="radio-options">
        {CHOICES.map((choice) => (
          <label key={choice.api} className="radio-option">
            <input
              type="radio"
              name={name}
              value={choice.api}
              checked={value === choice.api}
              onChange={() => onChange(choice.api)}
            />
            {choice.label}
          </label>
        ))}
      </div>
      <p id={hintId} className="hint">
        Responses is OpenAI&apos;s current API (reasoning summaries, prompt caching). Chat
        Completions suits proxies that only speak the older API.
      </p>
    </fieldset>
  );
}
