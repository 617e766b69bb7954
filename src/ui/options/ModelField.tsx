import { useId } from 'react';
import { ProblemMessage } from './ProblemMessage';
import { useOptions } from './use-options';

interface ModelFieldProps {
  value: string;
  onChange(value: string): void;
  /** The saved provider whose models can be listed; none while adding a new one. */
  providerId: string | undefined;
}

/** A free-text model id with the provider's model list as suggestions (the browser filters them). */
export function ModelField({ value, onChange, providerId }: ModelFieldProps) {
  const list = useOptions((s) => (providerId ? s.models[providerId] : undefined));
  const loadModels = useOptions((s) => s.loadModels);
  const inputId = useId();
  const listId = useId();
  const hintId = useId();
  const count = list?.models.length ?? 0;

  let hint: string;
  if (!providerId) hint = 'Type a model id. Once the provider is saved, you can load its list.';
  else if (list?.loading) hint = 'Loading models…';
  else if (list && !list.problem)
    hint = `${count} model${count === 1 ? '' : 's'} loaded: type to search.`;
  else hint = 'Type a model id, or load the provider’s list to search it.';

  return (
    <div className="field">
      <label htmlFor={inputId}>Model</label>
      <div className="inline-controls">
        <input
          id={inputId}
          list={listId}
          value={value}
          onChange={(e) => onChange(e.target.value)}
          spellCheck={false}
          autoComplete="off"
          placeholder="Default model for new chats"
          aria-describedby={hintId}
        />
        <button
          type="button"
          disabled={!providerId || list?.loading}
          onClick={() => providerId && void loadModels(providerId, Boolean(list))}
        >
          Load models
        </button>
      </div>
      <datalist id={listId}>
        {list?.models.map((model) => (
          <option key={model.id} value={model.id}>
            {model.name && model.name !== model.id ? model.name : undefined}
          </option>
        ))}
      </datalist>
      <p id={hintId} className="hint" aria-live="polite">
        {hint}
      </p>
      {list?.problem && <ProblemMessage problem={list.problem} />}
    </div>
  );
}
