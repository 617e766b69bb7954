import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import type { ProviderCheck, RequestPayload } from '@/shared/protocol';
import { PRESETS, PRESET_ORDER, type ProviderPreset, type ProviderView } from '@/shared/settings';
import { ApiChoice } from './ApiChoice';
import { ApiKeyField } from './ApiKeyField';
import { CheckResult } from './CheckResult';
import { hasUsableKey } from './describe-check';
import { HostAccessWarning } from './HostAccessWarning';
import { ModelField } from './ModelField';
import { ProblemMessage } from './ProblemMessage';
import {
  draftFromProvider,
  draftProblems,
  hasApiChoice,
  newDraft,
  savePayload,
  withPreset,
  type DraftProblems,
  type ProviderDraftForm,
} from './provider-draft';
import { requestHostAccess, type HostAccess } from './request-host-access';
import { useOptions } from './use-options';
import { useRequest } from './use-request';

interface ProviderFormProps {
  /** The provider to edit; none to add a new one. Read once: remount (via `key`) to switch. */
  provider?: ProviderView;
  /** Bring the form into view and focus it (after "Edit" or "New provider" was pressed). */
  focusOnMount?: boolean;
  onSaved(provider: ProviderView): void;
  onNewProvider(): void;
}

interface SaveReport {
  name: string;
  hasKey: boolean;
  check: ProviderCheck;
  refusedOrigin: string | null;
}

export function ProviderForm({
  provider,
  focusOnMount,
  onSaved,
  onNewProvider,
}: ProviderFormProps) {
  const [draft, setDraft] = useState<ProviderDraftForm>(() =>
    provider ? draftFromProvider(provider) : newDraft(),
  );
  const [problems, setProblems] = useState<DraftProblems>({});
  const [report, setReport] = useState<SaveReport | null>(null);
  const save = useRequest();
  const saveProvider = useOptions((s) => s.saveProvider);
  const loadModels = useOptions((s) => s.loadModels);
  const storedMask = useOptions(
    (s) => s.settings?.providers.find((p) => p.id === draft.id)?.maskedKey ?? null,
  );
  const formRef = useRef<HTMLFormElement>(null);
  const presetRef = useRef<HTMLSelectElement>(null);
  const baseUrlRef = useRef<HTMLInputElement>(null);
  const headingId = useId();
  const presetId = useId();
  const nameId = useId();
  const nameHintId = useId();
  const baseUrlId = useId();
  const baseUrlHintId = useId();
  const baseUrlErrorId = useId();

  useEffect(() => {
    if (!focusOnMount) return;
    formRef.current?.scrollIntoView?.({ block: 'start', behavior: 'smooth' });
    presetRef.current?.focus({ preventScroll: true });
  }, [focusOnMount]);

  const update = (patch: Partial<ProviderDraftForm>) => setDraft((d) => ({ ...d, ...patch }));
  const editing = Boolean(draft.id);
  const preset = PRESETS[draft.preset];

  const finishSave = async (
    access: Promise<HostAccess>,
    payload: RequestPayload<'provider.save'>,
  ) => {
    setReport(null);
    const outcome = await save.run(async () => {
      // Saved whatever the answer: a server that allows extension origins works without access.
      await access;
      return saveProvider(payload);
    });
    // On failure every input keeps what the user typed.
    if (!outcome.ok) return;
    const granted = await access;
    const { provider: saved, check } = outcome.value;
    // The key is now stored and shown only masked, so the field is cleared.
    setDraft(draftFromProvider(saved));
    setReport({
      name: saved.name,
      hasKey: hasUsableKey(saved),
      check,
      refusedOrigin: granted.status === 'refused' ? granted.origin : null,
    });
    onSaved(saved);
    if (check.status === 'valid') void loadModels(saved.id, false);
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (save.busy) return;
    const found = draftProblems(draft);
    setProblems(found);
    if (found.baseURL) {
      baseUrlRef.current?.focus();
      return;
    }
    // Nothing may be awaited before this: Chrome shows the prompt only during the user's gesture.
    const access = requestHostAccess(draft.baseURL);
    void finishSave(access, savePayload(draft));
  };

  return (
    <form
      ref={formRef}
      className="provider-form"
      aria-labelledby={headingId}
      onSubmit={submit}
      noValidate
    >
      <div className="form-header">
        <h3 id={headingId}>{editing ? 'Edit provider' : 'Add a provider'}</h3>
        {editing && (
          <button type="button" onClick={onNewProvider}>
            + New provider
          </button>
        )}
      </div>

      <div className="form-grid">
        <div className="field">
          <label htmlFor={presetId}>Provider</label>
          <select
            id={presetId}
            ref={presetRef}
            value={draft.preset}
            onChange={(e) => setDraft((d) => withPreset(d, e.target.value as ProviderPreset))}
          >
            {PRESET_ORDER.map((key) => (
              <option key={key} value={key}>
                {PRESETS[key].label}
              </option>
            ))}
          </select>
        </div>

        <div className="field">
          <label htmlFor={nameId}>Name</label>
          <input
            id={nameId}
            value={draft.name}
            maxLength={100}
            placeholder={preset.label}
            onChange={(e) => update({ name: e.target.value })}
            aria-describedby={nameHintId}
          />
          <p id={nameHintId} className="hint">
            Optional. How the provider appears in the side panel.
          </p>
        </div>
      </div>

      <div className="field">
        <label htmlFor={baseUrlId}>Base URL</label>
        <input
          id={baseUrlId}
          ref={baseUrlRef}
          type="url"
          inputMode="url"
          spellCheck={false}
          autoComplete="off"
          value={draft.baseURL}
          placeholder="https://llm.example.com/v1"
          onChange={(e) => update({ baseURL: e.target.value })}
          aria-invalid={problems.baseURL ? true : undefined}
          aria-describedby={problems.baseURL ? `${baseUrlErrorId} ${baseUrlHintId}` : baseUrlHintId}
        />
        {problems.baseURL && (
          <p id={baseUrlErrorId} className="inline-problem">
            {problems.baseURL}
          </p>
        )}
        <p id={baseUrlHintId} className="hint">
          {draft.preset === 'custom'
            ? 'The address of any OpenAI-compatible API, usually ending in /v1.'
            : `Filled in for ${preset.label}; change it only if you use a different address.`}
        </p>
      </div>

      <ApiKeyField
        value={draft.apiKey}
        onChange={(apiKey) => update({ apiKey })}
        needsKey={preset.needsKey}
        storedMask={editing ? storedMask : null}
        removeKey={draft.removeKey}
        onRemoveKeyChange={(removeKey) => update({ removeKey })}
      />

      <ModelField
        value={draft.model}
        onChange={(model) => update({ model })}
        providerId={draft.id}
      />

      {hasApiChoice(draft.preset) && (
        <ApiChoice value={draft.api} onChange={(api) => update({ api })} />
      )}

      <div className="form-actions">
        <button type="submit" className="primary" aria-disabled={save.busy || undefined}>
          Save
        </button>
        {save.busy && (
          <span className="muted" role="status">
            Saving and checking the connection…
          </span>
        )}
      </div>

      {save.problem && <ProblemMessage problem={save.problem} />}
      {report && (
        <div className="save-report">
          <CheckResult
            check={report.check}
            hasKey={report.hasKey}
            lead={`Saved “${report.name}”.`}
          />
          {report.refusedOrigin && <HostAccessWarning origin={report.refusedOrigin} />}
        </div>
      )}
    </form>
  );
}
