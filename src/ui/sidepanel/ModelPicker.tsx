import { useEffect, useId } from 'react';
import { useChat } from './use-chat';

/** Which provider and model the next message goes to; a model id can always be typed by hand. */
export function ModelPicker() {
  const providers = useChat((s) => s.settings?.providers);
  const providerId = useChat((s) => s.providerId);
  const model = useChat((s) => s.model);
  const entry = useChat((s) => (s.providerId ? s.models[s.providerId] : undefined));
  const selectProvider = useChat((s) => s.selectProvider);
  const selectModel = useChat((s) => s.selectModel);
  const loadModels = useChat((s) => s.loadModels);
  const listId = useId();
  const errorId = useId();

  // Loads when there is no list: at first, and after the store dropped it (keys or settings changed).
  useEffect(() => {
    if (providerId && !entry) void loadModels(providerId);
  }, [providerId, entry, loadModels]);

  // A list that failed to load (e.g. the keys were locked) is tried again when the user comes back.
  const retryFailed = () => {
    if (providerId && entry?.error && !entry.loading) void loadModels(providerId);
  };

  if (!providers || providers.length === 0) return null;
  return (
    <div className="model-picker" onFocus={retryFailed}>
      <div className="model-picker-row">
        <label>
          <span className="visually-hidden">Provider</span>
          <select value={providerId ?? ''} onChange={(e) => selectProvider(e.target.value)}>
            {providers.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        </label>
        <label className="model-input">
          <span className="visually-hidden">Model</span>
          <input
            list={listId}
            value={model ?? ''}
            placeholder={entry?.loading ? 'Loading models…' : 'Model id'}
            onChange={(e) => selectModel(e.target.value)}
            spellCheck={false}
            aria-describedby={entry?.error ? errorId : undefined}
          />
          <datalist id={listId}>
            {entry?.models.map((m) => (
              <option key={m.id} value={m.id}>
                {m.name && m.name !== m.id ? m.name : undefined}
              </option>
            ))}
          </datalist>
        </label>
      </div>
      {entry?.error && (
        <p id={errorId} className="model-error small" role="status">
          Could not load models: {entry.error}
        </p>
      )}
    </div>
  );
}
